import { and, asc, eq, gt } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { documents } from "../../db/tables/documents.js";
import type { Analyser } from "./analyse.js";
import { applyAnalysis } from "./apply-analysis.js";

export interface ReanalyseTotals {
  documents: number;
  changed: number;
  measuresCreated: number;
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
  const totals: ReanalyseTotals = { documents: 0, changed: 0, measuresCreated: 0, measuresDeleted: 0, linksChanged: 0, failures: [] };
  let after = 0;
  for (;;) {
    const batch = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.sourceId, sourceId), gt(documents.id, after)))
      .orderBy(asc(documents.id))
      .limit(200);
    if (batch.length === 0) return totals;
    for (const { id } of batch) {
      let outcome: Awaited<ReturnType<typeof applyAnalysis>>;
      try {
        outcome = await db.transaction((tx) => applyAnalysis(tx, id, now(), runId, { analyse }));
      } catch (error) {
        totals.failures.push({ documentId: id, reason: (error as Error).message });
        continue;
      }
      totals.documents++;
      if (outcome.changed) totals.changed++;
      if (outcome.linksChanged) totals.linksChanged++;
      totals.measuresCreated += outcome.measuresCreated;
      totals.measuresDeleted += outcome.measuresDeleted;
    }
    after = batch[batch.length - 1]?.id ?? after;
  }
}
