import type { Transaction } from "../../db/client.js";
import type { DecisionContent, DecisionWrite, PressReleaseContent, PressReleaseWrite } from "../../db/write/document-plan.js";
import { reanalyseDocument, writeDocument } from "../../db/write/write-document.js";
import { createDocumentAnalyst } from "../../scrapers/normalise/document-analyst.js";

/**
 * Documents written through the one write path (db/write/write-document.ts) with the
 * normalisation on this thread, for tests that need stored documents without a scraper.
 */

const analyst = createDocumentAnalyst();

export function writeDeps(now: Date, runId: number | null = null) {
  return { now, runId, analyst };
}

type ReleaseInput = Omit<PressReleaseWrite, "kind" | "page" | "runId" | "captureId" | "language" | "html"> &
  Partial<Pick<PressReleaseWrite, "runId" | "captureId" | "language" | "html">> & { pageUrl?: string };

/** Store a press release (and analyse it) as an article page would. */
export function writeRelease(tx: Transaction, input: ReleaseInput, now: Date) {
  const { pageUrl, ...rest } = input;
  const write: PressReleaseWrite = {
    kind: "press_release",
    language: "nl",
    html: `<p>${input.content.text}</p>`,
    runId: null,
    captureId: null,
    ...rest,
    page: { url: pageUrl ?? input.uri, pageKind: "article", captureId: input.captureId ?? null, facts: {} },
  };
  return writeDocument(tx, write, writeDeps(now, write.runId));
}

type DecisionInput = Omit<DecisionWrite, "kind" | "page" | "runId" | "captureId" | "links" | "seenIn"> &
  Partial<Pick<DecisionWrite, "runId" | "captureId" | "links" | "seenIn">> & { pageUrl?: string; pageKind?: string };

/** Store a council decision (and analyse it) as a decision list would. */
export function writeDecision(tx: Transaction, input: DecisionInput, now: Date) {
  const { pageUrl, pageKind, ...rest } = input;
  const write: DecisionWrite = {
    kind: "council_decision",
    links: { sessionId: null, agendaItemId: null, governingBodyId: null, administrativeUnitId: null },
    seenIn: [pageKind ?? "besluitenlijst"],
    runId: null,
    captureId: null,
    ...rest,
    page: { url: pageUrl ?? input.uri, pageKind: pageKind ?? "besluitenlijst", captureId: input.captureId ?? null, facts: {} },
  };
  return writeDocument(tx, write, writeDeps(now, write.runId));
}

/** Analyse a stored document again, as `vangnet reprocess` does. */
export function reanalyse(tx: Transaction, documentId: number, now: Date) {
  return reanalyseDocument(tx, documentId, writeDeps(now));
}

export type { DecisionContent, PressReleaseContent };
