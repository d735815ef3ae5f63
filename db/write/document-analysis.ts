import { eq } from "drizzle-orm";
import { currentTaxonomy } from "../reference/taxonomies.js";
import { brusselsDayOf } from "../../schema/dutch-text.js";
import { type BackingLink, type ChangeEntry, diffFields, type DocumentSubject, type MeasureSubject } from "../../schema/change-events.js";
import type { Transaction } from "../client.js";
import { findLinkCandidates, type LinkWrite, replaceBackingLinks } from "../queries/document-links.js";
import { replaceMentionedMunicipalities } from "../queries/document-municipalities.js";
import { replaceDocumentThemes, themeCodesById, themeIdsByCode } from "../queries/document-themes.js";
import { documentRefOf, readMeasureSubjects } from "../queries/event-subjects.js";
import { replaceDocumentExchanges } from "../queries/exchanges.js";
import {
  addMeasureEvidence,
  deleteMeasuresWithoutEvidence,
  findMeasuresWithoutEvidence,
  listDocumentMeasures,
  measureFingerprintExists,
  rekeyMeasure,
  removeDocumentEvidence,
} from "../queries/measures.js";
import { councilDecisions, documents } from "../tables/documents.js";
import { documentThemes, themes } from "../tables/themes.js";
import type { DocumentAnalyst, StoredAnalysis } from "./document-analyst.js";

export interface AnalysisOutcome {
  /** Whether the stored analysis changed (a `document.analysed` event is due). */
  changed: boolean;
  measuresCreated: number;
  measuresChanged: number;
  measuresDeleted: number;
  linksChanged: boolean;
}

/** Events that are due (or not), made once the document's subject is known: it is read after every write. */
export interface PendingEvents {
  due: boolean;
  make: (document: DocumentSubject) => ChangeEntry[];
}

/** The analysis stored, and the events it calls for. */
export interface AnalysisWriteResult {
  outcome: AnalysisOutcome;
  events: PendingEvents;
}

export interface AnalysisDeps {
  now: Date;
  runId: number | null;
  analyst: DocumentAnalyst;
}

/** What the analysis reads of a stored document; the write path hands over what it just wrote. */
export interface AnalysedDocument {
  id: number;
  kind: string;
  title: string;
  text: string;
  status: string;
  municipalityNis: string | null;
  publishedAt: Date | null;
  firstSeenAt: Date;
  analysisHash: string | null;
  rulesVersion: string | null;
  /** A decision's session start and operative part (null for other kinds). */
  sessionStart: Date | null;
  operativeText: string | null;
}

/** The analysed columns of stored documents, by id (reprocess reads them; a write already has them). */
export const analysedColumns = {
  id: documents.id,
  kind: documents.kind,
  title: documents.title,
  text: documents.text,
  status: documents.status,
  municipalityNis: documents.municipalityNis,
  publishedAt: documents.publishedAt,
  firstSeenAt: documents.firstSeenAt,
  analysisHash: documents.analysisHash,
  rulesVersion: documents.rulesVersion,
  sessionStart: councilDecisions.sessionStart,
  operativeText: councilDecisions.operativeText,
};

export async function readAnalysedDocument(tx: Transaction, documentId: number): Promise<AnalysedDocument> {
  const [doc] = await tx.select(analysedColumns).from(documents).leftJoin(councilDecisions, eq(councilDecisions.documentId, documents.id)).where(eq(documents.id, documentId));
  if (!doc) throw new Error(`document ${documentId} does not exist`);
  return doc;
}

/** The measure fields a `measure.changed` event compares. */
const MEASURE_FIELDS = ["action", "summary", "amounts", "quantities", "startsOn", "endsOn", "announcedOn", "theme"] as const;

const nothing: AnalysisWriteResult = {
  outcome: { changed: false, measuresCreated: 0, measuresChanged: 0, measuresDeleted: 0, linksChanged: false },
  events: { due: false, make: () => [] },
};

/**
 * Analyse a stored document and store the result inside the caller's transaction: its themes,
 * mentioned municipalities, measures (evidence, amounts, quantities), exchanges and backing links.
 * Nothing is written when the output equals what is stored, so re-running it (reprocess) writes
 * events only where the rules now say something else. With `onlyIfOutdated` (a store whose content
 * did not change) a document already analysed by the current rules is left alone.
 *
 * A measure read differently (another amount, another action) keeps its identity when nothing
 * else states it: it is changed in place and reported field by field; a measure no document states
 * any more is deleted and its last state reported as a tombstone.
 */
