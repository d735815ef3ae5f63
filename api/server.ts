import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type RequestHandler } from "express";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { Database, DbHandle } from "../db/client.js";
import { type MunicipalityRegister, municipalityRegister } from "../db/reference/municipality-register.js";
import { type HarvestProgress, NO_HARVEST } from "../schema/harvest.js";
import { ChangeHub } from "./changes/change-hub.js";
import type { ApiKeyOfCaller } from "./caller.js";
import { type ApiContext, OperationContext, systemClock } from "./context.js";
import { ErrorCode } from "./errors.js";
import { createBulkRouter } from "./bulk/router.js";
import { createFeedsRouter } from "./feeds/router.js";
import { createLoaders } from "./loaders.js";
import { resolvers } from "./resolvers/index.js";
import type { ServingOverrides } from "./serving-options.js";
import { createHttpLogging, requestLogger } from "./http-logging.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { middlewareSequence } from "./middleware-sequence.js";
import type { RateLimitStore } from "./rate-limit.js";
import { KEY_REVOKED_CHANNEL } from "../db/queries/api-keys.js";
import { connectRedis } from "./redis.js";
import { createServing } from "./serving.js";
import { createStatusRouter } from "./status.js";
import { attachSubscriptions } from "./subscriptions/subscription-server.js";
import { readTypeDefs } from "./type-defs.js";
import { createLandingRouter } from "./web/landing.js";
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from "./webhooks/webhook-settings.js";

export interface ApiServerOptions {
  logger: Logger;
  /** Show stack traces and internal error messages (NODE_ENV=development). */
  development: boolean;
  /** Query limits, rate limits and the response cache; the defaults fill whatever is left out. */
  serving?: ServingOverrides;
  /** The first harvest's progress, for /healthz and the `harvest` query; `off` when absent. */
  harvest?: () => HarvestProgress | undefined;
  /** The time now for the resolvers; the real time when absent (tests fix it). */
  clock?: () => Date;
  /** The municipality register the resolvers check and group by; the shipped one when absent. */
  municipalities?: MunicipalityRegister;
  /** Webhook URLs and limits; public addresses only and 25 webhooks per key when absent. */
  webhooks?: Partial<WebhookSettings>;
  /** Directory of the scheduled bulk snapshots, served at /bulk/snapshots/latest/ (VANGNET_SNAPSHOT_DIR). */
  snapshotDir?: string | undefined;
  /** Most bulk exports running at once (VANGNET_BULK_EXPORTS); 3 when absent. */
  maxBulkExports?: number;
  /** Redis server for the rate-limit counters (REDIS_URL), shared by every API process. */
  redisUrl?: string | undefined;
  /** When set, GET /metrics needs `Authorization: Bearer <token>` (VANGNET_METRICS_TOKEN). */
  metricsToken?: string | undefined;
  /** One log line per request (default); tests that start many servers may leave it out. */
  requestLogs?: boolean;
}

export interface ApiServer {
  /** Start listening; the API answers 503 until `setDatabase` is called. */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** The database is migrated and ready: start serving queries. */
  setDatabase(handle: DbHandle, readReplica?: DbHandle): void;
  /** This process's reader of the change log, once the database is ready (webhooks wake on it). */
  changeHub(): ChangeHub | undefined;
  /** Say not ready (/readyz 503) from now on, before `close`, so that a load balancer stops sending work. */
  beginShutdown(): void;
  /** Stop accepting requests and wait for those in flight; close subscriptions (1001). Does not close the database. */
  close(): Promise<void>;
  /** Drop every cached GraphQL response (for writers in this process, after a commit). */
  invalidateResponseCache(): void;
  /**
   * Forget the remembered lookup of an API key (by its SHA-256), after this process revoked it,
   * so that the key is refused from its next request instead of within the lookup cache's time.
   */
  forgetApiKey(keyHash: string): void;
}

