import { latestCapture, saveCapture, touchCapture } from "../../db/queries/captures.js";
import { lblodPage } from "../../schema/lblod.js";
import { FetchError } from "../fetchers/types.js";
import { parseLblodPage } from "../parsers/lblod/parse-page.js";
import { type RunContext, recordError } from "../run-context.js";
import { pageDate, storeLblodPage } from "./store-page.js";

export interface VisitedPage {
  links: { url: string; rel: string }[];
  /** Session date of the page, null when undated. */
  date: string | null;
}

/**
 * Fetch one page conditionally, keep the capture, parse and store it when it is new or changed.
 * A 304 (or the same body again) is neither parsed nor stored: its links and date come from the
 * stored capture. Returns null when the page failed; the reason is in the run's errors.
 */
export async function visitLblodPage(ctx: RunContext, url: string): Promise<VisitedPage | null> {
  const previous = await latestCapture(ctx.db, ctx.source.id, url);
  let result: Awaited<ReturnType<RunContext["fetcher"]["fetch"]>>;
  try {
    result = await ctx.fetcher.fetch({ url, etag: previous?.etag, lastModified: previous?.lastModified });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
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
    return { links: previous.links, date: previous.pageDate };
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
    return { links: previous.links, date: previous.pageDate };
  }

  const parsed = lblodPage.safeParse(await parseLblodPage(result.body, result.finalUrl));
  if (!parsed.success) {
    await saveCapture(ctx.db, { ...capture, links: [] });
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`);
    recordError(ctx, url, `the page does not match the LBLOD publication schema (${problems.join("; ")})`);
    return null;
  }
  const page = parsed.data;
  const hasRecords = page.sessions.length + page.agendaItems.length + page.decisions.length > 0;
  if (!hasRecords && page.links.length === 0) {
    await saveCapture(ctx.db, { ...capture, links: [] });
    recordError(ctx, url, "no LBLOD content: expected RDFa sessions, agenda items, decisions or publication links, found none");
    return null;
  }
  const date = pageDate(page);
  const saved = await saveCapture(ctx.db, { ...capture, links: page.links, pageDate: date });
  if (hasRecords && (date === null || date >= ctx.windowStart)) {
    const stored = await storeLblodPage(ctx.db, {
      page,
      sourceId: ctx.source.id,
      sourceMunicipalityNis: ctx.source.municipalityNis,
      runId: ctx.runId,
      captureId: saved.id,
      directory: ctx.directory,
      now: ctx.now(),
    });
    ctx.counts.itemsInserted += stored.inserted;
    ctx.counts.itemsUpdated += stored.updated;
    ctx.counts.itemsUnchanged += stored.unchanged;
  }
  return { links: page.links, date };
}
