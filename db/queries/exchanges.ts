import { eq } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { exchanges } from "../tables/exchanges.js";

export type NewExchange = Omit<typeof exchanges.$inferInsert, "id" | "firstSeenAt" | "documentId">;

/**
 * Replace the exchanges read from a document. An exchange listed earlier by another document keeps
 * that first document (the identity is programme, edition, pair and topic).
 */
export async function replaceDocumentExchanges(tx: Transaction, documentId: number, rows: NewExchange[], now: Date): Promise<number> {
  await tx.delete(exchanges).where(eq(exchanges.documentId, documentId));
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(exchanges)
    .values(rows.map((row) => ({ ...row, documentId, firstSeenAt: now })))
    .onConflictDoNothing()
    .returning({ id: exchanges.id });
  return inserted.length;
}