/**
 * The HTTP side of Vangnet: GraphQL at /graphql (Apollo Server 5 on Express 5; subscriptions
 * over WebSocket on the same path) and /healthz.
 * The server listens before the database is ready so that orchestrators can see it starting.
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const app = express();
  app.disable("x-powered-by");
  let shuttingDown = false;
  const metrics = createMetrics({
    database: () => database,
    subscribers: () => subscriptions?.connections ?? 0,
    changeHubHead: () => changes?.hub.head(),
    logger: options.logger,
  });
  app.use(createHttpLogging(options.logger, { log: options.requestLogs !== false, observe: metrics.observeHttp }));
  const httpServer: Server = createServer(app);
  let database: DbHandle | undefined;
  /** The read replica of the API's reads (DATABASE_READ_URL), when there is one. */
  let replica: DbHandle | undefined;
  const hubs: ChangeHub[] = [];
  const unlisteners: (() => Promise<void>)[] = [];
  const harvest = () => options.harvest?.() ?? NO_HARVEST;
  const clock = options.clock ?? systemClock;
  const municipalities = options.municipalities ?? municipalityRegister();
  const webhooks: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...options.webhooks };
  const redis = options.redisUrl ? await connectRedis(options.redisUrl, options.logger) : undefined;
  const rateLimitStore = (): RateLimitStore => {
    const choice = options.serving?.rateLimit?.store ?? "auto";
    if (choice === "redis" || (choice === "auto" && redis)) {
      if (!redis) throw new Error("the rate-limit store is redis, but no Redis URL (REDIS_URL) is set");
      return { kind: "redis", client: redis };
    }
    if (choice === "database" || (choice === "auto" && database?.driver === "postgres")) return { kind: "database", db: (database as DbHandle).db };
    return { kind: "memory" };
  };
  const serving = createServing<ApiContext>({ overrides: options.serving, logger: options.logger, db: () => (database as DbHandle).db, rateLimitStore, onRateLimited: metrics.refused });
  app.set("trust proxy", serving.options.trustProxy);
  // No ETag computed over every response body: /graphql's GETs, the feeds and the bulk files set
  // their own validators, and a hash of each POST's answer served no one (issue 16: per-request work).
  app.set("etag", false);

  const schema = makeExecutableSchema<ApiContext>({ typeDefs: readTypeDefs(), resolvers });
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: true,
    // The command that owns the process handles SIGINT/SIGTERM and closes everything in order;
    // Apollo's own handlers would stop the server and re-raise the signal, killing the process
    // before the database is closed and its lock file and admin socket removed (seen 2026-11:
    // vangnet.lock left; outside NODE_ENV=test only, so tests did not see it).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: options.development,
    validationRules: serving.apollo.validationRules,
    parseOptions: serving.apollo.parseOptions,
    allowBatchedHttpRequests: serving.apollo.allowBatchedHttpRequests,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), operationObserver(metrics, serving.formatError, options.logger), ...serving.apollo.plugins],
    formatError: (unlimited, error) => {
      const formatted = serving.formatError(unlimited, error);
      if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR" && !options.development) return { ...formatted, message: "Internal server error" };
      return formatted;
    },
  });
  await apollo.start();

  // Change notifications: one reader of the change log per process, started with the database.
  let changes: { db: Database; hub: ChangeHub } | undefined;
  // Subscriptions get no key in their context: webhooks, the only fields that need one, are queries and mutations over HTTP.
  const shared = { harvest, clock, municipalities, webhooks };
  const contextFor = (db: Database, apiKey: ApiKeyOfCaller | null = null, logger: Logger | (() => Logger) = options.logger, primary: Database = db): ApiContext =>
    new OperationContext(db, primary, createLoaders(db), apiKey, logger, shared);
  const subscriptions = attachSubscriptions({
    httpServer,
    path: "/graphql",
    schema,
    limits: serving.options.subscriptions,
    queryLimits: serving.options.limits,
    validationRules: serving.subscriptionValidationRules,
    maxTokens: serving.options.limits.maxTokens,
    trustProxy: app.get("trust proxy fn") as (address: string, hop: number) => boolean,
    identify: serving.identifyPresented,
    live: () => changes,
    contextFor,
    logger: options.logger,
    development: options.development,
  });

  // Liveness: the process answers (200) whatever its state; readiness says whether to send it work.
  app.get("/healthz", (_req, res) => {
    const status = shuttingDown ? "shutting_down" : database ? "ok" : "starting";
    res.set("Cache-Control", "no-store").json({ status, database: database?.driver ?? "not ready", harvest: harvest() });
  });
  app.get("/readyz", async (_req, res) => {
    res.set("Cache-Control", "no-store");
    if (shuttingDown) return void res.status(503).json({ ready: false, reason: "shutting down" });
    if (!database) return void res.status(503).json({ ready: false, reason: "the database is opening or being migrated" });
    const reachable = await databaseAnswers(database, READY_CHECK_TIMEOUT_MS);
    if (reachable !== true) return void res.status(503).json({ ready: false, reason: `the database does not answer: ${reachable}` });
    const replicaReachable = replica ? await databaseAnswers(replica, READY_CHECK_TIMEOUT_MS) : true;
    if (replicaReachable !== true) return void res.status(503).json({ ready: false, reason: `the read replica does not answer: ${replicaReachable}` });
    res.json({ ready: true, database: database.driver, ...(replica ? { readReplica: true } : {}) });
  });
  app.get("/metrics", metricsAccess(options.metricsToken), metrics.handler);

  app.use(
    "/graphql",
    middlewareSequence([
      serving.cors,
      (_req, res, next) => {
        if (database) return next();
        res
          .status(503)
          .set("Retry-After", "2")
          .json({
            errors: [{ message: "The database is not ready yet", extensions: { code: ErrorCode.serviceUnavailable } }],
          });
      },
      ...serving.beforeGraphql,
      express.json({ limit: "256kb" }),
      ...serving.afterBodyParser,
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const primary = (database as DbHandle).db;
          const requestLog = () => requestLogger(req, options.logger);
          return serving.context(res, contextFor(replica?.db ?? primary, serving.apiKeyOf(res), requestLog, primary));
        },
      }),
    ]),
  );
  app.use("/graphql", serving.errorHandler);
  // After /graphql, so that API requests do not walk the landing page's routes first.
  app.use(createLandingRouter());
  // The change feeds and their pages: the same budgets as /graphql, a fixed cost per request.
  app.use(
    createBulkRouter({
      db: () => database,
      snapshotDir: options.snapshotDir,
      maxConcurrentExports: options.maxBulkExports,
      municipalities,
      logger: options.logger,
      createRateLimitGate: serving.createRateLimitGate,
    }),
  );
  app.use(
    createFeedsRouter({
      db: () => database?.db,
      municipalities,
      logger: options.logger,
      maxAgeSeconds: serving.options.responseCache.maxAgeSeconds,
      createRateLimitGate: serving.createRateLimitGate,
    }),
  );
  app.use(createStatusRouter({ db: () => database, harvest, clock, logger: options.logger, createRateLimitGate: serving.createRateLimitGate }));
  // Anything else is not here: a JSON answer, like every other answer of the API, instead of
  // Express's HTML page.
  app.use((req, res) => {
    res.status(404).json({ error: "not_found", message: `no route ${req.method} ${req.path}; GraphQL is at /graphql, health at /healthz, the feeds at /feeds/changes.atom and /feeds/changes.json, bulk files at /bulk/, the landing page at /` });
  });

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          resolve(httpServer.address() as AddressInfo);
        });
      }),
    setDatabase: (handle, readReplica) => {
      database = handle;
      replica = readReplica;
      // PGlite notifies only this process, and never loses a notification: no poll needed there.
      const hub = new ChangeHub({ db: handle.db, listen: handle.listen, logger: options.logger, pollIntervalMs: handle.driver === "pglite" ? 0 : 30_000 });
      // A change committed by any process drops this process's cached responses at once.
      hub.onChanges(() => serving.invalidateResponseCache());
      hub.start().then(
        () => {
          if (database === handle) changes = { db: handle.db, hub };
        },
        (error: unknown) => options.logger.error({ err: error }, "could not listen for change notifications; subscriptions are unavailable"),
      );
      hubs.push(hub);
      // A key revoked by any process (`vangnet keys revoke`, another API process) is refused here from the commit on.
      handle.listen(KEY_REVOKED_CHANNEL, (keyHash) => serving.forgetApiKey(keyHash)).then(
        (unlisten) => unlisteners.push(unlisten),
        (error: unknown) => options.logger.error({ err: error }, "could not listen for key revocations; a key revoked elsewhere is refused here within the key cache's time"),
      );
    },
    changeHub: () => changes?.hub,
    beginShutdown: () => {
      shuttingDown = true;
    },
    close: async () => {
      shuttingDown = true;
      changes = undefined;
      await subscriptions.dispose();
      await apollo.stop();
      await Promise.all(hubs.map((hub) => hub.stop()));
      await Promise.all(unlisteners.splice(0).map((unlisten) => unlisten().catch(() => undefined)));
      await redis?.quit().catch(() => undefined);
    },
    invalidateResponseCache: serving.invalidateResponseCache,
    forgetApiKey: serving.forgetApiKey,
  };
}

