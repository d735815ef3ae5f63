/**
 * How /graphql protects itself and its callers: query limits, rate limits and the response cache.
 * The defaults suit a laptop; `vangnet start` takes them from the environment (cli/config.ts).
 */

/** Checked for every operation before anything runs. */
export interface QueryLimits {
  /** Largest computed cost (see api/limits/cost.ts). */
  maxCost: number;
  /** Deepest nesting of fields (introspection's `__schema` is not counted). */
  maxDepth: number;
  /** Most aliases in one operation, fragments included. */
  maxAliases: number;
  /** Most lexical tokens in the query text. */
  maxTokens: number;
  /** Most directives in one operation. */
  maxDirectives: number;
}

/** Budgets in points per window; a request spends `max(1, ceil(cost / 100))` points. */
export interface RateLimitOptions {
  windowSeconds: number;
  /** Callers without an API key, counted per IP address. */
  anonymous: number;
  /** Keys of the `standard` tier. */
  standard: number;
  /** Keys of the `partner` tier. */
  partner: number;
  /** How long a key lookup is remembered: a revoked key is refused at the latest this much later. */
  keyCacheTtlMs: number;
  /**
   * Where the counters live: `auto` is Redis when a Redis URL is given, the database on a
   * Postgres server (shared by every API process), this process's memory on PGlite.
   */
  store: RateLimitStoreChoice;
}

export type RateLimitStoreChoice = "auto" | "memory" | "database" | "redis";

export interface ResponseCacheOptions {
  /** `Cache-Control: public, max-age=…` of a successful GET. */
  maxAgeSeconds: number;
  /** Memory for cached GET responses; 0 turns the server-side cache off. */
  maxBytes: number;
  /** The change log is asked for its latest sequence number at most this often. */
  versionCheckIntervalMs: number;
}

/** GraphQL subscriptions over WebSocket (api/subscriptions/). */
export interface SubscriptionLimits {
  /** Open WebSocket connections per client IP address; more are refused with HTTP 429. */
  maxConnectionsPerIp: number;
  /** Active subscriptions on one connection. */
  maxPerConnection: number;
  /** Active subscriptions of one API key over all its connections to this process. */
  maxPerKey: number;
  /** Live changes kept in memory per subscription; a client further behind is read for from the database. */
  maxQueued: number;
  /** A client that takes no waiting change for this long (its socket does not drain) is disconnected with 1013. */
  stallTimeoutMs: number;
  /** Time a new connection has to send its `connection_init` (graphql-ws closes with 4408 after it). */
  connectionInitTimeoutMs: number;
}

export interface ServingOptions {
  limits: QueryLimits;
  subscriptions: SubscriptionLimits;
  rateLimit: RateLimitOptions;
  responseCache: ResponseCacheOptions;
  /** Express's `trust proxy`: whose X-Forwarded-For to believe for the caller's IP. */
  trustProxy: boolean | number | string;
}

export interface ServingOverrides {
  limits?: Partial<QueryLimits>;
  subscriptions?: Partial<SubscriptionLimits>;
  rateLimit?: Partial<RateLimitOptions>;
  responseCache?: Partial<ResponseCacheOptions>;
  trustProxy?: boolean | number | string;
}

export const DEFAULT_SERVING_OPTIONS: ServingOptions = {
  limits: { maxCost: 10_000, maxDepth: 12, maxAliases: 30, maxTokens: 2_000, maxDirectives: 20 },
  subscriptions: { maxConnectionsPerIp: 20, maxPerConnection: 10, maxPerKey: 100, maxQueued: 1_000, stallTimeoutMs: 30_000, connectionInitTimeoutMs: 10_000 },
  rateLimit: { windowSeconds: 60, anonymous: 300, standard: 3_000, partner: 15_000, keyCacheTtlMs: 30_000, store: "auto" },
  responseCache: { maxAgeSeconds: 60, maxBytes: 32 * 1024 * 1024, versionCheckIntervalMs: 1_000 },
  trustProxy: false,
};

/** The defaults with whatever the caller gave. */
export function resolveServingOptions(overrides: ServingOverrides = {}): ServingOptions {
  const defaults = DEFAULT_SERVING_OPTIONS;
  return {
    limits: { ...defaults.limits, ...overrides.limits },
    subscriptions: { ...defaults.subscriptions, ...overrides.subscriptions },
    rateLimit: { ...defaults.rateLimit, ...overrides.rateLimit },
    responseCache: { ...defaults.responseCache, ...overrides.responseCache },
    trustProxy: overrides.trustProxy ?? defaults.trustProxy,
  };
}
