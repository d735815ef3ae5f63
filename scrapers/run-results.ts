import type { RunStatus } from "../db/queries/scrape-runs.js";
import { FetchError } from "./fetchers/types.js";
import { type RunRecord, recordError } from "./run-context.js";
import { describeError, EmptyScrape, PageFailed, SkipPage, SourceMisconfigured, StartPageFailed } from "./run-errors.js";

/*
 * Where an error becomes part of a run's result: the one place where its class decides what
 * happens (Crawlee's NonRetryableError, spatula's SkipItem). Crawlers throw; they do not decide.
 *
 * | error               | thrown while visiting a page             | thrown out of the crawl         |
 * |---------------------|------------------------------------------|---------------------------------|
 * | SkipPage            | left out, no entry (a debug log line)    | fails the run, with its reason  |
 * | FetchError          | the page's error, in the fetcher's words | fails the run, with its reason  |
 * | PageFailed and its  | the page's error, with its reason (what  | fails the run, with its reason  |
 * | SchemaMismatch      | was expected and what came)              |                                 |
 * | StartPageFailed     | passes to the run                        | fails the run; the page's error |
 * |                     |                                          | is recorded already             |
 * | EmptyScrape         | passes to the run                        | fails the run, with its reason  |
 * | SourceMisconfigured | passes to the run                        | fails the run, with its reason  |
 * | anything else       | "… could not be processed: <reason>"     | "unexpected error: <reason>"    |
 *
 * A page's error makes the run `partial`; what was stored before stays. A FetchError, retryable or
 * not, keeps no capture of the page, so the next run asks for it again; `retryable` only says
 * whether that may help (the fetcher has retried already what it retries itself).
 */

/** Errors that end the run: a page's guard lets them through to the run. */
function endsRun(error: unknown): boolean {
  return error instanceof StartPageFailed || error instanceof EmptyScrape || error instanceof SourceMisconfigured;
}

/** Record what went wrong with one page; the run goes on. `what` names the page in an unexpected failure. */
export function recordPageFailure(ctx: Pick<RunRecord, "now" | "logger" | "errors">, url: string, error: unknown, what = "the page"): void {
  if (error instanceof SkipPage) {
    ctx.logger.debug({ url, reason: error.message }, "page skipped");
    return;
  }
  if (error instanceof FetchError || error instanceof PageFailed) {
    recordError(ctx, url, error.message);
    return;
  }
  ctx.logger.warn({ err: error, url }, "page could not be processed");
  recordError(ctx, url, `${what} could not be processed: ${describeError(error)}`);
}

/**
 * Visit one page so that whatever goes wrong with it stays its own error: an exception of a
 * parser or a store becomes the page's error with its reason, and the run goes on with the next
 * page. Errors that end the run pass. Gives null for a page that failed or was skipped.
 */
export async function visitGuarded<T>(ctx: Pick<RunRecord, "now" | "logger" | "errors">, url: string, visit: () => Promise<T>, what = "the page"): Promise<T | null> {
  try {
    return await visit();
  } catch (error) {
    if (endsRun(error)) throw error;
    recordPageFailure(ctx, url, error, what);
    return null;
  }
}

/** Record why a run failed: the error that ended it. */
function recordRunFailure(ctx: RunRecord, error: unknown): void {
  if (error instanceof StartPageFailed) return;
  if (error instanceof EmptyScrape || error instanceof SourceMisconfigured) {
    recordError(ctx, error.url, error.message);
    return;
  }
  if (error instanceof FetchError || error instanceof PageFailed || error instanceof SkipPage) {
    recordError(ctx, error.url, error.message);
    return;
  }
  ctx.logger.error({ err: error }, "run aborted by an unexpected error");
  recordError(ctx, ctx.source.startUrl, `unexpected error: ${describeError(error)}`);
}

/**
 * Do a run's work and say how it ended: `failed` when an error ended it, `partial` when pages
 * failed, `ok` otherwise. Whatever was stored before the end stays.
 */
export async function settleRun(ctx: RunRecord, work: () => Promise<void>): Promise<Exclude<RunStatus, "running">> {
  try {
    await work();
  } catch (error) {
    recordRunFailure(ctx, error);
    return "failed";
  }
  return ctx.errors.length > 0 ? "partial" : "ok";
}
