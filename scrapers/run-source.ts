import { count, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import {
  failStaleRuns,
  finishRun,
  heartbeatRun,
  type RunCounts,
  type RunError,
  type RunStatus,
  startRun,
} from "../db/queries/scrape-runs.js";
import { recordSourceHealth, syncSources } from "../db/queries/sources.js";
import { municipalityRegister } from "../db/reference/municipality-register.js";
import { documents } from "../db/tables/documents.js";
import { FetchError, type Fetcher } from "./fetchers/types.js";
import { crawlLblodSite } from "./lblod/crawl.js";
import { crawlNewsSite } from "./news/crawl.js";
import { type PageParser, parseOnThisThread } from "./parsers/page-parser.js";
import { type RunContext, recordError } from "./run-context.js";
import { describeError } from "./run-errors.js";
import type { SourceDefinition } from "./source.js";

export const DEFAULT_WINDOW_DAYS = 60;
/** A run whose heartbeat is older than this was ended by a killed process. */
const STALE_RUN_MS = 10 * 60 * 1000;

export interface RunDeps {
  db: Database;
  fetcher: Fetcher;
  /** Renders pages in Chromium, for sources of kind `browser`. */
  browser?: Fetcher;
  logger: Logger;
  now: () => Date;
  /** Parses fetched pages: the process's pool of worker threads; by default this thread, without a time budget (tests, tools). */
  parser?: PageParser;
}

export interface RunOptions {
  trigger: "schedule" | "harvest" | "manual" | "reprocess" | "demo";
  /** First day of sessions to collect (YYYY-MM-DD); default: today minus the window. */
  since?: string;
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

const crawlers: Partial<Record<SourceDefinition["kind"], (ctx: RunContext) => Promise<boolean>>> = {
  lblod: crawlLblodSite,
  feed: crawlNewsSite,
  listing: crawlNewsSite,
  browser: crawlNewsSite,
};

const missingBrowser: Fetcher = {
  fetch: async (request) => {
    throw new FetchError(request.url, "network", "this source needs a browser, and none was configured for this process");
  },
};

function windowStart(source: SourceDefinition, now: Date, since: string | undefined): string {
  if (since) return since;
  const days = Number(source.config.windowDays ?? DEFAULT_WINDOW_DAYS);
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Run one source now: a `scrape_runs` row records what was fetched, stored and what failed. The
 * run is `failed` when the start page cannot be read or when a source that used to yield documents
 * yields nothing, `partial` when some pages failed, `ok` otherwise. Errors of single pages never
 * abort the run; what was stored before stays.
 */
export async function runSource(source: SourceDefinition, deps: RunDeps, options: RunOptions): Promise<RunSummary> {
  const { db, now } = deps;
  await syncSources(db, [source]);
  await failStaleRuns(db, source.id, new Date(now().getTime() - STALE_RUN_MS), now());
  const run = await startRun(db, source.id, options.trigger, now());
  const logger = deps.logger.child({ source: source.id, run: run.id });
  const counts: RunCounts = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
  const errors: RunError[] = [];
  const warnings: RunError[] = [];
  let lastBeat = now().getTime();
  const ctx: RunContext = {
    db,
    fetcher: source.kind === "browser" ? (deps.browser ?? missingBrowser) : deps.fetcher,
    parser: deps.parser ?? parseOnThisThread,
    logger,
    now,
    source,
    runId: run.id,
    municipalities: municipalityRegister(),
    windowStart: windowStart(source, now(), options.since),
    counts,
    errors,
    warnings,
    progress: async () => {
      options.onProgress?.(counts, errors);
      if (now().getTime() - lastBeat > 5_000) {
        lastBeat = now().getTime();
        await heartbeatRun(db, run.id, counts, { errors, warnings }, now());
      }
    },
  };

  let fatal = true;
  const crawl = crawlers[source.kind];
  if (!crawl) {
    recordError(ctx, source.startUrl, `sources of kind "${source.kind}" have no crawler`);
  } else {
    try {
      fatal = !(await crawl(ctx)) || (await yieldedNothingAgain(ctx));
    } catch (error) {
      fatal = true;
      logger.error({ err: error }, "run aborted by an unexpected error");
      recordError(ctx, source.startUrl, `unexpected error: ${describeError(error)}`);
    }
  }
  const status = fatal ? "failed" : errors.length > 0 ? "partial" : "ok";
  await recordRunResult(deps, run.id, source, { status, counts, errors, warnings }, logger);
  logger.info({ status, ...counts, errors: errors.length, warnings: warnings.length }, "run finished");
  return { runId: run.id, sourceId: source.id, status, counts, errors, warnings };
}

/**
 * A source that used to yield documents and now yields nothing (no item, not even an unchanged
 * one) has probably changed its site: that is a failure, with the reason.
 */
async function yieldedNothingAgain(ctx: RunContext): Promise<boolean> {
  const { counts, source } = ctx;
  if (counts.itemsInserted + counts.itemsUpdated + counts.itemsUnchanged > 0 || counts.pagesNotModified > 0 || source.mayBeEmpty) return false;
  const [stored] = await ctx.db.select({ n: count() }).from(documents).where(eq(documents.sourceId, source.id));
  if ((stored?.n ?? 0) === 0) return false;
  recordError(ctx, source.startUrl, `the source yielded nothing, but it has yielded ${stored?.n} documents before: the site may have changed`);
  return true;
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
  result: { status: Exclude<RunStatus, "running">; counts: RunCounts; errors: RunError[]; warnings: RunError[] },
  logger: Logger,
): Promise<void> {
  const finishedAt = deps.now();
  const first = result.errors[0];
  try {
    await finishRun(deps.db, runId, { ...result.counts, status: result.status, errors: result.errors, warnings: result.warnings, finishedAt });
    await recordSourceHealth(deps.db, source.id, {
      finishedAt,
      succeeded: result.status !== "failed",
      error: first ? `${result.errors.length} error(s); first: ${first.url} ${first.reason}` : null,
    });
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
