import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Transaction } from "../../db/client.js";
import { appendChange } from "../../db/queries/change-log.js";
import { findLinkCandidates, type LinkWrite, replaceBackingLinks } from "../../db/queries/document-links.js";
import { replaceMentionedMunicipalities } from "../../db/queries/document-municipalities.js";
import { replaceDocumentThemes, themeIdsByCode } from "../../db/queries/document-themes.js";
import { replaceDocumentExchanges } from "../../db/queries/exchanges.js";
import { addMeasureEvidence, deleteMeasuresWithoutEvidence, type MeasureWrite, removeDocumentEvidence } from "../../db/queries/measures.js";
import { taxonomyV1 } from "../../db/reference/themes-v1.js";
import { councilDecisions, documents } from "../../db/tables/documents.js";
import { brusselsDayOf } from "../../schema/dutch-text.js";
import type { Amount } from "./amounts.js";
import { type Analyser, type Analysis, analyseOnThisThread, RULES_VERSION } from "./analyse.js";
import { BACKING_DAYS_AFTER, BACKING_DAYS_BEFORE, BACKING_THRESHOLD, scoreBacking } from "./document-links.js";
import type { Measure } from "./measures.js";
import type { Quantity } from "./quantities.js";

/** At most this many backing decisions are linked to one press release. */
const MAX_BACKING_LINKS = 3;

export interface ApplyOutcome {
  /** Whether the stored analysis changed (a `document.analysed` change row was written). */
  changed: boolean;
  measuresCreated: number;
  measuresDeleted: number;
  linksChanged: boolean;
}

const cents = (euros: number) => BigInt(Math.round(euros * 100));

/**
 * Analyse a stored document and store the result inside the caller's transaction: its themes,
 * mentioned municipalities, measures (evidence, amounts, quantities), exchanges and backing links.
 * Nothing is written when the output equals what is stored, so re-running it (reprocess) writes
 * change rows only where the rules now say something else. With `onlyIfOutdated` (a store whose
 * content did not change) a document already analysed by the current rules is left alone.
 */
