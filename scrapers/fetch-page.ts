import { latestCapture, saveCapture, touchCapture } from "../db/queries/captures.js";
import { FetchError, type FetchResult } from "./fetchers/types.js";
import { type RunContext, recordError } from "./run-context.js";

type Link = { url: string; rel: string };

/** A page that changed since the last capture: to be parsed. */
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
 * capture. Pages, not-modified answers and failures are counted in the run; a failure is recorded
 * with its reason and gives null, unless `onGone` takes a 404/410.
 */
export async function fetchPage(ctx: RunContext, url: string, onGone?: (status: number) => Promise<void>): Promise<FreshPage | UnchangedPage | null> {
  const previous = await latestCapture(ctx.db, ctx.source.id, url);
  let result: FetchResult;
  try {
    result = await ctx.fetcher.fetch({ url, etag: previous?.etag, lastModified: previous?.lastModified });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    if (onGone && (error.status === 404 || error.status === 410)) {
      await onGone(error.status);
      return null;
    }
    recordError(ctx, url, error.message);
    return null;
  }
  if (result.kind === "not-modified") {
    ctx.counts.pagesNotModified++;
    if (!previous) {
      recordError(ctx, url, "the server answered 304 Not Modified to a request without validators");
      return null;
    }
    await touchCapture(ctx.db, previous.id, result.fetchedAt);
    return { kind: "unchanged", links: previous.links, date: previous.pageDate };
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
  if (previous && previous.contentHash === result.contentHash) {
    await saveCapture(ctx.db, { ...capture, links: previous.links, pageDate: previous.pageDate });
    return { kind: "unchanged", links: previous.links, date: previous.pageDate };
  }
  const saved = await saveCapture(ctx.db, capture);
  return { kind: "fresh", body: result.body, finalUrl: result.finalUrl, captureId: saved.id };
}
