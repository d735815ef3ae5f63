import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import type { RunCounts, RunError } from "../db/queries/scrape-runs.js";
import type { MunicipalityRegister } from "../db/reference/municipality-register.js";
import type { Fetcher } from "./fetchers/types.js";
import type { PageParser } from "./parsers/page-parser.js";
import { boundText, MAX_RUN_ERRORS } from "./run-errors.js";
import type { SourceDefinition } from "./source.js";

/** What a run of a source has done so far: its counts, errors and warnings accumulate here. */
export interface RunRecord {
  source: SourceDefinition;
  logger: Logger;
  now: () => Date;
  counts: RunCounts;
  errors: RunError[];
  /** What had to be mended on pages that were stored all the same; not errors. */
  warnings: RunError[];
}

/** A run's record before it did anything. */
export function createRunRecord(source: SourceDefinition, logger: Logger, now: () => Date): RunRecord {
  const counts: RunCounts = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
  return { source, logger, now, counts, errors: [], warnings: [] };
}

/** Everything a crawler needs during one run of one source, its dependencies passed in. */
export interface RunContext extends RunRecord {
  db: Database;
  fetcher: Fetcher;
  /** Parses the fetched pages (off the main thread in the long-running commands). */
  parser: PageParser;
  runId: number;
  /** Which municipality published a page on its date. */
  municipalities: MunicipalityRegister;
  /** First day (YYYY-MM-DD) of the rolling window: older sessions are not stored or followed. */
  windowStart: string;
  /** Called after each page, for progress displays and heartbeats. */
  progress: () => Promise<void>;
  /** Set when the run walks the source's history (`vangnet backfill`): what it may read from captures. */
  backfill?: BackfillWalk;
}

/**
 * How a backfill's run reads pages. A page captured since the backfill began (by this attempt or
 * one that was killed) is read from its capture, never fetched again; a page that does not
 * change once published (a session's documents, an article) is read from its capture whenever
 * it was stored, unless the backfill was asked to fetch again (`refetch`). Index and list pages,
 * which move as new sessions appear, are fetched once per backfill.
 */
export interface BackfillWalk {
  /** When the backfill's first attempt began. */
  reuseFrom: Date;
  refetch: boolean;
  /** Pages read from their capture instead of fetched, in this attempt. */
  pagesReused: number;
  /** The oldest session or article date reached so far (YYYY-MM-DD). */
  reachedDate: string | null;
}

/** Note a page's date in a backfill's walk: how far back it got. */
export function noteReachedDate(ctx: Pick<RunContext, "backfill" | "windowStart">, date: string | null): void {
  const walk = ctx.backfill;
  if (!walk || date === null || date < ctx.windowStart) return;
  if (walk.reachedDate === null || date < walk.reachedDate) walk.reachedDate = date;
}

/**
 * Add an entry to a run's errors or warnings, bounded in size: at most MAX_RUN_ERRORS entries,
 * the last of which counts what was left out, and each reason at most MAX_REASON_CHARS characters.
 */
function recordIn(list: RunError[], entry: RunError, what: "errors" | "warnings"): void {
  if (list.length < MAX_RUN_ERRORS - 1) {
    list.push(entry);
    return;
  }
  const overflow = list[MAX_RUN_ERRORS - 1];
  const more = overflow ? Number(overflow.reason.match(/^(\d+) more /)?.[1] ?? 0) + 1 : 1;
  list[MAX_RUN_ERRORS - 1] = { url: "", reason: `${more} more ${what} not recorded; the last: ${entry.url} ${entry.reason}`.slice(0, 600), at: entry.at };
}

/** A page failed: the run goes on, and ends `partial`. */
export function recordError(ctx: Pick<RunRecord, "now" | "logger" | "errors">, url: string, reason: string): void {
  const entry = { url: boundText(url, 500), reason: boundText(reason), at: ctx.now().toISOString() };
  ctx.logger.warn({ url: entry.url, reason: entry.reason }, "page failed");
  recordIn(ctx.errors, entry, "errors");
}

/** A page was stored after something on it was mended: worth knowing, not a failure. */
export function recordWarning(ctx: Pick<RunRecord, "now" | "logger" | "warnings">, url: string, reason: string): void {
  const entry = { url: boundText(url, 500), reason: boundText(reason), at: ctx.now().toISOString() };
  ctx.logger.info({ url: entry.url, reason: entry.reason }, "page mended");
  recordIn(ctx.warnings, entry, "warnings");
}
