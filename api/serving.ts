import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import cors from "cors";
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { GraphQLFormattedError, ValidationRule } from "graphql";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { latestChangeSeq } from "../db/queries/change-log.js";
import { createArgumentTextPlugin } from "./argument-text-plugin.js";
import { createCallerIdentifier } from "./caller.js";
import { graphqlBodyErrors, presentProtocolError, refuseBatches } from "./http-errors.js";
import { knownOperationTypes, subscriptionsOverWebSocket } from "./known-operation-types.js";
import { createQueryLimitsPlugin } from "./limits/plugin.js";
import { limitValidationRules, presentLimitError } from "./limits/rules.js";
import {
  callerOfResponse,
  createOperationCharge,
  createRateLimitGate,
  createRateLimitHeadersPlugin,
  createRateLimits,
  type RateLimitGateOptions,
  type RateLimitStore,
  withRateLimitState,
} from "./rate-limit.js";
import { createResponseCache } from "./response-cache.js";
import { resolveServingOptions, type ServingOptions, type ServingOverrides } from "./serving-options.js";

/** Headers a browser script on another origin may read. */
const EXPOSED_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "Retry-After", "ETag", "X-Cache"];

/**
 * CORS of /graphql: any origin may call it and read the headers above. Preflights go to `cors`;
 * every other request gets the same two headers, computed once (issue 16: per-request work).
 */
function createGraphqlCors(): RequestHandler {
  const preflight = cors({ exposedHeaders: EXPOSED_HEADERS });
  const exposed = EXPOSED_HEADERS.join(",");
  return (req, res, next) => {
    if (req.method === "OPTIONS") return preflight(req, res, next);
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Expose-Headers", exposed);
    next();
  };
}

/**
 * Everything that protects /graphql and its callers, wired once per server: query limits
 * (validation rules, the token limit of the parser, the cost plugin), API keys and rate limits,
 * and the response cache. `server.ts` puts the pieces in place.
 */
export function createServing<TContext extends BaseContext>(input: {
  overrides?: ServingOverrides | undefined;
  logger: Logger;
  db: () => Database;
  rateLimitStore?: () => RateLimitStore;
  /** Told of every request refused for its rate limit (the metrics count them). */
  onRateLimited?: (tier: string) => void;
}) {
  const options: ServingOptions = resolveServingOptions(input.overrides);
  const rateLimits = createRateLimits(options.rateLimit, input.rateLimitStore, input.onRateLimited);
  const callers = createCallerIdentifier({ db: input.db, ttlMs: options.rateLimit.keyCacheTtlMs, logger: input.logger });
  const responseCache = createResponseCache({ ...options.responseCache, readLatestSeq: () => latestChangeSeq(input.db()) });

  const limitRules = limitValidationRules(options.limits) as ValidationRule[];
  return {
    options,
    /** Validation of subscription operations over WebSocket: the same limits as over HTTP. */
    subscriptionValidationRules: [knownOperationTypes, ...limitRules],
    cors: createGraphqlCors(),
    /** Apollo Server configuration. */
    apollo: {
      validationRules: [knownOperationTypes, subscriptionsOverWebSocket, ...limitRules],
      parseOptions: { maxTokens: options.limits.maxTokens },
      allowBatchedHttpRequests: false,
      plugins: [
        // Cache-Control is decided by the response cache from the change log, not by hints.
        ApolloServerPluginCacheControlDisabled(),
        createArgumentTextPlugin<TContext>(),
        createQueryLimitsPlugin<TContext>({ limits: options.limits, onCost: createOperationCharge<TContext>(rateLimits) }),
        createRateLimitHeadersPlugin<TContext>(rateLimits),
        responseCache.plugin<TContext>(),
      ] as ApolloServerPlugin<TContext>[],
    },
    /** Express middleware of /graphql, in order, once the database is ready and before Apollo. */
    beforeGraphql: [createRateLimitGate(rateLimits, callers.identify)] as RequestHandler[],
    /** A gate on the same budgets for routes outside /graphql (the feeds): a fixed cost per request, refusals in the route's own format. */
    createRateLimitGate: (gate: RateLimitGateOptions): RequestHandler => createRateLimitGate(rateLimits, callers.identify, gate),
    /** Between the JSON body parser and Apollo. */
    afterBodyParser: [refuseBatches] as RequestHandler[],
    /** Last in the /graphql chain: errors as GraphQL error bodies. */
    errorHandler: graphqlBodyErrors(input.logger) as ErrorRequestHandler,
    /** Build the GraphQL context with the request's rate-limit state. */
    context: <T extends object>(res: Response, context: T): T => withRateLimitState(res, context),
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => presentProtocolError(presentLimitError(formatted, error), error),
    /** The API key of the request this response answers, or null for an anonymous caller. */
    apiKeyOf: (res: Response) => callerOfResponse(res)?.key ?? null,
    invalidateResponseCache: () => responseCache.invalidate(),
    forgetApiKey: callers.forget,
    /** Identify a WebSocket caller by the key of its init payload, or anonymously by address. */
    identifyPresented: callers.identifyPresented,
  };
}
