import { eq } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { documentThemes, themes } from "../tables/themes.js";

export type NewDocumentTheme = Omit<typeof documentThemes.$inferInsert, "documentId">;

/** Theme ids of one taxonomy version by code. */
export async function themeIdsByCode(tx: Transaction, taxonomyVersion: number): Promise<Map<string, number>> {
  const rows = await tx.select({ id: themes.id, code: themes.code }).from(themes).where(eq(themes.taxonomyVersion, taxonomyVersion));
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** Replace the themes of a document with those of its latest analysis. */
export async function replaceDocumentThemes(tx: Transaction, documentId: number, rows: NewDocumentTheme[]): Promise<void> {
  await tx.delete(documentThemes).where(eq(documentThemes.documentId, documentId));
  if (rows.length > 0) await tx.insert(documentThemes).values(rows.map((row) => ({ ...row, documentId })));
}
