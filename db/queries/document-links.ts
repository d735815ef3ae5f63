import { and, desc, eq, gte, inArray, lte, ne, or, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { councilDecisions, documents } from "../tables/documents.js";
import { documentLinks } from "../tables/measures.js";
import { documentThemes, themes } from "../tables/themes.js";

export interface LinkCandidate {
  id: number;
  kind: string;
  title: string;
  text: string;
  /** Publication date, or the session date of a decision (YYYY-MM-DD). */
  date: string | null;
  themeCodes: string[];
}

/**
 * Documents of the other kind by the same municipality dated within [from, to] (YYYY-MM-DD), with
 * their theme codes: the candidates a press release may be backed by (or a decision may back).
 */
export async function findLinkCandidates(
  tx: Transaction,
  input: { documentId: number; kind: "council_decision" | "press_release"; municipalityNis: string; from: string; to: string; limit: number },
): Promise<LinkCandidate[]> {
  const dated = sql<string | null>`to_char(coalesce(${councilDecisions.sessionStart}, ${documents.publishedAt}) at time zone 'Europe/Brussels', 'YYYY-MM-DD')`;
  const when = sql`coalesce(${councilDecisions.sessionStart}, ${documents.publishedAt})`;
  const rows = await tx
    .select({ id: documents.id, kind: documents.kind, title: documents.title, text: documents.text, date: dated })
    .from(documents)
    .leftJoin(councilDecisions, eq(councilDecisions.documentId, documents.id))
    .where(
      and(
        eq(documents.kind, input.kind),
        eq(documents.municipalityNis, input.municipalityNis),
        eq(documents.status, "active"),
        ne(documents.id, input.documentId),
        gte(when, sql`${input.from}::date`),
        lte(when, sql`(${input.to}::date + 1)`),
      ),
    )
    .orderBy(documents.id)
    .limit(input.limit);
  if (rows.length === 0) return [];
  const themeRows = await tx
    .select({ documentId: documentThemes.documentId, code: themes.code })
    .from(documentThemes)
    .innerJoin(themes, eq(themes.id, documentThemes.themeId))
    .where(inArray(documentThemes.documentId, rows.map((r) => r.id)));
  return rows.map((row) => ({ ...row, themeCodes: themeRows.filter((t) => t.documentId === row.id).map((t) => t.code) }));
}

export interface LinkWrite {
  fromDocumentId: number;
  toDocumentId: number;
  confidence: number;
}

/** Replace every `backed_by` link that involves a document (from it or to it). Returns whether anything changed. */
export async function replaceBackingLinks(tx: Transaction, documentId: number, links: LinkWrite[], rulesVersion: string): Promise<boolean> {
  const involving = or(eq(documentLinks.fromDocumentId, documentId), eq(documentLinks.toDocumentId, documentId));
  const existing = await tx
    .select()
    .from(documentLinks)
    .where(and(eq(documentLinks.relation, "backed_by"), involving));
  const key = (l: LinkWrite) => `${l.fromDocumentId}>${l.toDocumentId}:${l.confidence.toFixed(3)}`;
  const before = existing.map(key).sort().join();
  const after = links.map(key).sort().join();
  if (before === after) return false;
  await tx.delete(documentLinks).where(and(eq(documentLinks.relation, "backed_by"), involving));
  if (links.length > 0) {
    await tx.insert(documentLinks).values(links.map((l) => ({ ...l, relation: "backed_by", rulesVersion }))).onConflictDoNothing();
  }
  return true;
}

/** Backing links of documents, from either side: `{ fromDocumentId, toDocumentId, confidence }`. */
export function findBackingLinksOf(db: Database, documentIds: readonly number[]) {
  return db
    .select()
    .from(documentLinks)
    .where(and(eq(documentLinks.relation, "backed_by"), or(inArray(documentLinks.fromDocumentId, [...documentIds]), inArray(documentLinks.toDocumentId, [...documentIds]))))
    .orderBy(desc(documentLinks.confidence));
}
