import { and, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { documentPages, documents, pressReleases } from "../tables/documents.js";
import type { PressReleaseContent } from "../write/document-plan.js";

/**
 * Article pages of a source to re-check for edits and withdrawal: active articles published since
 * `since` (or undated), with the page URL they were read from.
 */
export async function recentArticlePages(db: Database, sourceId: string, since: Date): Promise<{ uri: string; url: string }[]> {
  return db
    .select({ uri: documents.uri, url: documentPages.url })
    .from(documents)
    .innerJoin(documentPages, eq(documentPages.documentId, documents.id))
    .where(
      and(
        eq(documents.sourceId, sourceId),
        eq(documents.kind, "press_release"),
        eq(documents.status, "active"),
        or(gte(documents.publishedAt, since), isNull(documents.publishedAt)),
      ),
    );
}

/** Publication dates (YYYY-MM-DD, Brussels) of the documents stored from these article pages; undated and unknown pages are left out. */
export async function publishedDatesOfPages(db: Database, urls: readonly string[]): Promise<Map<string, string>> {
  if (urls.length === 0) return new Map();
  const rows = await db
    .select({ url: documentPages.url, day: sql<string>`to_char(${documents.publishedAt} at time zone 'Europe/Brussels', 'YYYY-MM-DD')` })
    .from(documentPages)
    .innerJoin(documents, eq(documents.id, documentPages.documentId))
    .where(and(inArray(documentPages.url, [...urls]), sql`${documents.publishedAt} is not null`));
  return new Map(rows.map((row) => [row.url, row.day]));
}

/** Documents by URI, for telling known pages from new ones. */
export function findDocumentUris(db: Database, uris: string[]) {
  return uris.length === 0 ? Promise.resolve([]) : db.select({ uri: documents.uri }).from(documents).where(inArray(documents.uri, uris));
}

/**
 * For article pages (by URL) already stored: the attachments of their article, so that
 * reprocessing can keep the PDF texts it cannot re-fetch.
 */
export async function storedArticlePages(db: Database, urls: string[]): Promise<Map<string, PressReleaseContent["attachments"]>> {
  if (urls.length === 0) return new Map();
  const rows = await db
    .select({ url: documentPages.url, attachments: pressReleases.attachments })
    .from(documentPages)
    .innerJoin(pressReleases, eq(pressReleases.documentId, documentPages.documentId))
    .where(and(eq(documentPages.pageKind, "article"), inArray(documentPages.url, urls)));
  return new Map(rows.map((row) => [row.url, row.attachments as PressReleaseContent["attachments"]]));
}
