import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { failStaleRuns, finishRun, heartbeatRun, type RunCounts, type RunError, type RunStatus, startRun } from "../db/queries/scrape-runs.js";
import { documentCountsOfSources, recordSourceHealth, syncSources } from "../db/queries/sources.js";
import type { MunicipalityRegister } from "../db/reference/municipality-register.js";
import type { Fetcher } from "./fetchers/types.js";
import { alertTypeOf, type HealthAlerts } from "./health-alerts.js";
import { sourceKindOf } from "./kinds/registry.js";
import type { SourceKindModule } from "./kinds/source-kind.js";
import { type PageParser, parseOnThisThread } from "./parsers/page-parser.js";
import { type BackfillWalk, createRunRecord, type RunContext } from "./run-context.js";
import { describeError, EmptyScrape, SourceMisconfigured } from "./run-errors.js";
import { settleRun } from "./run-results.js";
import type { SourceDefinition } from "./source.js";

/** A run whose heartbeat is older than this was ended by a killed process. */
const STALE_RUN_MS = 10 * 60 * 1000;

/** What runs need, made once by the command that runs them and passed in. */
export interface RunDeps {
  db: Database;
  fetcher: Fetcher;
  /** Renders pages in Chromium, for sources of a kind that needs a browser. */
  browser?: Fetcher;
  logger: Logger;
  now: () => Date;
  /** Which municipality published a page on its date (db/reference/municipality-register.ts). */
  municipalities: MunicipalityRegister;
  /** Parses fetched pages: the process's pool of worker threads; by default this thread, without a time budget (tests, tools). */
  parser?: PageParser;
  /** Told when a source starts failing or recovers (VANGNET_ALERT_WEBHOOK_URL). */
  alerts?: HealthAlerts;
}

export interface RunOptions {
  trigger: "schedule" | "harvest" | "manual" | "reprocess" | "demo" | "backfill";
  /** First day of sessions to collect (YYYY-MM-DD); default: today minus the window. */
  since?: string;
  /** The scheduled fire this run serves (recorded on the run). */
  fireAt?: Date;
  /** A backfill's walk (trigger `backfill`, with `since`): no page cap, pages read from captures where they may be. */
  backfill?: BackfillWalk;
  /** Called with the counts so far after every page. */
  onProgress?: (counts: RunCounts, errors: RunError[]) => void;
}

export interface RunSummary {
  /** Null for a run that could not start (its source was busy, or the database refused it). */
  runId: number | null;
  sourceId: string;
  status: Exclude<RunStatus, "running">;
  counts: RunCounts;
  errors: RunError[];
  /** What had to be mended on pages that were stored all the same. */
  warnings: RunError[];
}

/** The fetcher of a kind that needs a browser, in a process without one: the source cannot work here. */
function missingBrowser(source: SourceDefinition): Fetcher {
  return {
    fetch: async () => {
      throw new SourceMisconfigured(source.id, source.startUrl, `sources of kind ${source.kind} need a browser, and none was configured for this process`);
    },
  };
}

function fetcherFor(kind: SourceKindModule, source: SourceDefinition, deps: RunDeps): Fetcher {
  return kind.fetcher === "browser" ? (deps.browser ?? missingBrowser(source)) : deps.fetcher;
}

