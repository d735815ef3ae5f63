import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { type DiffPart, wordDiff } from "../../schema/word-diff.js";
import type { Database, Transaction } from "../client.js";
import { hashContent } from "../content-hash.js";
import { documentRevisions, documents } from "../tables/documents.js";

/** Every revision of the given documents, oldest first per document. */
export function listRevisions(db: Database, documentIds: readonly number[]) {
  return db
    .select()
    .from(documentRevisions)
    .where(inArray(documentRevisions.documentId, [...documentIds]))
    .orderBy(asc(documentRevisions.documentId), asc(documentRevisions.revision));
}

/** Word-level diff of a document's text between two of its revisions; null when one is missing. */
export async function diffRevisions(db: Database, documentId: number, from: number, to: number): Promise<DiffPart[] | null> {
  const rows = await db
    .select({ revision: documentRevisions.revision, text: documentRevisions.text })
    .from(documentRevisions)
    .where(and(eq(documentRevisions.documentId, documentId), inArray(documentRevisions.revision, [from, to])));
  const before = rows.find((r) => r.revision === from);
  const after = rows.find((r) => r.revision === to);
  return before && after ? wordDiff(before.text, after.text) : null;
}

export interface StoredRevisionText {
  id: number;
  documentId: number;
  /** The document's URI and publishing municipality, for the change that reports a rewrite. */
  uri: string;
  municipalityNis: string | null;
  revision: number;
  title: string;
  text: string;
  html: string | null;
  fields: unknown;
}

/**
 * The earlier revisions (not the current one) of a source's documents, oldest first per
 * document: the history that re-storing a page does not rewrite.
 */
export function listEarlierRevisionsOfSource(db: Database, sourceId: string): Promise<StoredRevisionText[]> {
  return db
    .select({
      id: documentRevisions.id,
      documentId: documentRevisions.documentId,
      uri: documents.uri,
      municipalityNis: documents.municipalityNis,
      revision: documentRevisions.revision,
      title: documentRevisions.title,
      text: documentRevisions.text,
      html: documentRevisions.html,
      fields: documentRevisions.fields,
    })
    .from(documentRevisions)
    .innerJoin(documents, eq(documents.id, documentRevisions.documentId))
    .where(and(eq(documents.sourceId, sourceId), lt(documentRevisions.revision, documents.revision)))
    .orderBy(asc(documentRevisions.documentId), asc(documentRevisions.revision));
}

/** Replace the texts of a stored revision (and the hash over its fields), keeping its place in the history. */
export async function rewriteRevisionText(tx: Transaction, revision: Pick<StoredRevisionText, "id" | "title" | "text" | "html" | "fields">): Promise<void> {
  await tx
    .update(documentRevisions)
    .set({ title: revision.title, text: revision.text, html: revision.html, fields: revision.fields, contentHash: hashContent(revision.fields) })
    .where(eq(documentRevisions.id, revision.id));
}
