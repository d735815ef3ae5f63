import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { measureAmounts, measureEvidence, measureQuantities, measures } from "../tables/measures.js";

export interface MeasureWrite {
  fingerprint: string;
  municipalityNis: string;
  themeId: number;
  action: string;
  summary: string;
  startsOn: string | null;
  endsOn: string | null;
  announcedOn: string | null;
  rulesVersion: string;
  evidence: {
    spanStart: number;
    spanEnd: number;
    quote: string;
    confidence: number;
    amounts: { cents: bigint; maxCents: bigint | null; previousCents: bigint | null; period: string; text: string }[];
    quantities: { value: string; maxValue: string | null; previousValue: string | null; unit: string; per: string | null; text: string }[];
  }[];
}

/**
 * Remove what a document contributed to measures (its evidence and the figures read from it).
 * Returns the ids of the measures it touched; call {@link deleteMeasuresWithoutEvidence} with them
 * once the new evidence is in, so a measure that is read again keeps its id.
 */
export async function removeDocumentEvidence(tx: Transaction, documentId: number): Promise<number[]> {
  const evidence = await tx
    .select({ id: measureEvidence.id, measureId: measureEvidence.measureId })
    .from(measureEvidence)
    .where(eq(measureEvidence.documentId, documentId));
  if (evidence.length === 0) return [];
  const evidenceIds = evidence.map((e) => e.id);
  await tx.delete(measureAmounts).where(inArray(measureAmounts.evidenceId, evidenceIds));
  await tx.delete(measureQuantities).where(inArray(measureQuantities.evidenceId, evidenceIds));
  await tx.delete(measureEvidence).where(inArray(measureEvidence.id, evidenceIds));
  return [...new Set(evidence.map((e) => e.measureId))];
}

/** Delete those of the given measures that no longer have any evidence; returns their ids. */
export async function deleteMeasuresWithoutEvidence(tx: Transaction, touched: number[]): Promise<number[]> {
  if (touched.length === 0) return [];
  const orphans = await tx
    .delete(measures)
    .where(
      and(
        inArray(measures.id, touched),
        notExists(tx.select({ one: sql`1` }).from(measureEvidence).where(eq(measureEvidence.measureId, measures.id))),
      ),
    )
    .returning({ id: measures.id });
  return orphans.map((o) => o.id);
}

/**
 * Add a document's evidence to the measure with this fingerprint, creating the measure when it is
 * new. The earliest evidence decides `announcedOn`; the summary stays the first one written.
 */
export async function addMeasureEvidence(tx: Transaction, documentId: number, write: MeasureWrite, now: Date): Promise<{ id: number; created: boolean }> {
  const [existing] = await tx.select().from(measures).where(eq(measures.fingerprint, write.fingerprint));
  let id: number;
  if (existing) {
    id = existing.id;
    const announcedOn = [existing.announcedOn, write.announcedOn].filter((d): d is string => d !== null).sort()[0] ?? null;
    await tx
      .update(measures)
      .set({
        announcedOn,
        startsOn: existing.startsOn ?? write.startsOn,
        endsOn: existing.endsOn ?? write.endsOn,
        rulesVersion: write.rulesVersion,
        updatedAt: now,
      })
      .where(eq(measures.id, id));
  } else {
    const { evidence: _evidence, ...fields } = write;
    const [row] = await tx.insert(measures).values({ ...fields, firstSeenAt: now, updatedAt: now }).returning({ id: measures.id });
    if (!row) throw new Error(`measure ${write.fingerprint}: insert returned no row`);
    id = row.id;
  }
  for (const piece of write.evidence) {
    const [evidence] = await tx
      .insert(measureEvidence)
      .values({ measureId: id, documentId, spanStart: piece.spanStart, spanEnd: piece.spanEnd, quote: piece.quote, confidence: piece.confidence })
      .onConflictDoNothing()
      .returning({ id: measureEvidence.id });
    if (!evidence) continue;
    if (piece.amounts.length > 0) await tx.insert(measureAmounts).values(piece.amounts.map((a) => ({ ...a, measureId: id, evidenceId: evidence.id })));
    if (piece.quantities.length > 0) await tx.insert(measureQuantities).values(piece.quantities.map((q) => ({ ...q, measureId: id, evidenceId: evidence.id })));
  }
  return { id, created: !existing };
}
