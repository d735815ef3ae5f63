import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import type { Database } from "../db/client.js";
import { createLeasedSpending, type Spent } from "./rate-limit-lease.js";
import { rateLimitPoints } from "../db/tables/rate-limits.js";
import type { Caller, IdentifyCaller, Tier } from "./caller.js";
import { ErrorCode } from "./errors.js";
import { sendGraphQLError } from "./http-errors.js";
import type { QueryCost } from "./limits/plugin.js";
import type { RateLimitOptions } from "./serving-options.js";

/** Where a caller stands in the current window. */
export interface RateLimitStatus {
  tier: Tier;
  limit: number;
  remaining: number;
  /** Milliseconds until the window ends and the budget is full again. */
  resetMs: number;
}

interface RequestRateLimit {
  caller: Caller;
  status: RateLimitStatus;
  /** The operation spent points beyond the gate's, so the headers the gate set are out of date. */
  charged?: boolean;
}

/** The gate's state per response, until the GraphQL context takes it over. */
const gateStates = new WeakMap<Response, RequestRateLimit>();
const REQUEST_STATE = Symbol("vangnet.rateLimit");

/**
 * Where the counters live: in this process (one API process, or PGlite), in the database (every
 * API process on one Postgres server shares them), or in Redis.
 */
export type RateLimitStore = { kind: "memory" } | { kind: "database"; db: Database } | { kind: "redis"; client: unknown };

/**
 * Budgets per tier in fixed windows (rate-limiter-flexible). With a shared store (the database's
 * `rate_limit_points`, or Redis) a caller's budget is the same whichever process answers; the
 * store is asked once per lease of a few points, not per request (rate-limit-lease.ts), a caller
 * over its budget is refused from this process's memory until the window ends, and if the store
 * fails the process counts in its own memory meanwhile.
 * Spending more than is left is refused and still counts, so a caller over the limit waits for the
 * window to end. The store is chosen on the first request, once the database is open.
 */
