import { and, asc, eq, inArray } from "drizzle-orm";
import { type DiffPart, wordDiff } from "../../schema/word-diff.js";
import type { Database } from "../client.js";
import { documentRevisions } from "../tables/documents.js";

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
