import { and, desc, eq } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { hashContent } from "../content-hash.js";
import {
  councilDecisions,
  documentMunicipalities,
  documentPages,
  documentRevisions,
  documents,
} from "../tables/documents.js";
import { appendChange } from "./change-log.js";
import { startOfBrusselsDay } from "../../schema/dutch-text.js";
import { containsRedaction } from "../../schema/redaction.js";
import { changeLog } from "../tables/change-log.js";
import { scrapeRuns } from "../tables/sources.js";
import type { WriteOutcome } from "./merge-upsert.js";

/** The user-visible content of a council decision: what its hash and revisions cover. */
export interface DecisionContent {
  title: string;
  shortTitle: string | null;
  description: string | null;
  motivation: string | null;
  operativeText: string | null;
  legalBasis: string[];
  publicationDate: string | null;
  isPublic: boolean | null;
  sessionStart: string | null;
  governingBodyUri: string | null;
  votes: { uri: string; outcome: string | null; countFor: number | null; countAgainst: number | null; countAbstain: number | null; secret: boolean | null }[];
}

export interface DecisionWrite {
  uri: string;
  sourceId: string;
  municipalityNis: string | null;
  content: DecisionContent;
  links: {
    sessionId: number | null;
    agendaItemId: number | null;
    governingBodyId: number | null;
    administrativeUnitId: number | null;
  };
  /** Every page kind that has said something about the decision so far. */
  seenIn: string[];
  runId: number | null;
  captureId: number | null;
}

function documentFields(write: DecisionWrite) {
  const c = write.content;
  return {
    piiRedacted: containsRedaction(c),
    title: c.title,
    description: c.description,
    text: [c.motivation, c.operativeText].filter(Boolean).join("\n\n"),
    // A publication date is a day: stored as the moment it starts in Brussels, as for press releases.
    publishedAt: c.publicationDate ? startOfBrusselsDay(c.publicationDate) : c.sessionStart ? new Date(c.sessionStart) : null,
    municipalityNis: write.municipalityNis,
  };
}

function decisionFields(write: DecisionWrite) {
  const c = write.content;
  return {
    ...write.links,
    shortTitle: c.shortTitle,
    motivation: c.motivation,
    operativeText: c.operativeText,
    legalBasis: c.legalBasis,
    isPublic: c.isPublic,
    sessionStart: c.sessionStart ? new Date(c.sessionStart) : null,
    seenIn: write.seenIn,
  };
}

/**
 * Store a council decision: insert it, update it with a new revision when its content hash
 * changed, or leave it alone. Inserts and updates append to the change log in the caller's
 * transaction. Links (session, agenda item, seen-in list) are completed without a revision.
 */
export async function writeCouncilDecision(tx: Transaction, write: DecisionWrite, now: Date): Promise<{ id: number; outcome: WriteOutcome }> {
  const contentHash = hashContent(write.content);
  const [existing] = await tx.select().from(documents).where(eq(documents.uri, write.uri));
  if (!existing) {
    const [doc] = await tx
      .insert(documents)
      .values({
        kind: "council_decision",
        uri: write.uri,
        sourceId: write.sourceId,
        ...documentFields(write),
        contentHash,
        revision: 1,
        firstSeenAt: now,
        updatedAt: now,
      })
      .returning({ id: documents.id });
    if (!doc) throw new Error(`${write.uri}: document insert returned no row`);
    await tx.insert(councilDecisions).values({ documentId: doc.id, ...decisionFields(write) });
    await insertRevision(tx, doc.id, 1, contentHash, write, now);
    if (write.municipalityNis) {
      await tx.insert(documentMunicipalities).values({ documentId: doc.id, municipalityNis: write.municipalityNis, role: "publisher" }).onConflictDoNothing();
    }
    await appendChange(tx, {
      event: "document.created",
      entityType: "document",
      entityId: String(doc.id),
      municipalityNis: write.municipalityNis,
      runId: write.runId,
      payload: { kind: "council_decision", uri: write.uri, revision: 1 },
    });
    return { id: doc.id, outcome: "insert" };
  }

  // Links may become known later (the agenda item from the minutes): complete them silently.
  await tx.update(councilDecisions).set(decisionFields(write)).where(eq(councilDecisions.documentId, existing.id));
  if (existing.contentHash === contentHash) return { id: existing.id, outcome: "noop" };

  const [previous] = await tx
    .select({ fields: documentRevisions.fields })
    .from(documentRevisions)
    .where(and(eq(documentRevisions.documentId, existing.id), eq(documentRevisions.revision, existing.revision)));
  const changed = changedFields((previous?.fields ?? {}) as Record<string, unknown>, write.content);
  const open = write.runId === null ? null : await openRevisionOf(tx, existing.id, write.runId);
  if (open) {
    // Several pages of one crawl complete the same decision (decision list, then minutes): the crawl
    // yields one version, so amend the revision it wrote instead of adding one per page. A crawl
    // whose process was killed is completed by the next run the same way.
    await tx.update(documents).set({ ...documentFields(write), contentHash, updatedAt: now }).where(eq(documents.id, existing.id));
    const fields = documentFields(write);
    await tx
      .update(documentRevisions)
      .set({ contentHash, title: fields.title, text: fields.text, fields: write.content, captureId: write.captureId })
      .where(and(eq(documentRevisions.documentId, existing.id), eq(documentRevisions.revision, existing.revision)));
    // Readers of the change log saw the interrupted crawl's version: tell them it was completed.
    if (open === "interrupted") await appendDocumentUpdated(tx, write, existing.id, existing.revision, changed);
    return { id: existing.id, outcome: "update" };
  }

  const revision = existing.revision + 1;
  await tx
    .update(documents)
    .set({ ...documentFields(write), contentHash, revision, updatedAt: now })
    .where(eq(documents.id, existing.id));
  await insertRevision(tx, existing.id, revision, contentHash, write, now);
  await appendDocumentUpdated(tx, write, existing.id, revision, changed);
  return { id: existing.id, outcome: "update" };
}