export async function analyseStoredDocument(tx: Transaction, doc: AnalysedDocument, deps: AnalysisDeps, options: { onlyIfOutdated?: boolean } = {}): Promise<AnalysisWriteResult> {
  const documentId = doc.id;
  // A re-scrape of unchanged content analysed by the current rules would read the same again.
  if (options.onlyIfOutdated && doc.analysisHash !== null && doc.rulesVersion === deps.analyst.rulesVersion) return nothing;

  const day = brusselsDay(doc.sessionStart ?? doc.publishedAt ?? doc.firstSeenAt);
  // A decision's measures are what it decides: its operative part, not the motivation before it.
  const operativeAt = doc.operativeText ? doc.text.lastIndexOf(doc.operativeText) : -1;
  // A failure throws: the store's transaction rolls back and the page is an error of its own.
  const analysis = await deps.analyst.analyse({
    documentId,
    title: doc.title,
    text: doc.text,
    date: day,
    publisher: doc.municipalityNis,
    measuresFrom: operativeAt > 0 ? operativeAt : 0,
  });
  const outcome: AnalysisOutcome = { ...nothing.outcome };
  let analysedEvents: (document: DocumentSubject) => ChangeEntry[] = () => [];

  if (analysis.hash !== doc.analysisHash) {
    outcome.changed = true;
    const themesBefore = await themeCodesOf(tx, documentId);
    const themeIds = await themeIdsByCode(tx, currentTaxonomy.version);
    await replaceDocumentThemes(
      tx,
      documentId,
      analysis.themes.flatMap(({ code, ...row }) => {
        const themeId = themeIds.get(code);
        return themeId === undefined ? [] : [{ ...row, themeId }];
      }),
    );
    await replaceMentionedMunicipalities(tx, documentId, analysis.municipalities);
    const measures = await replaceDocumentMeasures(tx, documentId, analysis, themeIds, deps.now);
    outcome.measuresCreated = measures.created.length;
    outcome.measuresChanged = measures.changed.length;
    outcome.measuresDeleted = measures.deleted.length;
    await replaceDocumentExchanges(tx, documentId, analysis.exchanges, deps.now);
    await tx.update(documents).set({ analysisHash: analysis.hash, rulesVersion: analysis.rulesVersion }).where(eq(documents.id, documentId));
    const themesAfter = analysis.themes.filter((t) => themeIds.has(t.code)).map((t) => t.code);
    const { runId } = deps;
    analysedEvents = (document) => {
      const ref = documentRefOf(document);
      return [
        {
          event: "document.analysed",
          entityId: documentId,
          runId,
          payload: {
            document,
            rulesVersion: analysis.rulesVersion,
            measures: analysis.measureCount,
            exchanges: analysis.exchanges.length,
            changes: diffFields({ themes: [...themesBefore].sort() }, { themes: [...themesAfter].sort() }, ["themes"]),
          },
        },
        ...measures.created.map((measure): ChangeEntry => ({ event: "measure.created", entityId: measure.id, runId, payload: { measure, document: ref } })),
        ...measures.changed.map(({ measure, changes }): ChangeEntry => ({ event: "measure.changed", entityId: measure.id, runId, payload: { measure, document: ref, changes } })),
        ...measures.deleted.map((measure): ChangeEntry => ({ event: "measure.deleted", entityId: measure.id, runId, payload: { measure, document: ref } })),
      ];
    };
  } else if (doc.rulesVersion !== analysis.rulesVersion) {
    // Newer rules that read the same: record the version, nothing user-visible changed.
    await tx.update(documents).set({ rulesVersion: analysis.rulesVersion }).where(eq(documents.id, documentId));
  }
  const links = await linkDocument(tx, doc, day, analysis, deps.analyst);
  outcome.linksChanged = links.changed;
  return {
    outcome,
    events: {
      due: outcome.changed || links.announce !== null,
      make: (document) => [
      ...analysedEvents(document),
      ...(links.announce === null ? [] : [{ event: "document.linked" as const, entityId: documentId, runId: deps.runId, payload: { document, backedBy: links.announce } }]),
      ],
    },
  };
}

interface MeasureChanges {
  created: MeasureSubject[];
  changed: { measure: MeasureSubject; changes: ReturnType<typeof diffFields> }[];
  deleted: MeasureSubject[];
}

/**
 * Replace what a document says about measures. Each new reading goes to the measure with its
 * fingerprint; when there is none, a measure only this document stated (same municipality and
 * theme, the same action first, then the nearest place in the text) takes the new reading and
 * keeps its id. Whatever is left without evidence is deleted.
 */
