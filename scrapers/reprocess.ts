import { finishRun, startRun } from "../db/queries/scrape-runs.js";
import { FetchError, type Fetcher } from "./fetchers/types.js";
import { sourceKindOf } from "./kinds/registry.js";
import { redactRevisionHistory } from "./normalise/redact-history.js";
import { type ReanalyseTotals, reanalyseSourceDocuments } from "./normalise/reanalyse.js";
import { parseOnThisThread } from "./parsers/page-parser.js";
import { createRunRecord, type RunContext, recordError } from "./run-context.js";
import { settleRun } from "./run-results.js";
import type { RunDeps, RunSummary } from "./run-source.js";
import type { SourceDefinition } from "./source.js";

export interface ReprocessSummary extends RunSummary {
  /** What analysing every stored document again changed; null when the run failed before it. */
  analysis: ReanalyseTotals | null;
  revisionsRedacted: number;
}

/** Reprocessing reads what was fetched before, and nothing else. */
const fetchesNothing: Fetcher = {
  fetch: async (request) => {
    throw new FetchError(request.url, "network", "reprocessing fetches nothing");
  },
};

/**
 * Re-parse and re-store the latest capture of every page of a source, fetching nothing: what
 * parsing-rule changes do to stored data (each kind's `reprocess`, scrapers/kinds/). Then the
 * earlier revisions are redacted by the current privacy rules and every stored document of the
 * source is analysed again (themes, measures, links). Unchanged results write nothing, so only
 * real differences reach the change log.
 */
export async function reprocessSource(source: SourceDefinition, deps: Omit<RunDeps, "fetcher" | "browser">): Promise<ReprocessSummary> {
  const { db, now } = deps;
  const parser = deps.parser ?? parseOnThisThread;
  const run = await startRun(db, source.id, "reprocess", now());
  const record = createRunRecord(source, deps.logger.child({ source: source.id, run: run.id }), now);
  let analysis: ReanalyseTotals | null = null;
  let revisionsRedacted = 0;

  const status = await settleRun(record, async () => {
    const kind = sourceKindOf(source);
    const ctx: RunContext = {
      ...record,
      db,
      fetcher: fetchesNothing,
      parser,
      runId: run.id,
      municipalities: deps.municipalities,
      // Each stored page is judged by the window of the day it was fetched.
      windowStart: "",
      progress: async () => {},
    };
    await kind.reprocess(ctx);
    // History keeps what older privacy rules let through; the current content was refreshed above.
    revisionsRedacted = await redactRevisionHistory(db, source.id, run.id);
    // Every stored document of the source is read again by the current normalisation rules.
    analysis = await reanalyseSourceDocuments(db, source.id, run.id, now, parser.analyse);
    for (const failure of analysis.failures) recordError(ctx, `document ${failure.documentId}`, failure.reason);
  });
  const { counts, errors, warnings } = record;
  await finishRun(db, run.id, { ...counts, status, errors, warnings, finishedAt: now() });
  return { runId: run.id, sourceId: source.id, status, counts, errors, warnings, analysis, revisionsRedacted };
}
