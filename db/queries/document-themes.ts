import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { documentThemes, themes } from "../tables/themes.js";
import { currentTaxonomy } from "../reference/taxonomies.js";

export type NewDocumentTheme = Omit<typeof documentThemes.$inferInsert, "documentId">;

/** Theme ids of one taxonomy version by code. */
export async function themeIdsByCode(tx: Transaction, taxonomyVersion: number): Promise<Map<string, number>> {
  const rows = await tx.select({ id: themes.id, code: themes.code }).from(themes).where(eq(themes.taxonomyVersion, taxonomyVersion));
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** Codes of every theme row, of every taxonomy version, by id. */
export async function themeCodesById(tx: Transaction): Promise<Map<number, string>> {
  const rows = await tx.select({ id: themes.id, code: themes.code }).from(themes);
  return new Map(rows.map((row) => [row.id, row.code]));
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
  // By code: a document analysed under an earlier taxonomy version has the same theme under that version's id.
  const asked = db.$with("asked").as(db.select({ id: themes.id, code: themes.code }).from(themes).where(inArray(themes.id, [...ids])));
  const rows = await db
    .with(asked)
    .select({ themeId: asked.id, count: sql<number>`count(distinct ${documentThemes.documentId})::int` })
    .from(asked)
    .innerJoin(themes, eq(themes.code, asked.code))
    .innerJoin(documentThemes, eq(documentThemes.themeId, themes.id))
    .groupBy(asked.id);
  return new Map(rows.map((r) => [Number(r.themeId), Number(r.count)]));
}

/** Themes of the current taxonomy version by code. */
export function findThemesByCodes(db: Database, codes: readonly string[]) {
  return db.select().from(themes).where(and(inArray(themes.code, [...codes]), eq(themes.taxonomyVersion, currentTaxonomy.version)));
}