/** How long /readyz waits for the database to answer `select 1`. */
const READY_CHECK_TIMEOUT_MS = 2_000;

/** True when the database answers `select 1` within `timeoutMs`, else what went wrong. */
async function databaseAnswers(handle: DbHandle, timeoutMs: number): Promise<true | string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([handle.rows("select 1").then(() => true as const), late]);
  } catch (error) {
    return (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}

/** GET /metrics for anyone, or, with a token, only for `Authorization: Bearer <token>`. */
function metricsAccess(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!token) return next();
    const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1];
    if (given && timingSafeEqual(createHash("sha256").update(given).digest(), createHash("sha256").update(token).digest())) return next();
    res.status(401).set("WWW-Authenticate", 'Bearer realm="vangnet-metrics"').type("text/plain").send("GET /metrics needs Authorization: Bearer <VANGNET_METRICS_TOKEN>\n");
  };
}

/**
 * Every operation over HTTP: its latency in the metrics by name, type and outcome, and its
 * unexpected errors logged with the request's logger (its request id on the line). One plugin for
 * both: Apollo awaits each plugin's hooks for every request.
 */
function operationObserver(metrics: Metrics, format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError, fallback: Logger): ApolloServerPlugin<ApiContext> {
  // One listener object for every operation: the start time is the context's, no closure per request.
  const listener: GraphQLRequestListener<ApiContext> = {
    async didEncounterErrors({ errors, contextValue }) {
      for (const error of errors) {
        if (format(error.toJSON(), error).extensions?.code !== "INTERNAL_SERVER_ERROR") continue;
        (contextValue?.logger ?? fallback).error({ err: unwrapResolverError(error) }, "unexpected error while resolving a query");
      }
    },
    async willSendResponse({ operation, operationName, response, errors, contextValue }) {
      const failed = (errors?.length ?? 0) > 0 || (response.body.kind === "single" && (response.body.singleResult.errors?.length ?? 0) > 0);
      metrics.observeOperation(operation?.name?.value ?? operationName, operation?.operation ?? "unknown", failed, (performance.now() - contextValue.startedAt) / 1000);
    },
  };
  return { requestDidStart: async () => listener };
}
