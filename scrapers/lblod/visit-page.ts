import { markCaptureProcessed } from "../../db/queries/captures.js";
import { lblodPage } from "../../schema/lblod.js";
import { fetchPage } from "../fetch-page.js";
import { type RunContext, recordWarning } from "../run-context.js";
import { PageFailed, SchemaMismatch } from "../run-errors.js";
import { describeRepairs } from "./repair-notes.js";
import { pageDate, storePageOfRun } from "./store-page.js";

export interface VisitedPage {
  links: { url: string; rel: string }[];
  /** Session date of the page, null when undated. */
  date: string | null;
}

/**
 * Fetch one page conditionally, keep the capture, parse and store it when it is new, changed, or
 * was never completely processed. A 304 (or the same body again) of a processed capture is
 * neither parsed nor stored: its links and date come from the capture. A page that fails stays
 * unprocessed, so the next run reads it again (and reports it again) from the stored body.
 * Returns null when the fetch failed (its reason is in the run's errors); throws PageFailed or
 * SchemaMismatch for a page that cannot be read as LBLOD.
 */
export async function visitLblodPage(ctx: RunContext, url: string, options: { stable?: boolean } = {}): Promise<VisitedPage | null> {
  const fetched = await fetchPage(ctx, url, undefined, options);
  if (!fetched) return null;
  if (fetched.kind === "unchanged") return { links: fetched.links, date: fetched.date };

  const read = await ctx.parser.parseLblodPage(fetched.body, fetched.finalUrl);
  if (!read.ok) throw new PageFailed(url, read.reason);
  const parsed = lblodPage.safeParse(read.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new SchemaMismatch(url, "the LBLOD publication schema", problems, `the page does not match the LBLOD publication schema (${problems})`);
  }
  const page = parsed.data;
  for (const note of describeRepairs(page.repairs)) recordWarning(ctx, url, note);
  const hasRecords = page.sessions.length + page.agendaItems.length + page.decisions.length > 0;
  if (!hasRecords && page.links.length === 0) {
    const expected = "RDFa sessions, agenda items, decisions or publication links";
    throw new SchemaMismatch(url, expected, "none", `no LBLOD content: expected ${expected}, found none`);
  }
  const date = pageDate(page);
  const found = { links: page.links, pageDate: date };
  if (!hasRecords || (date !== null && date < ctx.windowStart)) {
    // Nothing of this page is stored (an index, or a session older than the window): only its links count.
    await markCaptureProcessed(ctx.db, fetched.captureId, ctx.now(), found);
  } else {
    await storePageOfRun(ctx, page, fetched.captureId, found);
  }
  return { links: page.links, date };
}
