import { createHash } from "node:crypto";
import type { Request } from "express";
import { matchesIfNoneMatch } from "../response-cache.js";

/**
 * A feed's validators. The change log is append-only and `seq` follows commit order, so a page of
 * a feed is fixed by its query and the newest entry matching it: a weak ETag over both (and the
 * address the links are written with) changes exactly when the page would.
 */

/**
 * Raised whenever what a feed says about the same entries changes (headline wording, links,
 * content), so that a reader's cached copy is not kept across such a release.
 */
export const FEED_RENDERING_VERSION = "1";

export interface FeedValidators {
  etag: string;
  /** When the newest entry was recorded; none for an empty feed. */
  lastModified: Date | undefined;
}

export function feedValidators(input: { format: string; canonicalQuery: string; baseUrl: string; newest: { seq: number; occurredAt: Date } | undefined }): FeedValidators {
  const hash = createHash("sha256")
    .update([FEED_RENDERING_VERSION, input.format, input.baseUrl, input.canonicalQuery, String(input.newest?.seq ?? 0)].join("\n"))
    .digest("base64url");
  return { etag: `W/"${hash}"`, lastModified: input.newest ? new Date(input.newest.occurredAt) : undefined };
}

/** HTTP dates have whole seconds: a Last-Modified of 10:00:00.700 was sent as 10:00:00. */
const wholeSeconds = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;

/**
 * Whether the client's copy is current (RFC 9110 §13.2.2): `If-None-Match` when present decides
 * alone, else `If-Modified-Since` against the newest entry. A `Cache-Control: no-cache` of the
 * request does not stop a 304, as fetch() sends it whenever it revalidates.
 */
export function isNotModified(req: Request, validators: FeedValidators): boolean {
  const ifNoneMatch = req.get("if-none-match");
  if (ifNoneMatch !== undefined) return matchesIfNoneMatch(ifNoneMatch, validators.etag);
  const ifModifiedSince = req.get("if-modified-since");
  if (ifModifiedSince === undefined || validators.lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && wholeSeconds(validators.lastModified) <= since;
}