export async function applyAnalysis(
  tx: Transaction,
  documentId: number,
  now: Date,
  runId: number | null,
  options: { onlyIfOutdated?: boolean; analyse?: Analyser } = {},
): Promise<ApplyOutcome> {
  const [doc] = await tx
    .select({
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
    })
    .from(documents)
    .leftJoin(councilDecisions, eq(councilDecisions.documentId, documents.id))
    .where(eq(documents.id, documentId));
  if (!doc) throw new Error(`document ${documentId} does not exist`);
  // A re-scrape of unchanged content analysed by the current rules would read the same again.
  if (options.onlyIfOutdated && doc.analysisHash !== null && doc.rulesVersion === RULES_VERSION) {
    return { changed: false, measuresCreated: 0, measuresDeleted: 0, linksChanged: false };
  }
  const date = isoDate(doc.sessionStart ?? doc.publishedAt ?? doc.firstSeenAt);
  // A decision's measures are what it decides: its operative part, not the motivation before it.
  const operativeAt = doc.operativeText ? doc.text.lastIndexOf(doc.operativeText) : -1;
  const analyse = options.analyse ?? analyseOnThisThread;
  const analysed = await analyse({ text: doc.text, title: doc.title, date, publisher: doc.municipalityNis, measuresFrom: operativeAt > 0 ? operativeAt : 0 });
  // The store's transaction rolls back: the page is an error of its own, read again by the next run.
  if (!analysed.ok) throw new Error(`document ${documentId} could not be analysed: ${analysed.reason}`);
  const analysis = analysed.value;
  const hash = hashAnalysis(analysis, date);
  const outcome: ApplyOutcome = { changed: false, measuresCreated: 0, measuresDeleted: 0, linksChanged: false };

  if (hash !== doc.analysisHash) {
    outcome.changed = true;
    const themeIds = await themeIdsByCode(tx, taxonomyV1.version);
    await replaceDocumentThemes(
      tx,
      doc.id,
      analysis.themes.flatMap((t) => {
        const themeId = themeIds.get(t.code);
        return themeId === undefined
          ? []
          : [{ themeId, score: t.score, evidenceField: t.evidence.field, evidenceStart: t.evidence.start, evidenceEnd: t.evidence.end, evidenceText: t.evidence.text, rulesVersion: analysis.rulesVersion }];
      }),
    );
    await replaceMentionedMunicipalities(tx, doc.id, analysis.municipalities);
    const touched = await removeDocumentEvidence(tx, doc.id);
    const created: { id: number; municipalityNis: string }[] = [];
    for (const measure of analysis.measures) {
      const themeId = themeIds.get(measure.theme);
      if (themeId === undefined) continue;
      const result = await addMeasureEvidence(tx, doc.id, presentMeasure(measure, themeId, date, analysis.rulesVersion), now);
      if (result.created) created.push({ id: result.id, municipalityNis: measure.municipality });
    }
    const reallyDeleted = await deleteMeasuresWithoutEvidence(tx, touched);
    outcome.measuresCreated = created.length;
    outcome.measuresDeleted = reallyDeleted.length;
    await replaceDocumentExchanges(tx, doc.id, presentExchanges(analysis), now);
    await tx.update(documents).set({ analysisHash: hash, rulesVersion: analysis.rulesVersion }).where(eq(documents.id, doc.id));
    await appendChange(tx, {
      event: "document.analysed",
      entityType: "document",
      entityId: String(doc.id),
      municipalityNis: doc.municipalityNis,
      runId,
      payload: {
        rulesVersion: analysis.rulesVersion,
        themes: analysis.themes.map((t) => t.code),
        measures: analysis.measures.length,
        exchanges: analysis.exchanges.exchanges.length,
      },
    });
    for (const [event, list] of [["measure.created", created], ["measure.deleted", reallyDeleted]] as const) {
      for (const m of list) {
        await appendChange(tx, { event, entityType: "measure", entityId: String(m.id), municipalityNis: m.municipalityNis, runId, payload: { documentId: doc.id } });
      }
    }
  } else if (doc.rulesVersion !== analysis.rulesVersion) {
    // Newer rules that read the same: record the version, nothing user-visible changed.
    await tx.update(documents).set({ rulesVersion: analysis.rulesVersion }).where(eq(documents.id, doc.id));
  }
  outcome.linksChanged = await linkDocument(tx, doc, date, analysis, runId);
  return outcome;
}

async function linkDocument(
  tx: Transaction,
  doc: { id: number; kind: string; title: string; text: string; status: string; municipalityNis: string | null },
  date: string | null,
  analysis: Analysis,
  runId: number | null,
): Promise<boolean> {
  if (!doc.municipalityNis || !date || doc.status !== "active") return replaceBackingLinks(tx, doc.id, [], analysis.rulesVersion);
  const isRelease = doc.kind === "press_release";
  const candidates = await findLinkCandidates(tx, {
    documentId: doc.id,
    kind: isRelease ? "council_decision" : "press_release",
    municipalityNis: doc.municipalityNis,
    from: shiftDate(date, isRelease ? -BACKING_DAYS_BEFORE : -BACKING_DAYS_AFTER),
    to: shiftDate(date, isRelease ? BACKING_DAYS_AFTER : BACKING_DAYS_BEFORE),
    limit: 500,
  });
  const self = { title: doc.title, text: doc.text, date, themeCodes: analysis.themes.map((t) => t.code) };
  const scored = candidates
    .map((other) => ({ other, confidence: isRelease ? scoreBacking(self, other) : scoreBacking(other, self) }))
    .filter((s) => s.confidence >= BACKING_THRESHOLD);
  const links: LinkWrite[] = isRelease
    ? scored.sort((a, b) => b.confidence - a.confidence).slice(0, MAX_BACKING_LINKS).map((s) => ({ fromDocumentId: doc.id, toDocumentId: s.other.id, confidence: s.confidence }))
    : scored.map((s) => ({ fromDocumentId: s.other.id, toDocumentId: doc.id, confidence: s.confidence }));
  const changed = await replaceBackingLinks(tx, doc.id, links, analysis.rulesVersion);
  if (changed) {
    await appendChange(tx, {
      event: "document.linked",
      entityType: "document",
      entityId: String(doc.id),
      municipalityNis: doc.municipalityNis,
      runId,
      payload: { backedBy: links.map((l) => ({ from: l.fromDocumentId, to: l.toDocumentId, confidence: l.confidence })) },
    });
  }
  return changed;
}

