import { eq } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { appendChange } from "../queries/change-log.js";
import { readDocumentSubject } from "../queries/event-subjects.js";
import { documents } from "../tables/documents.js";

/** Mark a document withdrawn (its page answers 404 or 410); it is never deleted. Gives whether it was active. */
export async function withdrawDocument(tx: Transaction, uri: string, runId: number | null, now: Date): Promise<boolean> {
  const [doc] = await tx.select({ id: documents.id, status: documents.status }).from(documents).where(eq(documents.uri, uri));
  if (!doc || doc.status === "withdrawn") return false;
  await tx.update(documents).set({ status: "withdrawn", withdrawnAt: now, updatedAt: now }).where(eq(documents.id, doc.id));
  await appendChange(tx, { event: "document.withdrawn", entityId: doc.id, runId, payload: { document: await readDocumentSubject(tx, doc.id) } });
  return true;
}
