import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import type { RunCounts, RunError } from "../db/queries/scrape-runs.js";
import type { MunicipalityRegister } from "../db/reference/municipality-register.js";
import type { Fetcher } from "./fetchers/types.js";
import type { PageParser } from "./parsers/page-parser.js";
import { boundText, describeError, MAX_RUN_ERRORS } from "./run-errors.js";
import type { SourceDefinition } from "./source.js";

/** Everything a crawler needs during one run of one source; counts and errors accumulate here. */
export interface RunContext {
  db: Database;
  fetcher: Fetcher;
  /** Parses the fetched pages (off the main thread in the long-running commands). */
  parser: PageParser;
  logger: Logger;
  now: () => Date;
  source: SourceDefinition;
  runId: number;
  /** Which municipality published a page on its date. */
  municipalities: MunicipalityRegister;
  /** First day (YYYY-MM-DD) of the rolling window: older sessions are not stored or followed. */
  windowStart: string;
  counts: RunCounts;
  errors: RunError[];
  /** What had to be mended on pages that were stored all the same; not errors. */
  warnings: RunError[];
  /** Called after each page, for progress displays and heartbeats. */
  progress: () => Promise<void>;
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
export function recordError(ctx: RunContext, url: string, reason: string): void {
  const entry = { url: boundText(url, 500), reason: boundText(reason), at: ctx.now().toISOString() };
  ctx.logger.warn({ url: entry.url, reason: entry.reason }, "page failed");
  recordIn(ctx.errors, entry, "errors");
}

/** A page was stored after something on it was mended: worth knowing, not a failure. */
export function recordWarning(ctx: RunContext, url: string, reason: string): void {
  const entry = { url: boundText(url, 500), reason: boundText(reason), at: ctx.now().toISOString() };
  ctx.logger.info({ url: entry.url, reason: entry.reason }, "page mended");
  recordIn(ctx.warnings, entry, "warnings");
}

/**
 * Visit one page so that whatever goes wrong with it stays its own error: an exception of a
 * parser or a store becomes the page's error with its reason, and the run goes on with the next
 * page. Gives null for a page that failed.
 */
export async function visitGuarded<T>(ctx: RunContext, url: string, visit: () => Promise<T>): Promise<T | null> {
  try {
    return await visit();
  } catch (error) {
    ctx.logger.warn({ err: error, url }, "page could not be processed");
    recordError(ctx, url, `the page could not be processed: ${describeError(error)}`);
    return null;
  }
}
