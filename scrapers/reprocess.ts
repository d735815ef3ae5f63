import { latestCapturesOfSource } from "../db/queries/captures.js";
import { finishRun, type RunCounts, type RunError, startRun } from "../db/queries/scrape-runs.js";
import { municipalityRegister } from "../db/reference/municipality-register.js";
import { lblodPage } from "../schema/lblod.js";
import { storedArticlePages } from "../db/queries/press-releases.js";
import { describeRepairs } from "./lblod/repair-notes.js";
import { pageDate, storeLblodPage } from "./lblod/store-page.js";
import { readNewsConfig } from "./news/config.js";
import { storeArticle } from "./news/store-article.js";
import { redactRevisionHistory } from "./normalise/redact-history.js";
import { type ReanalyseTotals, reanalyseSourceDocuments } from "./normalise/reanalyse.js";
import { parseOnThisThread } from "./parsers/page-parser.js";
import { describeError } from "./run-errors.js";
import { DEFAULT_WINDOW_DAYS, type RunDeps, type RunSummary } from "./run-source.js";
import type { SourceDefinition } from "./source.js";

/**
 * Re-parse and re-store the latest capture of every page of a source, fetching nothing: what
 * parsing-rule changes do to stored data. A page is stored when the original run would have
 * stored it (its session inside the window as seen on the day it was fetched). Then every stored
 * document of the source is analysed again (themes, measures, links). Unchanged results write
 * nothing, so only real differences reach the change log.
 */
export async function reprocessSource(source: SourceDefinition, deps: Omit<RunDeps, "fetcher">): Promise<RunSummary & { analysis: ReanalyseTotals; revisionsRedacted: number }> {
  const { db, now } = deps;
  const parser = deps.parser ?? parseOnThisThread;
  const run = await startRun(db, source.id, "reprocess", now());
  const counts: RunCounts = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
  const errors: RunError[] = [];
  const warnings: RunError[] = [];
  const captures = await latestCapturesOfSource(db, source.id);
  const fail = (url: string, reason: string): void => {
    errors.push({ url, reason, at: now().toISOString() });
  };
  const tally = (outcome: "insert" | "update" | "noop") => {
    if (outcome === "insert") counts.itemsInserted++;
    else if (outcome === "update") counts.itemsUpdated++;
    else counts.itemsUnchanged++;
  };

  // One stored page that cannot be processed is its own error; the others go on.
  const guarded = async (url: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      fail(url, `the stored page could not be processed: ${describeError(error)}`);
    }
  };

  if (source.kind === "lblod") {
    const windowDays = Number(source.config.windowDays ?? DEFAULT_WINDOW_DAYS);
    for (const capture of captures) {
      await guarded(capture.url, async () => {
        const read = await parser.parseLblodPage(capture.body, capture.finalUrl);
        if (!read.ok) return fail(capture.url, read.reason);
        const parsed = lblodPage.safeParse(read.value);
        if (!parsed.success) return fail(capture.url, "the stored page does not match the LBLOD publication schema");
        for (const note of describeRepairs(parsed.data.repairs)) warnings.push({ url: capture.url, reason: note, at: now().toISOString() });
        const date = pageDate(parsed.data);
        const windowStart = new Date(capture.fetchedAt.getTime() - windowDays * 86_400_000).toISOString().slice(0, 10);
        if (date !== null && date < windowStart) return;
        const stored = await storeLblodPage(db, {
          page: parsed.data,
          sourceId: source.id,
          sourceMunicipalityNis: source.municipalityNis,
          runId: run.id,
          captureId: capture.id,
          municipalities: municipalityRegister(),
          analyse: parser.analyse,
          now: now(),
        });
        counts.itemsInserted += stored.inserted;
        counts.itemsUpdated += stored.updated;
        counts.itemsUnchanged += stored.unchanged;
      });
    }
  } else {
    // News: the article pages that were stored before (list and feed pages hold no article).
    const config = readNewsConfig(source.id, source.config);
    const stored = await storedArticlePages(db, captures.map((c) => c.url));
    for (const capture of captures) {
      const attachments = stored.get(capture.url);
      if (!attachments) continue;
      await guarded(capture.url, async () => {
        const result = await storeArticle(db, {
          url: capture.url,
          body: capture.body,
          finalUrl: capture.finalUrl,
          captureId: capture.id,
          source,
          runId: run.id,
          now: now(),
          selectors: config.article,
          parser,
          // PDF texts cannot be fetched again here: keep the ones read when the page was fetched.
          completeAttachments: async (found) => found.map((a) => ({ ...a, text: attachments.find((s) => s.url === a.url)?.text ?? a.text })),
        });
        if ("error" in result) fail(capture.url, result.error);
        else tally(result.outcome);
      });
    }
  }
  // History keeps what older privacy rules let through; the current content was refreshed above.
  const revisionsRedacted = await redactRevisionHistory(db, source.id, run.id);
  // Every stored document of the source is read again by the current normalisation rules.
  const analysis = await reanalyseSourceDocuments(db, source.id, run.id, now, parser.analyse);
  for (const failure of analysis.failures) fail(`document ${failure.documentId}`, failure.reason);
  const status = errors.length > 0 ? "partial" : "ok";
  await finishRun(db, run.id, { ...counts, status, errors, warnings, finishedAt: now() });
  return { runId: run.id, sourceId: source.id, status, counts, errors, warnings, analysis, revisionsRedacted };
}
