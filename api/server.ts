import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Logger } from "pino";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { Database, DbHandle } from "../db/client.js";
import { type MunicipalityRegister, municipalityRegister } from "../db/reference/municipality-register.js";
import { type HarvestProgress, NO_HARVEST } from "../schema/harvest.js";
import { ChangeHub } from "./changes/change-hub.js";
import type { ApiKeyOfCaller } from "./caller.js";
import { type ApiContext, systemClock } from "./context.js";
import { ErrorCode } from "./errors.js";
import { createBulkRouter } from "./bulk/router.js";
import { createFeedsRouter } from "./feeds/router.js";
import { createLoaders } from "./loaders.js";
import { resolvers } from "./resolvers/index.js";
import type { ServingOverrides } from "./serving-options.js";
import { middlewareSequence } from "./middleware-sequence.js";
import { createServing } from "./serving.js";
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
}

export interface ApiServer {
  /** Start listening; the API answers 503 until `setDatabase` is called. */
  listen(port: number, host: string): Promise<AddressInfo>;
  /** The database is migrated and ready: start serving queries. */
  setDatabase(handle: DbHandle): void;
  /** This process's reader of the change log, once the database is ready (webhooks wake on it). */
  changeHub(): ChangeHub | undefined;
  /** Stop accepting requests and wait for those in flight. Does not close the database. */
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
  const httpServer: Server = createServer(app);
  let database: DbHandle | undefined;
  const hubs: ChangeHub[] = [];
  const harvest = () => options.harvest?.() ?? NO_HARVEST;
  const clock = options.clock ?? systemClock;
  const municipalities = options.municipalities ?? municipalityRegister();
  const webhooks: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...options.webhooks };
  const serving = createServing<ApiContext>({ overrides: options.serving, logger: options.logger, db: () => (database as DbHandle).db });
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
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ...serving.apollo.plugins],
    formatError: (unlimited, error) => {
      const formatted = serving.formatError(unlimited, error);
      if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR") {
        options.logger.error({ err: error }, "unexpected error while resolving a query");
        if (!options.development) return { ...formatted, message: "Internal server error" };
      }
      return formatted;
    },
  });
  await apollo.start();

  // Change notifications: one reader of the change log per process, started with the database.
  let changes: { db: Database; hub: ChangeHub } | undefined;
  // Subscriptions get no key in their context: webhooks, the only fields that need one, are queries and mutations over HTTP.
  const contextFor = (db: Database, apiKey: ApiKeyOfCaller | null = null): ApiContext => ({ db, loaders: createLoaders(db), harvest, clock, municipalities, apiKey, webhooks });
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

  app.get("/healthz", (_req, res) => {
    if (!database) {
      res.status(503).json({ status: "starting", database: "not ready" });
      return;
    }
    res.json({ status: "ok", database: database.driver, harvest: harvest() });
  });

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
        context: async ({ res }) => {
          return serving.context(res, contextFor((database as DbHandle).db, serving.apiKeyOf(res)));
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
    setDatabase: (handle) => {
      database = handle;
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
    },
    changeHub: () => changes?.hub,
    close: async () => {
      changes = undefined;
      await subscriptions.dispose();
      await apollo.stop();
      await Promise.all(hubs.map((hub) => hub.stop()));
    },
    invalidateResponseCache: serving.invalidateResponseCache,
    forgetApiKey: serving.forgetApiKey,
  };
}
