import { eq } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { documentPages, documents } from "../tables/documents.js";

/** The facts every page has contributed to a document (by URI), keyed by page URL. */
export async function pageFactsOf(tx: Transaction, uri: string): Promise<{ url: string; pageKind: string; facts: unknown }[]> {
  return tx
    .select({ url: documentPages.url, pageKind: documentPages.pageKind, facts: documentPages.facts })
    .from(documentPages)
    .innerJoin(documents, eq(documents.id, documentPages.documentId))
    .where(eq(documents.uri, uri));
}