async function replaceDocumentMeasures(tx: Transaction, documentId: number, analysis: StoredAnalysis, themeIds: Map<string, number>, now: Date): Promise<MeasureChanges> {
  const stated = await listDocumentMeasures(tx, documentId);
  const before = await readMeasureSubjects(tx, stated.map((m) => m.id));
  const touched = await removeDocumentEvidence(tx, documentId);
  const orphans = new Set(await findMeasuresWithoutEvidence(tx, touched));
  const free = stated.filter((m) => orphans.has(m.id));
  // A measure stored against an earlier taxonomy version has the same code under another id.
  const codes = free.length > 0 ? await themeCodesById(tx) : new Map<number, string>();
  const createdIds: number[] = [];
  for (const { themeCode, ...measure } of analysis.measures) {
    const themeId = themeIds.get(themeCode);
    if (themeId === undefined) continue;
    const write = { ...measure, themeId };
    if (!(await measureFingerprintExists(tx, write.fingerprint))) {
      const spanStart = write.evidence[0]?.spanStart ?? 0;
      const heir = free
        .filter((m) => m.municipalityNis === write.municipalityNis && (m.themeId === themeId || codes.get(m.themeId) === themeCode))
        .sort((a, b) => Number(b.action === write.action) - Number(a.action === write.action) || Math.abs(a.spanStart - spanStart) - Math.abs(b.spanStart - spanStart))[0];
      if (heir) {
        free.splice(free.indexOf(heir), 1);
        await rekeyMeasure(tx, heir.id, write, now);
      }
    }
    const result = await addMeasureEvidence(tx, documentId, write, now);
    if (result.created) createdIds.push(result.id);
  }
  const deletedIds = new Set((await deleteMeasuresWithoutEvidence(tx, touched)).map((m) => m.id));
  const surviving = touched.filter((id) => !deletedIds.has(id));
  const after = await readMeasureSubjects(tx, [...createdIds, ...surviving]);
  const changed = surviving.flatMap((id) => {
    const old = before.get(id);
    const now_ = after.get(id);
    if (!old || !now_) return [];
    const changes = diffFields(old as unknown as Record<string, unknown>, now_ as unknown as Record<string, unknown>, MEASURE_FIELDS);
    return changes.length > 0 ? [{ measure: now_, changes }] : [];
  });
  return {
    created: createdIds.flatMap((id) => after.get(id) ?? []),
    changed,
    deleted: [...deletedIds].sort((a, b) => a - b).flatMap((id) => before.get(id) ?? []),
  };
}

async function themeCodesOf(tx: Transaction, documentId: number): Promise<string[]> {
  const rows = await tx.select({ code: themes.code }).from(documentThemes).innerJoin(themes, eq(themes.id, documentThemes.themeId)).where(eq(documentThemes.documentId, documentId));
  return rows.map((r) => r.code);
}

/** Replace the document's backing links; `announce` holds the new links when they changed and a `document.linked` event is due. */
async function linkDocument(
  tx: Transaction,
  doc: { id: number; kind: string; title: string; text: string; status: string; municipalityNis: string | null },
  date: string | null,
  analysis: StoredAnalysis,
  analyst: DocumentAnalyst,
): Promise<{ changed: boolean; announce: BackingLink[] | null }> {
  // An undated, unplaced or withdrawn document backs nothing: its links go without an event.
  if (!doc.municipalityNis || !date || doc.status !== "active") {
    return { changed: await replaceBackingLinks(tx, doc.id, [], analysis.rulesVersion), announce: null };
  }
  const isRelease = doc.kind === "press_release";
  const { daysBefore, daysAfter, threshold, maxLinks } = analyst.backing;
  const candidates = await findLinkCandidates(tx, {
    documentId: doc.id,
    kind: isRelease ? "council_decision" : "press_release",
    municipalityNis: doc.municipalityNis,
    from: shiftDate(date, isRelease ? -daysBefore : -daysAfter),
    to: shiftDate(date, isRelease ? daysAfter : daysBefore),
    limit: 500,
  });
  const self = { title: doc.title, text: doc.text, date, themeCodes: analysis.themes.map((t) => t.code) };
  const scored = candidates
    .map((other) => ({ other, confidence: isRelease ? analyst.scoreBacking(self, other) : analyst.scoreBacking(other, self) }))
    .filter((s) => s.confidence >= threshold);
  const links: LinkWrite[] = isRelease
    ? scored.sort((a, b) => b.confidence - a.confidence).slice(0, maxLinks).map((s) => ({ fromDocumentId: doc.id, toDocumentId: s.other.id, confidence: s.confidence }))
    : scored.map((s) => ({ fromDocumentId: s.other.id, toDocumentId: doc.id, confidence: s.confidence }));
  const changed = await replaceBackingLinks(tx, doc.id, links, analysis.rulesVersion);
  return { changed, announce: changed ? links.map((l) => ({ from: l.fromDocumentId, to: l.toDocumentId, confidence: l.confidence })) : null };
}

/** The Brussels calendar day of a document's date: a release of 3 November (stored as 2 November 23:00 UTC) is of 3 November. */
function brusselsDay(value: Date | string | null): string | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : brusselsDayOf(date);
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
