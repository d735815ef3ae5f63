import { and, eq } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { documentMunicipalities } from "../tables/documents.js";

/** Replace the municipalities a document mentions; its publisher row stays as it is. */
export async function replaceMentionedMunicipalities(tx: Transaction, documentId: number, counts: { nis: string; mentions: number }[]): Promise<void> {
  await tx.delete(documentMunicipalities).where(and(eq(documentMunicipalities.documentId, documentId), eq(documentMunicipalities.role, "mentioned")));
  if (counts.length > 0) {
    await tx
      .insert(documentMunicipalities)
      .values(counts.map((c) => ({ documentId, municipalityNis: c.nis, role: "mentioned", mentions: c.mentions })));
  }
}
