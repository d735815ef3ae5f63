import type { Database } from "../../db/client.js";
import { appendChange } from "../../db/queries/change-log.js";
import { readDocumentSubject } from "../../db/queries/event-subjects.js";
import { listEarlierRevisionsOfSource, rewriteRevisionText, type StoredRevisionText } from "../../db/queries/revisions.js";
import { hashContent } from "../../db/content-hash.js";
import { type RevisionTexts, redactRevision } from "./pii-fields.js";

/**
 * Redact the earlier revisions of a source's documents by the current privacy rules. Re-storing a
 * page refreshes a document's current content, but its history keeps what older, weaker rules
 * let through, and `revisions` and `diff` serve that history. Each document whose history changed
 * gets a `document.redacted` change, so that mirrors drop their copies. Returns how many
 * revisions were rewritten.
 */
export async function redactRevisionHistory(db: Database, sourceId: string, runId: number | null): Promise<number> {
  const byDocument = new Map<number, StoredRevisionText[]>();
  for (const revision of await listEarlierRevisionsOfSource(db, sourceId)) {
    const revisions = byDocument.get(revision.documentId);
    if (revisions) revisions.push(revision);
    else byDocument.set(revision.documentId, [revision]);
  }
  let rewritten = 0;
  for (const [documentId, revisions] of byDocument) {
    const changed = revisions.flatMap((stored) => {
      const texts: RevisionTexts = { title: stored.title, text: stored.text, html: stored.html, fields: stored.fields as RevisionTexts["fields"] };
      const redacted = redactRevision(texts);
      return hashContent(redacted) === hashContent(texts) ? [] : [{ ...stored, ...redacted }];
    });
    if (changed.length === 0) continue;
    await db.transaction(async (tx) => {
      for (const revision of changed) await rewriteRevisionText(tx, revision);
      const document = await readDocumentSubject(tx, documentId);
      await appendChange(tx, { event: "document.redacted", entityId: documentId, runId, payload: { document, revisions: changed.map((r) => r.revision) } });
    });
    rewritten += changed.length;
  }
  return rewritten;
}
