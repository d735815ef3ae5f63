import { and, desc, eq } from "drizzle-orm";
import type { ChangeEntry } from "../../schema/change-events.js";
import { searchTermsOf } from "../../schema/dutch-compounds.js";
import type { Transaction } from "../client.js";
import { appendChange } from "../queries/change-log.js";
import { readDocumentSubject } from "../queries/event-subjects.js";
import { changeLog } from "../tables/change-log.js";
import { councilDecisions, documentMunicipalities, documentPages, documentRevisions, documents, pressReleases } from "../tables/documents.js";
import { scrapeRuns } from "../tables/sources.js";
import {
  type AnalysedDocument,
  analysedColumns,
  type AnalysisDeps,
  type AnalysisOutcome,
  analyseStoredDocument,
  type PendingEvents,
  readAnalysedDocument,
} from "./document-analysis.js";
import { type DocumentPlan, type DocumentWrite, isAssembledFromPages, planDocumentWrite, type StoredDocument, type WriteOutcome } from "./document-plan.js";

/**
 * The one way a document is written, for every kind: read what is stored, plan (document-plan.ts),
 * apply the plan, analyse the document, and append the events — all in the caller's transaction,
 * so that the document, its revision, its analysis and its events commit or vanish together.
 */

export interface DocumentWriteReport {
  id: number;
  outcome: WriteOutcome;
  analysis: AnalysisOutcome;
}

export async function writeDocument(tx: Transaction, write: DocumentWrite, deps: AnalysisDeps): Promise<DocumentWriteReport> {
  const found = await readStoredDocument(tx, write.uri, write.runId, isAssembledFromPages(write.kind));
  const plan = planDocumentWrite(write, found?.stored ?? null);
  const id = await applyDocumentPlan(tx, plan, found?.stored.id ?? null, deps.now);
  // The analysis reads the document as it now stands: what was stored, with what was just written.
  const written = plan.columns ? { ...plan.columns, ...decisionParts(plan) } : {};
  const before: Omit<AnalysedDocument, "id" | "status"> = found?.row ?? {
    kind: plan.kind,
    title: "",
    text: "",
    municipalityNis: null,
    publishedAt: null,
    firstSeenAt: deps.now,
    analysisHash: null,
    rulesVersion: null,
    sessionStart: null,
    operativeText: null,
  };
  const analysed: AnalysedDocument = { ...before, ...written, id, status: plan.restore || !found ? "active" : found.row.status };
  const analysis = await analyseStoredDocument(tx, analysed, deps, { onlyIfOutdated: plan.outcome === "noop" });
  const { runId } = write;
  const event = plan.event;
  const documentEvents: PendingEvents = {
    due: plan.restore || event !== null,
    make: (document): ChangeEntry[] => [
      ...(plan.restore ? [{ event: "document.restored" as const, entityId: id, runId, payload: { document } }] : []),
      ...(event?.event === "document.created" ? [{ event: event.event, entityId: id, runId, payload: { document } }] : []),
      ...(event?.event === "document.updated" ? [{ event: event.event, entityId: id, runId, payload: { document, changes: event.changes } }] : []),
    ],
  };
  await appendDocumentEvents(tx, id, write.page.url, [documentEvents, analysis.events]);
  return { id, outcome: plan.outcome, analysis: analysis.outcome };
}

/** Analyse a stored document again (reprocess) and append what changed. */
export async function reanalyseDocument(tx: Transaction, documentId: number, deps: AnalysisDeps): Promise<AnalysisOutcome> {
  const analysis = await analyseStoredDocument(tx, await readAnalysedDocument(tx, documentId), deps);
  await appendDocumentEvents(tx, documentId, null, [analysis.events]);
  return analysis.outcome;
}

/**
 * Append the events that are due, in order. The document's subject (its state after everything
 * was written: title, themes, municipality) is read once, and only when some event is due: most
 * writes are noops.
 */
async function appendDocumentEvents(tx: Transaction, documentId: number, pageUrl: string | null, pending: PendingEvents[]): Promise<void> {
  if (!pending.some((p) => p.due)) return;
  const subject = await readDocumentSubject(tx, documentId, pageUrl);
  for (const p of pending) if (p.due) for (const entry of p.make(subject)) await appendChange(tx, entry);
}

/** A decision's session start and operative part as the analysis reads them, from its row. */
function decisionParts(plan: DocumentPlan): Pick<AnalysedDocument, "sessionStart" | "operativeText"> {
  if (plan.kind !== "council_decision") return { sessionStart: null, operativeText: null };
  return { sessionStart: (plan.specific.sessionStart as Date | null) ?? null, operativeText: (plan.specific.operativeText as string | null) ?? null };
}

