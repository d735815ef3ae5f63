import { and, eq, gte, inArray, or, isNull } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { hashContent } from "../content-hash.js";
import { documentMunicipalities, documentPages, documentRevisions, documents, pressReleases } from "../tables/documents.js";
import { appendChange } from "./change-log.js";
import type { ChangeEvent } from "../../schema/change-events.js";
import { containsRedaction } from "../../schema/redaction.js";
import type { WriteOutcome } from "./merge-upsert.js";

/** The user-visible content of a press release: what its hash and revisions cover. */
export interface PressReleaseContent {
  title: string;
  lead: string | null;
  text: string;
  publishedAt: string | null;
  modifiedAt: string | null;
  author: string | null;
  attachments: { url: string; title: string; mediaType: string; text?: string | null }[];
}

export interface PressReleaseWrite {
  /** Canonical URL of the article. */
  uri: string;
  /** The URL it was fetched from. */
  pageUrl: string;
  sourceId: string;
  municipalityNis: string | null;
  language: string;
  content: PressReleaseContent;
  html: string;
  runId: number | null;
  captureId: number | null;
}

/**
 * Store an article: insert it, make a new revision when its content changed, or leave it alone.
 * The hash covers the article only (title, lead, text, dates, author, attachments), so a change of
 * the page around it is not a new version. A withdrawn article that comes back is restored.
 */
export async function writePressRelease(tx: Transaction, write: PressReleaseWrite, now: Date): Promise<{ id: number; outcome: WriteOutcome }> {
  const c = write.content;
  const contentHash = hashContent(c);
  const fields = {
    piiRedacted: containsRedaction(c),
    title: c.title,
    description: c.lead,
    text: c.text,
    html: write.html,
    language: write.language,
    publishedAt: c.publishedAt ? new Date(c.publishedAt) : null,
    municipalityNis: write.municipalityNis,
  };
  const specific = { lead: c.lead, author: c.author, canonicalUrl: write.uri, modifiedAt: c.modifiedAt ? new Date(c.modifiedAt) : null, attachments: c.attachments };
  const [existing] = await tx.select().from(documents).where(eq(documents.uri, write.uri));
  const page = { url: write.pageUrl, pageKind: "article", captureId: write.captureId, facts: {}, firstSeenAt: now, lastSeenAt: now };
  const change = (event: ChangeEvent, revision: number, id: number) =>
    appendChange(tx, {
      event,
      entityType: "document",
      entityId: String(id),
      municipalityNis: write.municipalityNis,
      runId: write.runId,
      payload: { kind: "press_release", uri: write.uri, revision },
    });

  if (!existing) {
    const [doc] = await tx
      .insert(documents)
      .values({ kind: "press_release", uri: write.uri, sourceId: write.sourceId, ...fields, contentHash, revision: 1, firstSeenAt: now, updatedAt: now })
      .returning({ id: documents.id });
    if (!doc) throw new Error(`${write.uri}: document insert returned no row`);
    await tx.insert(pressReleases).values({ documentId: doc.id, ...specific });
    await tx.insert(documentRevisions).values({ documentId: doc.id, revision: 1, contentHash, title: c.title, text: c.text, html: write.html, fields: c, captureId: write.captureId, createdAt: now });
    await tx.insert(documentPages).values({ documentId: doc.id, ...page }).onConflictDoNothing();
    if (write.municipalityNis) {
      await tx.insert(documentMunicipalities).values({ documentId: doc.id, municipalityNis: write.municipalityNis, role: "publisher" }).onConflictDoNothing();
    }
    await change("document.created", 1, doc.id);
    return { id: doc.id, outcome: "insert" };
  }
  // The same article may be announced by several sources (a feed and a list): one document, every page kept.
  await tx.insert(documentPages).values({ documentId: existing.id, ...page }).onConflictDoNothing();
  if (existing.status === "withdrawn") {
    await tx.update(documents).set({ status: "active", withdrawnAt: null, updatedAt: now }).where(eq(documents.id, existing.id));
    await change("document.restored", existing.revision, existing.id);
  }
  if (existing.contentHash === contentHash) return { id: existing.id, outcome: existing.status === "withdrawn" ? "update" : "noop" };
  const revision = existing.revision + 1;
  await tx.update(documents).set({ ...fields, contentHash, revision, updatedAt: now }).where(eq(documents.id, existing.id));
  await tx.update(pressReleases).set(specific).where(eq(pressReleases.documentId, existing.id));
  await tx.insert(documentRevisions).values({ documentId: existing.id, revision, contentHash, title: c.title, text: c.text, html: write.html, fields: c, captureId: write.captureId, createdAt: now });
  await change("document.updated", revision, existing.id);
  return { id: existing.id, outcome: "update" };
}

/** Mark an article withdrawn (its page answers 404 or 410); it is never deleted. */
export async function withdrawDocument(tx: Transaction, uri: string, runId: number | null, now: Date): Promise<boolean> {
  const [doc] = await tx.select().from(documents).where(eq(documents.uri, uri));
  if (!doc || doc.status === "withdrawn") return false;
  await tx.update(documents).set({ status: "withdrawn", withdrawnAt: now, updatedAt: now }).where(eq(documents.id, doc.id));
  await appendChange(tx, {
    event: "document.withdrawn",
    entityType: "document",
    entityId: String(doc.id),
    municipalityNis: doc.municipalityNis,
    runId,
    payload: { kind: doc.kind, uri, revision: doc.revision },
  });
  return true;
}

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
