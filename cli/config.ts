import cron from "node-cron";
import { z } from "zod";
import { DEFAULT_PGLITE_SHARED_BUFFERS } from "../db/pglite-settings.js";
import { DEFAULT_SERVING_OPTIONS as defaults, type ServingOverrides } from "../api/serving-options.js";
import { parseAllowNetworks } from "../api/webhooks/address-policy.js";
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from "../api/webhooks/webhook-settings.js";

/** Comma-separated CIDR ranges, each checked as the outbound policy reads them. */
const cidrList = z
  .string()
  .transform((v) => v.split(",").map((part) => part.trim()).filter(Boolean))
  .superRefine((networks, ctx) => {
    try {
      parseAllowNetworks(networks);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  });

/** Every environment variable Vangnet reads, parsed once per entry point. */
const configSchema = z.object({
  /** postgres:// URL of a server; when unset the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** postgres:// URL of a read replica of DATABASE_URL for the API's reads. */
  DATABASE_READ_URL: z.string().url().optional(),
  /** Directory of the embedded PGlite database. */
  VANGNET_DATA_DIR: z.string().min(1).default("./data"),
  /** TCP port of the HTTP API. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Address the HTTP API listens on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Log lines as JSON, as one readable line each (`pretty`), or `auto`: readable when stderr is a terminal. */
  LOG_FORMAT: z.enum(["auto", "pretty", "json"]).default("auto"),
  /** `development` shows stack traces in GraphQL errors; anything else hides them. */
  NODE_ENV: z.string().default("production"),
  /** PGlite's shared buffers (a PostgreSQL size: 16MB, 128MB); more caches more of a big embedded database, at that much more memory. */
  VANGNET_PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, "expected a PostgreSQL size such as 16MB or 128MB")
    .default(DEFAULT_PGLITE_SHARED_BUFFERS),
  /** Server-side statement timeout for the postgres driver, in milliseconds. */
  VANGNET_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** `false` leaves the built-in sources out (only VANGNET_SOURCES_FILE counts): for tests and demos offline. */
  VANGNET_BUILTIN_SOURCES: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** JSON or YAML file that adds, overrides or disables sources. */
  VANGNET_SOURCES_FILE: z.string().min(1).optional(),
  /** Contact URL named in the User-Agent, so site owners can reach the operator. */
  VANGNET_CONTACT_URL: z.string().url().default("https://github.com/vangnet/vangnet"),
  /** Full User-Agent; by default built from the version and the contact URL. */
  VANGNET_USER_AGENT: z.string().min(1).optional(),
  /** Politeness: request starts per second per host. */
  VANGNET_REQUESTS_PER_SECOND: z.coerce.number().positive().max(50).default(1),
  /** Timeout of one HTTP request, body included, in milliseconds. */
  VANGNET_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Largest page body accepted, in bytes; also the size budget of parsing one page. */
  VANGNET_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  /** Worker threads that parse pages, off the API's event loop. */
  VANGNET_PARSE_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Time budget of parsing one page, in milliseconds; a page over it is a per-page error. */
  VANGNET_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** Directory of scheduled bulk snapshots (`start`, `worker`), served at /bulk/snapshots/latest/; unset: none. */
  VANGNET_SNAPSHOT_DIR: z.string().min(1).optional(),
  /** When snapshots are taken (cron, Brussels time). */
  VANGNET_SNAPSHOT_CRON: z
    .string()
    .min(1)
    .default("30 4 * * *")
    .refine((v) => cron.validate(v), { message: "not a cron expression (minute hour day month weekday)" }),
  /** Most bulk exports (`/bulk/{dataset}.{format}`) one API process runs at once; each holds a database connection. */
  VANGNET_BULK_EXPORTS: z.coerce.number().int().min(1).max(64).default(3),
  /** How many snapshots are kept. */
  VANGNET_SNAPSHOT_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  /** `false`: `start` and `worker` leave an empty database empty until each source's schedule (scrapers/first-harvest.ts). */
  VANGNET_FIRST_HARVEST: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** Most sources the first harvest runs at once, each on a host of its own. */
  VANGNET_HARVEST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(3),
  /**
   * How far back the first start on an empty database collects, behind the first harvest: a date
   * (2019-01-01) or a number of days (`730d`); unset: no backfill (use `vangnet backfill`).
   */
  VANGNET_BACKFILL_SINCE: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}|\d{1,5}d)$/, "expected a date YYYY-MM-DD or a number of days such as 730d")
    .optional(),
  /** Where a signed POST goes when a source starts failing or recovers (Standard Webhooks); unset: no alerts. */
  VANGNET_ALERT_WEBHOOK_URL: z.string().url().optional(),
  /** The alert webhook's signing secret, `whsec_` and base64 of 24 to 64 random bytes. */
  VANGNET_ALERT_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, "expected whsec_ followed by the base64 of 24 to 64 bytes")
    .optional(),
  /** Seconds a stopping process (SIGTERM, SIGINT) gives requests, scrape runs and webhook attempts in flight. */
  VANGNET_SHUTDOWN_GRACE_S: z.coerce.number().min(0).max(3600).default(25),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  VANGNET_METRICS_TOKEN: z.string().min(16).optional(),
  /** Seconds a worker's claim on a scheduled fire lasts without renewal (renewed every third of it while the run goes on); a dead worker's fire is taken over after it. */
  VANGNET_SCHEDULE_LEASE_S: z.coerce.number().min(1).max(3600).default(60),
  /** Seconds between two sweeps for lapsed claims and missed fires. */
  VANGNET_SCHEDULE_SWEEP_S: z.coerce.number().min(0.1).max(3600).default(15),
  /** Seconds after which an unclaimed fire counts as missed and is caught up (once, however many were missed). */
  VANGNET_SCHEDULE_CATCH_UP_AFTER_S: z.coerce.number().min(0).max(86_400).default(60),
  /** Largest computed cost of one GraphQL operation (api/limits/cost.ts). */
  VANGNET_MAX_QUERY_COST: z.coerce.number().int().min(1).default(defaults.limits.maxCost),
  /** Deepest nesting of fields in one operation. */
  VANGNET_MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(defaults.limits.maxDepth),
  /** Most aliases in one operation. */
  VANGNET_MAX_ALIASES: z.coerce.number().int().min(0).default(defaults.limits.maxAliases),
  /** Most lexical tokens in one query text. */
  VANGNET_MAX_TOKENS: z.coerce.number().int().min(100).default(defaults.limits.maxTokens),
  /** Most directives in one operation. */
  VANGNET_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(defaults.limits.maxDirectives),
  /** Where rate-limit counters live: auto (Redis with REDIS_URL, else the database on a Postgres server, else memory), memory, database, redis. */
  VANGNET_RATE_LIMIT_STORE: z.enum(["auto", "memory", "database", "redis"]).default("auto"),
  /** redis:// URL of a Redis server for the shared rate-limit counters. */
  REDIS_URL: z.string().url().optional(),
  /** Length of a rate-limit window, in seconds. */
  VANGNET_RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).default(defaults.rateLimit.windowSeconds),
  /** Points per window for callers without an API key, per IP address. */
  VANGNET_RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(1).default(defaults.rateLimit.anonymous),
  /** Points per window for a key of the standard tier. */
  VANGNET_RATE_LIMIT_KEY: z.coerce.number().int().min(1).default(defaults.rateLimit.standard),
  /** Points per window for a key of the partner tier. */
  VANGNET_RATE_LIMIT_PARTNER: z.coerce.number().int().min(1).default(defaults.rateLimit.partner),
  /** `max-age` of a successful GET /graphql response, in seconds. */
  VANGNET_CACHE_MAX_AGE_S: z.coerce.number().int().min(0).default(defaults.responseCache.maxAgeSeconds),
  /** Memory for cached GET /graphql responses, in MiB; 0 turns the server-side cache off. */
  VANGNET_RESPONSE_CACHE_MB: z.coerce.number().min(0).default(defaults.responseCache.maxBytes / 1024 / 1024),
  /** `false`: `start` and `worker` deliver no webhooks (the API still manages them). */
  VANGNET_WEBHOOKS: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** Time budget of one webhook attempt (connection, request and answer), in milliseconds. */
  VANGNET_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Webhook attempts in flight at once per process. */
  VANGNET_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Most webhooks one API key may have. */
  VANGNET_WEBHOOKS_PER_KEY: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_WEBHOOK_SETTINGS.maxPerKey),
  /** For tests only: CIDR ranges webhooks may reach although the address policy refuses them (loopback receivers). Never set in production. */
  VANGNET_WEBHOOK_ALLOWED_NETWORKS: cidrList.optional(),
  /** Open WebSocket connections (subscriptions) per client address. */
  VANGNET_WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(defaults.subscriptions.maxConnectionsPerIp),
  /** Active subscriptions on one WebSocket connection. */
  VANGNET_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(defaults.subscriptions.maxPerConnection),
  /** Active subscriptions of one API key in one process. */
  VANGNET_WS_MAX_SUBSCRIPTIONS_PER_KEY: z.coerce.number().int().min(1).default(defaults.subscriptions.maxPerKey),
  /** Seconds a subscriber may leave waiting changes untaken before it is disconnected (1013). */
  VANGNET_WS_STALL_TIMEOUT_S: z.coerce.number().int().min(1).default(defaults.subscriptions.stallTimeoutMs / 1000),
  /** Express `trust proxy`: `true`, a number of hops, or addresses/subnets ("loopback", "10.0.0.0/8"). */
  VANGNET_TRUST_PROXY: z
    .string()
    .min(1)
    .transform((v): boolean | number | string => (v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v))
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse the configuration from an environment; blank values count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      // A secret's value is not repeated in an error that may end up in a log.
      const shown = /SECRET|TOKEN/.test(name) ? "(hidden)" : JSON.stringify(env[name]);
      return `${name}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  if (result.data.DATABASE_READ_URL && !result.data.DATABASE_URL) {
    throw new ConfigError("invalid configuration: DATABASE_READ_URL is a replica of DATABASE_URL, which is not set");
  }
  if (result.data.VANGNET_ALERT_WEBHOOK_URL && !result.data.VANGNET_ALERT_WEBHOOK_SECRET) {
    throw new ConfigError("invalid configuration: VANGNET_ALERT_WEBHOOK_URL needs VANGNET_ALERT_WEBHOOK_SECRET (whsec_…) to sign the alerts");
  }
  if (result.data.VANGNET_RATE_LIMIT_STORE === "redis" && !result.data.REDIS_URL) {
    throw new ConfigError("invalid configuration: VANGNET_RATE_LIMIT_STORE=redis needs REDIS_URL (redis://host:6379)");
  }
  if (result.data.VANGNET_RATE_LIMIT_STORE === "database" && !result.data.DATABASE_URL) {
    throw new ConfigError("invalid configuration: VANGNET_RATE_LIMIT_STORE=database needs DATABASE_URL: the embedded database serves one process, whose memory holds the counters");
  }
  return result.data;
}

/** What createApiServer takes from the configuration: query limits, rate limits, the response cache. */
export function servingOptionsOf(config: Config): ServingOverrides {
  return {
    limits: {
      maxCost: config.VANGNET_MAX_QUERY_COST,
      maxDepth: config.VANGNET_MAX_QUERY_DEPTH,
      maxAliases: config.VANGNET_MAX_ALIASES,
      maxTokens: config.VANGNET_MAX_TOKENS,
      maxDirectives: config.VANGNET_MAX_DIRECTIVES,
    },
    rateLimit: {
      windowSeconds: config.VANGNET_RATE_LIMIT_WINDOW_S,
      anonymous: config.VANGNET_RATE_LIMIT_ANONYMOUS,
      standard: config.VANGNET_RATE_LIMIT_KEY,
      partner: config.VANGNET_RATE_LIMIT_PARTNER,
      store: config.VANGNET_RATE_LIMIT_STORE,
    },
    subscriptions: {
      maxConnectionsPerIp: config.VANGNET_WS_MAX_CONNECTIONS_PER_IP,
      maxPerConnection: config.VANGNET_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxPerKey: config.VANGNET_WS_MAX_SUBSCRIPTIONS_PER_KEY,
      stallTimeoutMs: config.VANGNET_WS_STALL_TIMEOUT_S * 1000,
    },
    responseCache: { maxAgeSeconds: config.VANGNET_CACHE_MAX_AGE_S, maxBytes: Math.round(config.VANGNET_RESPONSE_CACHE_MB * 1024 * 1024) },
    trustProxy: config.VANGNET_TRUST_PROXY ?? defaults.trustProxy,
  };
}

/** What the API checks when a key creates a webhook: the address policy and the limit per key. */
export function webhookSettingsOf(config: Config): WebhookSettings {
  return { policy: { allowNetworks: config.VANGNET_WEBHOOK_ALLOWED_NETWORKS ?? [] }, maxPerKey: config.VANGNET_WEBHOOKS_PER_KEY };
}