/** What is stored of the document: what planning needs, and the row the analysis reads. One query for the row. */
async function readStoredDocument(tx: Transaction, uri: string, runId: number | null, assembled: boolean): Promise<{ stored: StoredDocument; row: AnalysedDocument } | null> {
  const [existing] = await tx
    .select({ ...analysedColumns, contentHash: documents.contentHash, revision: documents.revision })
    .from(documents)
    .leftJoin(councilDecisions, eq(councilDecisions.documentId, documents.id))
    .where(eq(documents.uri, uri));
  if (!existing) return null;
  const { contentHash, revision, ...row } = existing;
  const [current] = await tx
    .select({ fields: documentRevisions.fields })
    .from(documentRevisions)
    .where(and(eq(documentRevisions.documentId, existing.id), eq(documentRevisions.revision, revision)));
  const openRevision = assembled && runId !== null ? await openRevisionOf(tx, existing.id, runId) : null;
  return {
    stored: { id: existing.id, contentHash, revision, status: existing.status, revisionFields: (current?.fields ?? null) as Record<string, unknown> | null, openRevision },
    row,
  };
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

const specificTables = { council_decision: councilDecisions, press_release: pressReleases } as const;

/** The compound parts and completed ellipses a document is also found by (schema/dutch-compounds.ts). */
export function searchTermsOfDocument(columns: { title: string; text: string }): string {
  return searchTermsOf(`${columns.title}\n${columns.text}`);
}

/** Carry out a plan; gives the document's id. */
export async function applyDocumentPlan(tx: Transaction, plan: DocumentPlan, storedId: number | null, now: Date): Promise<number> {
  const specificTable = specificTables[plan.kind];
  let id: number;
  if (storedId === null) {
    if (!plan.columns) throw new Error(`${plan.uri}: an insert needs the document's columns`);
    const [doc] = await tx
      .insert(documents)
      .values({ kind: plan.kind, uri: plan.uri, sourceId: plan.sourceId, ...plan.columns, searchTerms: searchTermsOfDocument(plan.columns), contentHash: plan.contentHash, revision: 1, firstSeenAt: now, updatedAt: now })
      .returning({ id: documents.id });
    if (!doc) throw new Error(`${plan.uri}: document insert returned no row`);
    id = doc.id;
    await tx.insert(specificTable).values({ documentId: id, ...plan.specific } as never);
    if (plan.columns.municipalityNis) {
      await tx.insert(documentMunicipalities).values({ documentId: id, municipalityNis: plan.columns.municipalityNis, role: "publisher" }).onConflictDoNothing();
    }
  } else {
    id = storedId;
    if (plan.writeSpecific) await tx.update(specificTable).set(plan.specific as never).where(eq(specificTable.documentId, id));
    if (plan.restore) await tx.update(documents).set({ status: "active", withdrawnAt: null, updatedAt: now }).where(eq(documents.id, id));
    if (plan.columns) {
      const revision = plan.revision?.mode === "insert" ? { revision: plan.revision.number } : {};
      await tx
        .update(documents)
        .set({ ...plan.columns, searchTerms: searchTermsOfDocument(plan.columns), contentHash: plan.contentHash, ...revision, updatedAt: now })
        .where(eq(documents.id, id));
    }
  }
  if (plan.revision?.mode === "insert") {
    await tx.insert(documentRevisions).values({ documentId: id, revision: plan.revision.number, contentHash: plan.contentHash, ...plan.revision.row, createdAt: now });
  } else if (plan.revision?.mode === "amend") {
    const { title, text, fields, captureId } = plan.revision.row;
    await tx
      .update(documentRevisions)
      .set({ contentHash: plan.contentHash, title, text, fields, captureId })
      .where(and(eq(documentRevisions.documentId, id), eq(documentRevisions.revision, plan.revision.number)));
  }
  const page = { documentId: id, ...plan.page, facts: plan.page.facts as object };
  const insertPage = tx.insert(documentPages).values({ ...page, firstSeenAt: now, lastSeenAt: now });
  await (plan.refreshPage
    ? insertPage.onConflictDoUpdate({
        target: [documentPages.documentId, documentPages.url],
        set: { pageKind: page.pageKind, captureId: page.captureId, facts: page.facts, lastSeenAt: now },
      })
    : insertPage.onConflictDoNothing());
  return id;
}
