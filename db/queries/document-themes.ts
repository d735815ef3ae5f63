import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { documentThemes, themes } from "../tables/themes.js";
import { taxonomyV1 } from "../reference/themes-v1.js";

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

export function listThemes(db: Database, taxonomyVersion: number) {
  return db.select().from(themes).where(eq(themes.taxonomyVersion, taxonomyVersion)).orderBy(asc(themes.position));
}

export function findThemesByIds(db: Database, ids: readonly number[]) {
  return db.select().from(themes).where(inArray(themes.id, [...ids]));
}

/** Number of documents per theme id. */
export async function documentCountsOfThemes(db: Database, ids: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .select({ themeId: documentThemes.themeId, count: sql<number>`count(*)::int` })
    .from(documentThemes)
    .where(inArray(documentThemes.themeId, [...ids]))
    .groupBy(documentThemes.themeId);
  return new Map(rows.map((r) => [Number(r.themeId), Number(r.count)]));
}

/** Themes of the current taxonomy version by code. */
export function findThemesByCodes(db: Database, codes: readonly string[]) {
  return db.select().from(themes).where(and(inArray(themes.code, [...codes]), eq(themes.taxonomyVersion, taxonomyV1.version)));
}
