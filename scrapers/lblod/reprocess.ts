import { type CaptureRow, latestCapturesOfSource } from "../../db/queries/captures.js";
import { lblodPage } from "../../schema/lblod.js";
import type { LblodConfig } from "../kinds/lblod.js";
import { type RunContext, recordWarning } from "../run-context.js";
import { PageFailed, SchemaMismatch, SkipPage } from "../run-errors.js";
import { visitGuarded } from "../run-results.js";
import { describeRepairs } from "./repair-notes.js";
import { pageDate, storePageOfRun } from "./store-page.js";

/**
 * Re-parse and re-store the latest capture of every page of an LBLOD source, fetching nothing. A
 * page is stored when the original run would have stored it: its session inside the window as
 * seen on the day it was fetched.
 */
export async function reprocessLblodPages(ctx: RunContext, config: LblodConfig): Promise<void> {
  for (const capture of await latestCapturesOfSource(ctx.db, ctx.source.id)) {
    await visitGuarded(ctx, capture.url, () => restoreCapture(ctx, capture, config.windowDays), "the stored page");
  }
}

async function restoreCapture(ctx: RunContext, capture: CaptureRow, windowDays: number): Promise<void> {
  const read = await ctx.parser.parseLblodPage(capture.body, capture.finalUrl);
  if (!read.ok) throw new PageFailed(capture.url, read.reason);
  const parsed = lblodPage.safeParse(read.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new SchemaMismatch(capture.url, "the LBLOD publication schema", problems, "the stored page does not match the LBLOD publication schema");
  }
  for (const note of describeRepairs(parsed.data.repairs)) recordWarning(ctx, capture.url, note);
  const date = pageDate(parsed.data);
  const windowStart = new Date(capture.fetchedAt.getTime() - windowDays * 86_400_000).toISOString().slice(0, 10);
  if (date !== null && date < windowStart) throw new SkipPage(capture.url, `its session (${date}) was before the window when it was fetched (${windowStart})`);
  await storePageOfRun(ctx, parsed.data, capture.id);
}