function presentMeasure(measure: Measure, themeId: number, date: string | null, rulesVersion: string): MeasureWrite {
  return {
    fingerprint: measure.fingerprint,
    municipalityNis: measure.municipality,
    themeId,
    action: measure.action,
    summary: measure.summary,
    startsOn: measure.startsOn,
    endsOn: measure.endsOn,
    announcedOn: date,
    rulesVersion,
    evidence: measure.evidence.map((e) => {
      const inside = (x: { start: number; end: number }) => x.start >= e.start && x.end <= e.end;
      return {
        spanStart: e.start,
        spanEnd: e.end,
        quote: e.text,
        confidence: e.confidence,
        amounts: uniqueBySpan(measure.amounts.filter(inside)).map(presentAmount),
        quantities: uniqueBySpan(measure.quantities.filter(inside)).map(presentQuantity),
      };
    }),
  };
}

/** A range is stored as `cents` = its minimum and `maxCents` = its maximum (see measure_amounts). */
function presentAmount(a: Amount) {
  const range = a.min !== undefined && a.max !== undefined;
  return {
    cents: cents(range ? (a.min as number) : a.value),
    maxCents: range ? cents(a.max as number) : null,
    previousCents: a.previous !== undefined ? cents(a.previous) : null,
    period: a.period,
    text: a.text,
  };
}

/** A range ("tussen 20 en 30 bedden") is stored as `value` = 20 and `maxValue` = 30, like amounts. */
function presentQuantity(q: Quantity) {
  const range = q.min !== undefined && q.max !== undefined;
  return {
    value: String(range ? q.min : q.value),
    maxValue: range ? String(q.max) : null,
    previousValue: q.previous !== undefined ? String(q.previous) : null,
    unit: q.unit,
    per: q.per ?? null,
    text: q.text,
  };
}

function presentExchanges(analysis: Analysis) {
  const { exchanges, totals } = analysis.exchanges;
  return exchanges.map((e) => ({
    programme: e.programme ?? "onbekend programma",
    edition: e.edition,
    topic: e.topic,
    municipalityANis: e.municipalities[0],
    municipalityBNis: e.municipalities[1],
    subsidyCents: e.subsidy === null ? null : cents(e.subsidy),
    spanStart: e.start,
    spanEnd: e.end,
    totalMismatch: totals.some((t) => t.mismatch && t.programme === e.programme && t.edition === e.edition),
    rulesVersion: analysis.rulesVersion,
  }));
}

function uniqueBySpan<T extends { start: number; end: number }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.start}:${item.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What is stored of an analysis, hashed: decides whether re-analysing changes anything. The
 * document's day is part of it, since its measures are stored as announced on that day: a
 * publication date read right at last must reach them.
 */
export function hashAnalysis(analysis: Analysis, date: string | null): string {
  const stored = {
    date,
    themes: analysis.themes.map((t) => [t.code, t.score, t.evidence.field, t.evidence.start, t.evidence.end]),
    municipalities: analysis.municipalities.map((m) => [m.nis, m.mentions]),
    // Amounts and quantities as they are stored, so a change in how they are stored counts as a change.
    measures: analysis.measures.map((m) => [
      m.fingerprint,
      m.summary,
      m.startsOn,
      m.endsOn,
      m.evidence.map((e) => [e.start, e.end, e.confidence]),
      m.amounts.map((a) => [a.start, a.text, ...Object.values(presentAmount(a)).map(String)]),
      m.quantities.map((q) => [q.start, ...Object.values(presentQuantity(q)).map(String)]),
    ]),
    exchanges: analysis.exchanges.exchanges.map((e) => [e.municipalities, e.topic, e.programme, e.edition, e.subsidy, e.start]),
    totals: analysis.exchanges.totals.map((t) => [t.programme, t.edition, t.mismatch]),
  };
  return createHash("sha256").update(JSON.stringify(stored)).digest("hex");
}

/** The Brussels calendar day of a document's date: a release of 3 November (stored as 2 November 23:00 UTC) is of 3 November. */
function isoDate(value: Date | string | null): string | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : brusselsDayOf(date);
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
