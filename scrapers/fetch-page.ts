import { type CaptureRow, latestCapture, saveCapture, touchCapture } from "../db/queries/captures.js";
import { FetchError, type FetchResult } from "./fetchers/types.js";
import type { BackfillWalk, RunContext } from "./run-context.js";
import { SchemaMismatch } from "./run-errors.js";
import { recordPageFailure } from "./run-results.js";

type Link = { url: string; rel: string };

/** A page to parse: it changed since the last capture, or its capture was never processed. */
export interface FreshPage {
  kind: "fresh";
  body: string;
  finalUrl: string;
  captureId: number;
}

/** A page that did not change (304, or the same body again): what the last parse remembered. */
export interface UnchangedPage {
  kind: "unchanged";
  links: Link[];
  date: string | null;
}

/**
 * Fetch a page of a source conditionally (ETag / Last-Modified of its latest capture) and keep the
 * capture. A page counts as unchanged only when its capture was processed (what it says stored,
 * see `markCaptureProcessed`): a page whose processing did not finish (a crash, a failed parse) is
 * handed out again from the stored body, even on a 304. Pages, not-modified answers and failures
 * are counted in the run; a failure is recorded with its reason and gives null, unless `onGone`
 * takes a 404/410. In a backfill, a page may be read from its capture without a request
 * (BackfillWalk); `stable` says the page does not change once published.
 */
export async function fetchPage(
  ctx: RunContext,
  url: string,
  onGone?: (status: number) => Promise<void>,
  options: { stable?: boolean } = {},
): Promise<FreshPage | UnchangedPage | null> {
  const previous = await latestCapture(ctx.db, ctx.source.id, url);
  if (previous && ctx.backfill && reusableInBackfill(ctx.backfill, previous, options.stable === true)) {
    ctx.backfill.pagesReused++;
    return presentCapture(previous, ctx);
  }
  let result: FetchResult;
  try {
    result = await ctx.fetcher.fetch({ url, etag: previous?.etag, lastModified: previous?.lastModified });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    if (onGone && (error.status === 404 || error.status === 410)) {
      await onGone(error.status);
      return null;
    }
    recordPageFailure(ctx, url, error);
    return null;
  }
  if (result.kind === "not-modified") {
    ctx.counts.pagesNotModified++;
    if (!previous) {
      const found = "304 Not Modified to a request without validators";
      recordPageFailure(ctx, url, new SchemaMismatch(url, "a page with a body", found, `the server answered ${found}`));
      return null;
    }
    await touchCapture(ctx.db, previous.id, result.fetchedAt);
    return presentCapture(previous, ctx);
  }
  ctx.counts.pagesFetched++;
  const capture = {
    sourceId: ctx.source.id,
    runId: ctx.runId,
    url,
    finalUrl: result.finalUrl,
    httpStatus: result.status,
    etag: result.etag,
    lastModified: result.lastModified,
    contentType: result.contentType,
    contentHash: result.contentHash,
    body: result.body,
    byteSize: result.byteSize,
    fetchedAt: result.fetchedAt,
  };
  const unchanged = previous && previous.contentHash === result.contentHash;
  return presentCapture(await saveCapture(ctx.db, unchanged ? { ...capture, links: previous.links, pageDate: previous.pageDate } : capture), ctx);
}

/** Whether a backfill reads this capture instead of fetching its page (see BackfillWalk). */
function reusableInBackfill(walk: BackfillWalk, capture: CaptureRow, stable: boolean): boolean {
  if (capture.lastFetchedAt >= walk.reuseFrom) return true;
  return stable && !walk.refetch && capture.processedAt !== null;
}

/**
 * A capture as the crawl takes it: unchanged when it was processed, else fresh. In a backfill, a
 * processed dated page inside the backfill's range is fresh too: a run whose window it was outside
 * kept only its links, so it is parsed again from the capture and stored if it was not (storing
 * what is stored changes nothing).
 */
function presentCapture(capture: CaptureRow, ctx: Pick<RunContext, "backfill" | "windowStart">): FreshPage | UnchangedPage {
  const reread = ctx.backfill !== undefined && capture.pageDate !== null && capture.pageDate >= ctx.windowStart;
  if (capture.processedAt && !reread) return { kind: "unchanged", links: capture.links, date: capture.pageDate };
  return { kind: "fresh", body: capture.body, finalUrl: capture.finalUrl, captureId: capture.id };
}
