import { type AdminChannel, openAdminChannelFor } from "../../api/admin/admin-channel.js";
import { type ApiServer, createApiServer } from "../../api/server.js";
import { createDb, type DbHandle } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { CHANGE_CHANNEL } from "../../db/queries/change-log.js";
import type { BackfillQueue } from "../../scrapers/backfill-queue.js";
import type { FirstHarvest } from "../../scrapers/first-harvest.js";
import { createHarvestMonitor, type HarvestMonitor } from "../../scrapers/harvest-progress.js";
import type { Scheduler } from "../../scrapers/schedule.js";
import type { WebhookDispatcher } from "../../api/webhooks/dispatcher.js";
import { type Config, servingOptionsOf, webhookSettingsOf } from "../config.js";
import { configuredSources } from "../configured-sources.js";
import type { Logger } from "../logger.js";
import { packageVersion } from "../package-info.js";
import { portInUse } from "../user-error.js";

export interface Services {
  api: boolean;
  scheduler: boolean;
  port: number;
  host: string;
}

/**
 * The long-running commands (`start`, `serve`, `worker`): listen first (health answers 503 while
 * the database starts), open and migrate the database, begin or resume the first harvest when one
 * is due, then serve and schedule until SIGINT or SIGTERM, and shut down in reverse order.
 */