export function createRateLimits(options: RateLimitOptions, storeOf: () => RateLimitStore = () => ({ kind: "memory" }), onRefused?: (tier: Tier) => void) {
  const limitOf: Record<Tier, number> = { anonymous: options.anonymous, standard: options.standard, partner: options.partner };
  const limiterOf = (tier: Tier, store: RateLimitStore): RateLimiterMemory | RateLimiterStoreAbstract => {
    const base = { keyPrefix: tier, points: limitOf[tier], duration: options.windowSeconds };
    if (store.kind === "memory") return new RateLimiterMemory(base);
    const shared = { ...base, inMemoryBlockOnConsumed: limitOf[tier], insuranceLimiter: new RateLimiterMemory(base) };
    if (store.kind === "redis") return new RateLimiterRedis({ ...shared, keyPrefix: `vangnet:rl:${tier}`, storeClient: store.client });
    return new RateLimiterDrizzle({ ...shared, storeClient: store.db, schema: rateLimitPoints });
  };
  type Spend = (key: string, points: number) => Promise<Spent>;
  const spenderOf = (tier: Tier, store: RateLimitStore): Spend => {
    const limiter = limiterOf(tier, store);
    // A shared store is asked once per lease, not once per request (rate-limit-lease.ts).
    if (store.kind !== "memory") return createLeasedSpending(limiter, limitOf[tier]);
    return async (key, points) => {
      try {
        const res = await limiter.consume(key, points);
        return { allowed: true, remaining: res.remainingPoints, resetMs: res.msBeforeNext };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { allowed: false, remaining: refusal.remainingPoints, resetMs: refusal.msBeforeNext };
        throw refusal;
      }
    };
  };
  let spenders: Record<Tier, Spend> | undefined;
  const spenderFor = (tier: Tier): Spend => {
    if (!spenders) {
      const store = storeOf();
      spenders = { anonymous: spenderOf("anonymous", store), standard: spenderOf("standard", store), partner: spenderOf("partner", store) };
    }
    return spenders[tier];
  };

  return {
    windowSeconds: options.windowSeconds,
    async spend(caller: Caller, points: number): Promise<{ allowed: boolean; status: RateLimitStatus }> {
      const spent = await spenderFor(caller.tier)(caller.id, points);
      if (!spent.allowed) onRefused?.(caller.tier);
      return { allowed: spent.allowed, status: { tier: caller.tier, limit: limitOf[caller.tier], remaining: spent.remaining, resetMs: spent.resetMs } };
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;

/** The IETF draft's fields (draft-ietf-httpapi-ratelimit-headers, separate-header style). */
export function rateLimitHeaders(status: RateLimitStatus, windowSeconds: number): Record<string, string> {
  return {
    "RateLimit-Limit": String(status.limit),
    "RateLimit-Remaining": String(Math.max(0, status.remaining)),
    "RateLimit-Reset": String(Math.ceil(status.resetMs / 1000)),
    "RateLimit-Policy": `${status.limit};w=${windowSeconds}`,
  };
}

function rateLimitedMessage(status: RateLimitStatus, windowSeconds: number, needed: number): string {
  const who = status.tier === "anonymous" ? "callers without an API key (per IP address)" : `API keys of the ${status.tier} tier`;
  const hint = status.tier === "anonymous" ? "; an API key has a higher limit" : "";
  return (
    `Rate limit reached: ${who} may spend ${status.limit} points per ${windowSeconds} s, and this request needs ${needed}. ` +
    `Try again in ${Math.max(1, Math.ceil(status.resetMs / 1000))} s${hint}.`
  );
}

function retryAfter(status: RateLimitStatus): string {
  return String(Math.max(1, Math.ceil(status.resetMs / 1000)));
}

/** How a gate answers a request it refuses (401, 429): a GraphQL error body unless told otherwise. */
export type SendRefusal = (res: Response, status: number, message: string, code: string, headers: Record<string, string>) => void;

export interface RateLimitGateOptions {
  /** Points the request spends at the gate: 1 for /graphql (the rest once its cost is known), a fixed cost elsewhere. */
  points?: number;
  refuse?: SendRefusal;
}

/**
 * Before Apollo (and before the feeds): identify the caller (401 for a bad key), spend the
 * request's points (one for /graphql), set the RateLimit headers, and refuse with 429 when the
 * budget is spent. The rest of a query's points are spent once its cost is known (`chargeOperation`).
 */
export function createRateLimitGate(rateLimits: RateLimits, identify: IdentifyCaller, options: RateLimitGateOptions = {}): RequestHandler {
  const points = options.points ?? 1;
  const refuse = options.refuse ?? sendGraphQLError;
  return async (req, res, next) => {
    try {
      const identified = await identify(req);
      const caller: Caller = "caller" in identified ? identified.caller : { tier: "anonymous", id: `ip:${req.ip ?? "unknown"}` };
      const spent = await rateLimits.spend(caller, points);
      res.set(rateLimitHeaders(spent.status, rateLimits.windowSeconds));
      if ("refused" in identified) {
        refuse(res, 401, identified.refused, ErrorCode.unauthenticated, { "WWW-Authenticate": 'Bearer realm="vangnet"' });
        return;
      }
      if (!spent.allowed) {
        refuse(res, 429, rateLimitedMessage(spent.status, rateLimits.windowSeconds, points), ErrorCode.rateLimited, { "Retry-After": retryAfter(spent.status) });
        return;
      }
      gateStates.set(res, { caller, status: spent.status });
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Carry the gate's state into the GraphQL context (Apollo copies the context's own properties). */
export function withRateLimitState<T extends object>(res: Response, context: T): T {
  const state = gateStates.get(res);
  return state ? Object.assign(context, { [REQUEST_STATE]: state }) : context;
}

/** Who the gate let through for this response (the GraphQL context's API key comes from here). */
export function callerOfResponse(res: Response): Caller | undefined {
  return gateStates.get(res)?.caller;
}

function stateOf(context: object): RequestRateLimit | undefined {
  return (context as { [REQUEST_STATE]?: RequestRateLimit })[REQUEST_STATE];
}

/** Spend the points of an operation beyond the one its request already paid; 429 when over. */
export function createOperationCharge<TContext extends BaseContext>(rateLimits: RateLimits) {
  return async (requestContext: GraphQLRequestContextDidResolveOperation<TContext>, cost: QueryCost): Promise<void> => {
    const state = stateOf(requestContext.contextValue);
    if (!state || cost.points <= 1) return;
    const spent = await rateLimits.spend(state.caller, cost.points - 1);
    state.status = spent.status;
    state.charged = true;
    if (!spent.allowed) {
      throw new GraphQLError(rateLimitedMessage(spent.status, rateLimits.windowSeconds, cost.points), {
        extensions: { code: ErrorCode.rateLimited, http: { status: 429, headers: new HeaderMap([["retry-after", retryAfter(spent.status)]]) } },
      });
    }
  };
}

/**
 * The RateLimit headers of a response show the budget after this operation's spending: the gate's
 * headers stand unless the operation spent more (most cost one point, which the gate took).
 */
export function createRateLimitHeadersPlugin<TContext extends BaseContext>(rateLimits: RateLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const state = stateOf(contextValue);
          if (!state?.charged) return;
          for (const [name, value] of Object.entries(rateLimitHeaders(state.status, rateLimits.windowSeconds))) response.http.headers.set(name.toLowerCase(), value);
        },
      };
    },
  };
}
