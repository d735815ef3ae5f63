import { storableText } from "../schema/storable-text.js";

/**
 * Longest reason kept for one error. A database error quotes its statement and every parameter,
 * a page's whole body included (seen 2026-11: megabytes of raw body in one log line and one
 * `scrape_runs.errors` entry).
 */
export const MAX_REASON_CHARS = 1_000;
/** Errors kept per run; beyond, one last entry counts the others. */
export const MAX_RUN_ERRORS = 200;

/** A text cut to `max` characters, saying how much was left out, and storable. */
export function boundText(text: string, max = MAX_REASON_CHARS): string {
  const clean = storableText(text);
  return clean.length <= max ? clean : `${clean.slice(0, max)}… (${clean.length - max} more characters)`;
}

/**
 * What went wrong, in one bounded line: a failed SQL statement is named by its first words and the
 * database's own message, never with its parameters.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return boundText(String(error));
  const cause = error.cause instanceof Error ? error.cause.message : null;
  // drizzle writes "Failed query: <SQL>\nparams: <every parameter>".
  const failedQuery = error.message.match(/^Failed query: ([^\n]*)/);
  if (failedQuery) {
    const statement = (failedQuery[1] ?? "").replace(/\s+/g, " ").slice(0, 120);
    return boundText(`database error: ${cause ?? "unknown cause"} (statement: ${statement}…)`);
  }
  return boundText(cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message);
}

/*
 * What can go wrong in a run, by what it means for the run. scrapers/run-results.ts turns each
 * into the run's errors, warnings and status; a fetch failure is the fetchers' FetchError
 * (scrapers/fetchers/types.ts), which says whether a later run may succeed (`retryable`).
 */

/**
 * A page left out on purpose (spatula's SkipItem): nothing of it is stored, and it is not an
 * error; the run goes on. The reason is logged at debug level.
 */
export class SkipPage extends Error {
  override name = "SkipPage";
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * A page that failed for a reason its code states (a parse over its time budget, a body that is no
 * article): that page's error, with the reason; the run goes on and ends partial. Thrown out of a
 * crawl (the page it starts from), it fails the run.
 */
export class PageFailed extends Error {
  override name = "PageFailed";
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * A page whose content is not what its source's kind reads (no LBLOD content, not a feed, no
 * article teasers): a page that failed, said with what was expected and what came.
 */
export class SchemaMismatch extends PageFailed {
  override name = "SchemaMismatch";
  constructor(
    url: string,
    readonly expected: string,
    readonly found: string,
    message = `expected ${expected}, found ${found}`,
  ) {
    super(url, message);
  }
}

/**
 * A run that collected nothing from a source that has yielded documents before (openstates'
 * EmptyScrape): its site has probably changed, so the run fails. Never raised for a source that
 * says it may be empty (`mayBeEmpty`).
 */
export class EmptyScrape extends Error {
  override name = "EmptyScrape";
  constructor(
    readonly sourceId: string,
    readonly url: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A source whose declaration cannot work: its configuration does not fit its kind, or its kind
 * needs what this process lacks. Fatal: the run fails before anything is fetched, and a source
 * declared so in the registry or VANGNET_SOURCES_FILE stops the command that loads it.
 */
export class SourceMisconfigured extends Error {
  override name = "SourceMisconfigured";
  constructor(
    readonly sourceId: string,
    readonly url: string,
    reason: string,
  ) {
    super(`source ${sourceId}: ${reason}`);
  }
}

/**
 * The page a crawl starts from (an LBLOD site's start page, a feed, the first list page) failed,
 * and its own error is recorded already: without it the crawl cannot go on, so the run fails.
 */
export class StartPageFailed extends Error {
  override name = "StartPageFailed";
  constructor(readonly url: string) {
    super(`the start page ${url} could not be read`);
  }
}