function appendDocumentUpdated(tx: Transaction, write: DecisionWrite, documentId: number, revision: number, changedFields: string[]) {
  return appendChange(tx, {
    event: "document.updated",
    entityType: "document",
    entityId: String(documentId),
    municipalityNis: write.municipalityNis,
    runId: write.runId,
    payload: { kind: "council_decision", uri: write.uri, revision, changedFields },
  });
}

/**
 * Whether the document's current revision is still open to the crawl writing now: its latest
 * change was appended by this run, or by a run whose process ended before finishing its crawl
 * (`scrape_runs.interrupted`, set when the next run finds it dead).
 */
async function openRevisionOf(tx: Transaction, documentId: number, runId: number): Promise<"this-run" | "interrupted" | null> {
  const [latest] = await tx
    .select({ runId: changeLog.runId, interrupted: scrapeRuns.interrupted })
    .from(changeLog)
    .leftJoin(scrapeRuns, eq(scrapeRuns.id, changeLog.runId))
    .where(and(eq(changeLog.entityType, "document"), eq(changeLog.entityId, String(documentId))))
    .orderBy(desc(changeLog.seq))
    .limit(1);
  if (latest?.runId === runId) return "this-run";
  return latest?.interrupted ? "interrupted" : null;
}

async function insertRevision(tx: Transaction, documentId: number, revision: number, contentHash: string, write: DecisionWrite, now: Date) {
  const fields = documentFields(write);
  await tx.insert(documentRevisions).values({
    documentId,
    revision,
    contentHash,
    title: fields.title,
    text: fields.text,
    fields: write.content,
    captureId: write.captureId,
    createdAt: now,
  });
}

function changedFields(before: Record<string, unknown>, after: DecisionContent): string[] {
  return Object.keys(after).filter((key) => hashContent(before[key] ?? null) !== hashContent((after as unknown as Record<string, unknown>)[key] ?? null));
}

/** Remember that a page said something about a document, with what it said. */
export async function recordDocumentPage(
  tx: Transaction,
  page: { documentId: number; url: string; pageKind: string; captureId: number | null; facts: unknown },
  now: Date,
) {
  await tx
    .insert(documentPages)
    .values({ ...page, facts: page.facts as object, firstSeenAt: now, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [documentPages.documentId, documentPages.url],
      set: { pageKind: page.pageKind, captureId: page.captureId, facts: page.facts as object, lastSeenAt: now },
    });
}

/** The facts every page has contributed to a document (by URI), keyed by page URL. */
export async function pageFactsOf(tx: Transaction, uri: string): Promise<{ url: string; pageKind: string; facts: unknown }[]> {
  return tx
    .select({ url: documentPages.url, pageKind: documentPages.pageKind, facts: documentPages.facts })
    .from(documentPages)
    .innerJoin(documents, eq(documents.id, documentPages.documentId))
    .where(eq(documents.uri, uri));
}