export async function runServices(config: Config, logger: Logger, services: Services): Promise<number> {
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });

  let api: ApiServer | undefined;
  let handle: DbHandle | undefined;
  let scheduler: Scheduler | undefined;
  let snapshots: { stop(): Promise<void> } | undefined;
  let closeScraping: (() => Promise<void>) | undefined;
  let admin: AdminChannel | null = null;
  let monitor: HarvestMonitor | undefined;
  let harvest: FirstHarvest | null = null;
  let backfills: BackfillQueue | undefined;
  let webhooks: WebhookDispatcher | undefined;
  let scraping: Awaited<ReturnType<typeof loadScraping>> | undefined;
  let readReplica: DbHandle | undefined;
  try {
    const sources = configuredSources(config);
    if (services.api) {
      api = await createApiServer({
        logger,
        development: config.NODE_ENV === "development",
        serving: servingOptionsOf(config),
        harvest: () => monitor?.current(),
        webhooks: webhookSettingsOf(config),
        snapshotDir: config.VANGNET_SNAPSHOT_DIR,
        maxBulkExports: config.VANGNET_BULK_EXPORTS,
        redisUrl: config.REDIS_URL,
        metricsToken: config.VANGNET_METRICS_TOKEN,
      });
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
      pgliteSharedBuffers: config.VANGNET_PGLITE_SHARED_BUFFERS,
      statementTimeoutMs: config.VANGNET_STATEMENT_TIMEOUT_MS,
    });
    const report = await migrate(handle);
    // The API's reads may go to a replica; writes, migrations and the change log stay on the primary.
    if (services.api && config.DATABASE_READ_URL) {
      readReplica = await createDb({ databaseUrl: config.DATABASE_READ_URL, statementTimeoutMs: config.VANGNET_STATEMENT_TIMEOUT_MS });
      logger.info({ readReplica: readReplica.location }, "API reads go to the read replica");
    }
    logger.info({ database: handle.location, driver: handle.driver, ...report }, "database ready");
    monitor = createHarvestMonitor({ db: handle.db, enabledSourceIds: sources.filter((s) => s.enabled).map((s) => s.id), logger });
    // Loaded only by the commands that scrape: `serve` never loads the scrapers, their parsers or a browser.
    scraping = services.scheduler ? await loadScraping() : undefined;
    const deps = scraping?.createRunDeps(config, handle.db, logger);
    closeScraping = deps?.close;
    const invalidate = () => {
      api?.invalidateResponseCache();
      webhooks?.poke();
    };
    if (scraping && deps && config.VANGNET_FIRST_HARVEST) {
      harvest = await scraping.startFirstHarvest({ sources, deps, concurrency: config.VANGNET_HARVEST_CONCURRENCY, monitor, afterRun: invalidate });
    } else {
      await monitor.refresh();
    }
    if (scraping && deps) {
      // History comes after the recent data: the backfills wait for the first harvest.
      backfills = await scraping.startBackfillQueue({
        sources,
        deps,
        firstStartSince: config.VANGNET_BACKFILL_SINCE ? scraping.backfillSinceOf(config.VANGNET_BACKFILL_SINCE, new Date()) : null,
        newDatabase: harvest !== null,
        after: harvest?.finished ?? Promise.resolve(),
        afterRun: invalidate,
      });
    }
    api?.setDatabase(handle, readReplica);
    // `vangnet keys` in another process reaches a PGlite database through this process.
    admin = await openAdminChannelFor(handle, { logger, onKeyRevoked: (keyHash) => api?.forgetApiKey(keyHash) });
    if (scraping && deps) {
      const { SourceBusyError, runSource } = scraping;
      await scraping.syncSources(handle.db, sources);
      const claims = scraping.createFireClaims({ db: handle.db, worker: scraping.currentWorker, leaseMs: config.VANGNET_SCHEDULE_LEASE_S * 1000, logger });
      scheduler = scraping.createScheduler({
        sources,
        logger,
        db: handle.db,
        claims,
        sweepMs: config.VANGNET_SCHEDULE_SWEEP_S * 1000,
        catchUpAfterMs: config.VANGNET_SCHEDULE_CATCH_UP_AFTER_S * 1000,
        run: async (source, fire) => {
          try {
            await runSource(source, deps, { trigger: "schedule", fireAt: fire.fireAt });
          } catch (error) {
            // The first harvest, or a `vangnet scrape` in another process, got there first.
            if (error instanceof SourceBusyError) {
              logger[harvest?.isRunning(source.id) ? "debug" : "info"]({ source: source.id }, error.message);
              return "busy";
            }
            throw error;
          }
          // Cached GraphQL responses would also notice the change log within a second.
          api?.invalidateResponseCache();
          webhooks?.poke();
          return "ran";
        },
      });
    }
    if (services.scheduler && config.VANGNET_WEBHOOKS) webhooks = await startWebhooks(config, handle, logger);
    if (services.scheduler && config.VANGNET_SNAPSHOT_DIR) {
      const { scheduleSnapshots } = await import("../snapshot/snapshot-schedule.js");
      snapshots = scheduleSnapshots({ db: handle, dir: config.VANGNET_SNAPSHOT_DIR, cron: config.VANGNET_SNAPSHOT_CRON, keep: config.VANGNET_SNAPSHOT_KEEP, version: packageVersion(), logger });
    }
    const signal = await stopSignal;
    // No new work from here; requests, runs and webhook attempts in flight get the grace.
    logger.info({ signal, graceSeconds: config.VANGNET_SHUTDOWN_GRACE_S }, "shutting down");
    return 0;
  } finally {
    await shutDown();
  }

  /**
   * Graceful shutdown: /readyz says 503 at once; requests in flight, the runs of scheduled fires
   * and webhook attempts get until the grace ends (VANGNET_SHUTDOWN_GRACE_S). A run still going
   * then is marked interrupted and its fire's claim released (another worker, or the next start,
   * runs it); a webhook attempt still going keeps its lease and is retried with the same delivery
   * id. Then subscriptions are closed (1001), the browser and the database.
   */
  async function shutDown(): Promise<void> {
    const graceMs = config.VANGNET_SHUTDOWN_GRACE_S * 1000;
    const deadline = Date.now() + graceMs;
    const left = () => Math.max(0, deadline - Date.now());
    // Whatever hangs past the grace (and 10 s to close), the process still ends.
    const hardStop = setTimeout(() => {
      logger.error({ graceSeconds: config.VANGNET_SHUTDOWN_GRACE_S }, "shutdown took too long; exiting");
      process.exit(1);
    }, graceMs + 10_000);
    hardStop.unref();
    api?.beginShutdown();
    // A backfill in progress is marked interrupted below; the next start resumes it where it got to.
    backfills?.stop();
    const [settled] = await Promise.all([
      withinGrace(Promise.all([webhooks?.stop(), snapshots?.stop(), harvest?.stop(), api?.close()]).then(() => undefined), left),
      // Bounded by its own grace, after which it releases the claims of the runs still going.
      scheduler?.stop({ graceMs: left() }),
    ]);
    if (!settled) logger.warn("the grace ended with work in flight");
    if (handle && scraping) {
      const interrupted = await scraping.interruptRunsOfWorker(handle.db, scraping.currentWorker, new Date(), "the process was stopped during the run (shutdown)").catch((error: unknown) => {
        logger.warn({ err: error }, "could not mark this process's unfinished runs as interrupted");
        return 0;
      });
      if (interrupted > 0) logger.warn({ runs: interrupted }, "runs still going at shutdown marked interrupted; the next run of each source completes them");
    }
    if (!settled) await api?.close().catch(() => undefined);
    await closeScraping?.();
    await admin?.close();
    await readReplica?.close();
    await handle?.close();
    clearTimeout(hardStop);
  }
}

