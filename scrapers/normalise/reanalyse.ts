import type { Database } from "../../db/client.js";
import { listDocumentIdsOfSource } from "../../db/queries/documents.js";
import type { AnalysisOutcome } from "../../db/write/document-analysis.js";
import { reanalyseDocument } from "../../db/write/write-document.js";
import type { Analyser } from "./analyse.js";
import { createDocumentAnalyst } from "./document-analyst.js";

export interface ReanalyseTotals {
  documents: number;
  changed: number;
  measuresCreated: number;
  measuresChanged: number;
  measuresDeleted: number;
  linksChanged: number;
  /** Documents that could not be analysed (over the time budget), with the reason; the others go on. */
  failures: { documentId: number; reason: string }[];
}

/**
 * Analyse every stored document of a source again (one transaction per document, so an
 * interrupted run keeps what it finished). Documents whose output did not change write nothing.
 */
export async function reanalyseSourceDocuments(db: Database, sourceId: string, runId: number | null, now: () => Date, analyse?: Analyser): Promise<ReanalyseTotals> {
  const totals: ReanalyseTotals = { documents: 0, changed: 0, measuresCreated: 0, measuresChanged: 0, measuresDeleted: 0, linksChanged: 0, failures: [] };
  const analyst = createDocumentAnalyst(analyse);
  let after = 0;
  for (;;) {
    const batch = await listDocumentIdsOfSource(db, sourceId, { afterId: after, limit: 200 });
    if (batch.length === 0) return totals;
    for (const id of batch) {
      let outcome: AnalysisOutcome;
      try {
        outcome = await db.transaction((tx) => reanalyseDocument(tx, id, { now: now(), runId, analyst }));
      } catch (error) {
        totals.failures.push({ documentId: id, reason: (error as Error).message });
        continue;
      }
      totals.documents++;
      if (outcome.changed) totals.changed++;
      if (outcome.linksChanged) totals.linksChanged++;
      totals.measuresCreated += outcome.measuresCreated;
      totals.measuresChanged += outcome.measuresChanged;
      totals.measuresDeleted += outcome.measuresDeleted;
    }
    after = batch[batch.length - 1] ?? after;
  }
}