function windowStart(windowDays: number, now: Date, since: string | undefined): string {
  return since ?? new Date(now.getTime() - windowDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Run one source now: a `scrape_runs` row records what was fetched, stored and what failed. The
 * source's kind (scrapers/kinds/) crawls it; what its errors mean for the run is decided in
 * scrapers/run-results.ts: `failed` when the start page cannot be read, the source is
 * misconfigured, or a source that used to yield documents yields nothing, `partial` when some
 * pages failed, `ok` otherwise. Errors of single pages never abort the run; what was stored
 * before stays.
 */
export async function runSource(source: SourceDefinition, deps: RunDeps, options: RunOptions): Promise<RunSummary> {
  const { db, now } = deps;
  await syncSources(db, [source]);
  await failStaleRuns(db, source.id, new Date(now().getTime() - STALE_RUN_MS), now());
  const run = await startRun(db, source.id, options.trigger, now(), options.fireAt);
  const logger = deps.logger.child({ source: source.id, run: run.id });
  const record = createRunRecord(source, logger, now);
  const { counts, errors, warnings } = record;
  let lastBeat = now().getTime();

  const status = await settleRun(record, async () => {
    const kind = sourceKindOf(source);
    const ctx: RunContext = {
      ...record,
      db,
      fetcher: fetcherFor(kind, source, deps),
      parser: deps.parser ?? parseOnThisThread,
      runId: run.id,
      municipalities: deps.municipalities,
      windowStart: windowStart(kind.readConfig(source).windowDays, now(), options.since),
      ...(options.backfill ? { backfill: options.backfill } : {}),
      progress: async () => {
        options.onProgress?.(counts, errors);
        if (now().getTime() - lastBeat > 5_000) {
          lastBeat = now().getTime();
          await heartbeatRun(db, run.id, counts, { errors, warnings }, now());
        }
      },
    };
    await kind.crawl(ctx);
    await checkYieldedSomething(ctx);
  });
  // New documents from a backfill, a reprocess or a demo say nothing of the source's pace.
  const foundNew = counts.itemsInserted > 0 && (options.trigger === "schedule" || options.trigger === "harvest" || options.trigger === "manual");
  await recordRunResult(deps, run.id, source, { status, counts, errors, warnings, foundNew }, logger);
  logger.info({ status, ...counts, errors: errors.length, warnings: warnings.length }, "run finished");
  return { runId: run.id, sourceId: source.id, status, counts, errors, warnings };
}

/**
 * A source that used to yield documents and now yields nothing (no item, not even an unchanged
 * one) has probably changed its site: EmptyScrape, with the reason. A source that may be empty,
 * or never yielded anything, is left alone.
 */
async function checkYieldedSomething(ctx: RunContext): Promise<void> {
  const { counts, source } = ctx;
  if ((ctx.backfill?.pagesReused ?? 0) > 0) return;
  if (counts.itemsInserted + counts.itemsUpdated + counts.itemsUnchanged > 0 || counts.pagesNotModified > 0 || source.mayBeEmpty) return;
  const stored = (await documentCountsOfSources(ctx.db, [source.id])).get(source.id) ?? 0;
  if (stored === 0) return;
  throw new EmptyScrape(source.id, source.startUrl, `the source yielded nothing, but it has yielded ${stored} documents before: the site may have changed`);
}

/**
 * Save a run's result and the source's health. Whatever the run met, it must not stay `running`:
 * when the full result cannot be saved, the run is closed as failed with the reason, and only a
 * database that cannot be written at all leaves it to the next run's clean-up.
 */
async function recordRunResult(
  deps: RunDeps,
  runId: number,
  source: SourceDefinition,
  result: { status: Exclude<RunStatus, "running">; counts: RunCounts; errors: RunError[]; warnings: RunError[]; foundNew: boolean },
  logger: Logger,
): Promise<void> {
  const finishedAt = deps.now();
  const first = result.errors[0];
  try {
    await finishRun(deps.db, runId, { ...result.counts, status: result.status, errors: result.errors, warnings: result.warnings, finishedAt });
    const error = first ? `${result.errors.length} error(s); first: ${first.url} ${first.reason}` : null;
    const transition = await recordSourceHealth(deps.db, source.id, { finishedAt, succeeded: result.status !== "failed", error, foundNew: result.foundNew });
    const type = alertTypeOf(transition);
    if (type && deps.alerts) {
      deps.alerts.notify({ type, source, runId, at: finishedAt, consecutiveFailures: transition.failuresAfter, error: type === "source.failing" ? error : null });
    }
  } catch (error) {
    const reason = `the run's result could not be saved: ${describeError(error)}`;
    logger.error({ err: error }, reason);
    try {
      await finishRun(deps.db, runId, { ...result.counts, status: "failed", errors: [{ url: source.startUrl, reason, at: finishedAt.toISOString() }], finishedAt });
      await recordSourceHealth(deps.db, source.id, { finishedAt, succeeded: false, error: reason });
    } catch (again) {
      logger.error({ err: again }, "the run could not be closed; the next run of the source will close it");
    }
  }
}