/** Whether `work` settles before the time `left()` gives runs out. */
async function withinGrace(work: Promise<void>, left: () => number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), left());
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The webhook dispatcher of the commands that run the scheduler: it delivers what the change log
 * gains, whichever process wrote it. Several workers on one Postgres server share the queue.
 */
async function startWebhooks(config: Config, handle: DbHandle, logger: Logger): Promise<WebhookDispatcher> {
  const [{ createWebhookDispatcher }, { webhookUserAgent }] = await Promise.all([import("../../api/webhooks/dispatcher.js"), import("../../api/webhooks/outbound.js")]);
  const settings = webhookSettingsOf(config);
  if (settings.policy.allowNetworks?.length) {
    logger.warn({ networks: settings.policy.allowNetworks }, "VANGNET_WEBHOOK_ALLOWED_NETWORKS is set: webhooks may reach these networks although they are not public (meant for tests only)");
  }
  const dispatcher = createWebhookDispatcher({
    db: handle.db,
    logger,
    policy: settings.policy,
    timeoutMs: config.VANGNET_WEBHOOK_TIMEOUT_MS,
    concurrency: config.VANGNET_WEBHOOK_CONCURRENCY,
    userAgent: webhookUserAgent(packageVersion()),
    // Attempts still going when the shutdown grace ends keep their lease and are retried later, with the same delivery id.
    stopTimeoutMs: Math.min(config.VANGNET_SHUTDOWN_GRACE_S * 1000, config.VANGNET_WEBHOOK_TIMEOUT_MS + 5_000),
  });
  dispatcher.start();
  // Woken by every append, in any process on a Postgres server (NOTIFY), in this one on PGlite; it also polls each second.
  const unlisten = await handle.listen(CHANGE_CHANNEL, () => dispatcher.poke(), () => dispatcher.poke());
  logger.info({ concurrency: config.VANGNET_WEBHOOK_CONCURRENCY, timeoutMs: config.VANGNET_WEBHOOK_TIMEOUT_MS }, "webhook deliveries started");
  return {
    start: () => dispatcher.start(),
    poke: () => dispatcher.poke(),
    stop: async () => {
      await unlisten();
      await dispatcher.stop();
    },
  };
}

/** What the scraping commands add to the service: scheduler, runs, the first harvest, fetchers. */
async function loadScraping() {
  const [runs, sourceRows, runSource, schedule, fireClaims, firstHarvest, scraping, backfillQueue, backfill] = await Promise.all([
    import("../../db/queries/scrape-runs.js"),
    import("../../db/queries/sources.js"),
    import("../../scrapers/run-source.js"),
    import("../../scrapers/schedule.js"),
    import("../../scrapers/fire-claims.js"),
    import("../../scrapers/first-harvest.js"),
    import("../scraping.js"),
    import("../../scrapers/backfill-queue.js"),
    import("../../scrapers/backfill.js"),
  ]);
  return {
    SourceBusyError: runs.SourceBusyError,
    currentWorker: runs.currentWorker,
    interruptRunsOfWorker: runs.interruptRunsOfWorker,
    createFireClaims: fireClaims.createFireClaims,
    syncSources: sourceRows.syncSources,
    runSource: runSource.runSource,
    createScheduler: schedule.createScheduler,
    startFirstHarvest: firstHarvest.startFirstHarvest,
    createRunDeps: scraping.createRunDeps,
    startBackfillQueue: backfillQueue.startBackfillQueue,
    backfillSinceOf: backfill.backfillSinceOf,
  };
}
