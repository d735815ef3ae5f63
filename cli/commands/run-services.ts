import { type AdminChannel, openAdminChannelFor } from "../../api/admin/admin-channel.js";
import { type ApiServer, createApiServer } from "../../api/server.js";
import { createDb, type DbHandle } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import type { Scheduler } from "../../scrapers/schedule.js";
import { type Config, servingOptionsOf } from "../config.js";
import type { Logger } from "../logger.js";
import { portInUse } from "../user-error.js";

export interface Services {
  api: boolean;
  scheduler: boolean;
  port: number;
  host: string;
}

/**
 * The long-running commands (`start`, `serve`, `worker`): listen first (health answers 503 while
 * the database starts), open and migrate the database, then serve and schedule until SIGINT or
 * SIGTERM, and shut down in reverse order.
 */
export async function runServices(config: Config, logger: Logger, services: Services): Promise<number> {
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });

  let api: ApiServer | undefined;
  let handle: DbHandle | undefined;
  let scheduler: Scheduler | undefined;
  let closeScraping: (() => Promise<void>) | undefined;
  let admin: AdminChannel | null = null;
  try {
    if (services.api) {
      api = await createApiServer({ logger, development: config.NODE_ENV === "development", serving: servingOptionsOf(config) });
      const address = await api.listen(services.port, services.host).catch((error: NodeJS.ErrnoException) => {
        throw error.code === "EADDRINUSE" ? portInUse(services.port, services.host) : error;
      });
      logger.info(
        { port: address.port, host: address.address },
        `API listening on http://${address.address}:${address.port}/graphql`,
      );
    }
    handle = await createDb({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.VANGNET_DATA_DIR,
      statementTimeoutMs: config.VANGNET_STATEMENT_TIMEOUT_MS,
    });
    const report = await migrate(handle);
    logger.info({ database: handle.location, driver: handle.driver, ...report }, "database ready");
    api?.setDatabase(handle);
    // `vangnet keys` in another process reaches a PGlite database through this process.
    admin = await openAdminChannelFor(handle, { logger, onKeyRevoked: (keyHash) => api?.forgetApiKey(keyHash) });
    if (services.scheduler) {
      // Loaded only by the commands that scrape: `serve` never loads the scrapers, their parsers or a browser.
      const [{ SourceBusyError }, { syncSources }, { runSource }, { createScheduler }, { configuredSources, createRunDeps }] = await Promise.all([
        import("../../db/queries/scrape-runs.js"),
        import("../../db/queries/sources.js"),
        import("../../scrapers/run-source.js"),
        import("../../scrapers/schedule.js"),
        import("../scraping.js"),
      ]);
      const sources = configuredSources(config);
      await syncSources(handle.db, sources);
      const deps = createRunDeps(config, handle.db, logger);
      closeScraping = deps.close;
      scheduler = createScheduler({
        sources,
        logger,
        run: async (source) => {
          try {
            await runSource(source, deps, { trigger: "schedule" });
          } catch (error) {
            // A `vangnet scrape` of the same source in another process got there first.
            if (error instanceof SourceBusyError) return logger.info({ source: source.id }, error.message);
            throw error;
          }
          // Cached GraphQL responses would also notice the change log within a second.
          api?.invalidateResponseCache();
        },
      });
    }
    const signal = await stopSignal;
    logger.info({ signal }, "shutting down");
    return 0;
  } finally {
    await scheduler?.stop();
    await closeScraping?.();
    await api?.close();
    await admin?.close();
    await handle?.close();
  }
}
