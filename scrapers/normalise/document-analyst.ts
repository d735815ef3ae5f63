import { createHash } from "node:crypto";
import { currentTaxonomy } from "../../db/reference/taxonomies.js";
import type { MeasureWrite } from "../../db/queries/measures.js";
import type { DocumentAnalyst, StoredAnalysis } from "../../db/write/document-analyst.js";
import type { Amount } from "./amounts.js";
import { type AnalysedMeasure, type Analyser, type Analysis, analyseOnThisThread, RULES_VERSION } from "./analyse.js";
import { BACKING_DAYS_AFTER, BACKING_DAYS_BEFORE, BACKING_THRESHOLD, scoreBacking } from "./document-links.js";
import type { Quantity } from "./quantities.js";

/** At most this many backing decisions are linked to one press release. */
const MAX_BACKING_LINKS = 3;

const cents = (euros: number) => BigInt(Math.round(euros * 100));

/**
 * The normalisation as the write path uses it (db/write/document-analysis.ts stores what it
 * gives): the rules run by `analyse` (the run's parse pool, or this thread), their output presented
 * as rows, and the backing-link score.
 */
export function createDocumentAnalyst(analyse: Analyser = analyseOnThisThread): DocumentAnalyst {
  return {
    rulesVersion: RULES_VERSION,
    async analyse(subject) {
      const analysed = await analyse({ text: subject.text, title: subject.title, date: subject.date, publisher: subject.publisher, measuresFrom: subject.measuresFrom });
      if (!analysed.ok) throw new Error(`document ${subject.documentId} could not be analysed: ${analysed.reason}`);
      return presentAnalysis(analysed.value, subject.date);
    },
    scoreBacking,
    backing: { daysBefore: BACKING_DAYS_BEFORE, daysAfter: BACKING_DAYS_AFTER, threshold: BACKING_THRESHOLD, maxLinks: MAX_BACKING_LINKS },
  };
}

/** An analysis as rows to store, with the hash that tells whether it differs from what is stored. */
export function presentAnalysis(analysis: Analysis, date: string | null): StoredAnalysis {
  return {
    hash: hashAnalysis(analysis, date),
    rulesVersion: analysis.rulesVersion,
    themes: analysis.themes.map((t) => ({
      code: t.code,
      score: t.score,
      evidenceField: t.evidence.field,
      evidenceStart: t.evidence.start,
      evidenceEnd: t.evidence.end,
      evidenceText: t.evidence.text,
      rulesVersion: analysis.rulesVersion,
    })),
    municipalities: analysis.municipalities,
    measures: analysis.measures.map((m) => ({ ...presentMeasure(m, date, analysis.rulesVersion), themeCode: m.theme })),
    exchanges: presentExchanges(analysis),
    measureCount: analysis.measures.length,
  };
}

function presentMeasure(measure: AnalysedMeasure, date: string | null, rulesVersion: string): Omit<MeasureWrite, "themeId"> {
  return {
    fingerprint: measure.fingerprint,
    municipalityNis: measure.municipality,
    action: measure.action,
    summary: measure.summary,
    incomeCeilingCents: measure.conditions.incomeCeiling === null ? null : cents(measure.conditions.incomeCeiling),
    statuses: measure.conditions.statuses,
    residenceRequired: measure.conditions.residenceRequired,
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
    per: a.per,
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
    // Themes and measures are stored against the themes of this taxonomy version: a new version rewrites them.
    taxonomy: currentTaxonomy.version,
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
      [m.conditions.incomeCeiling, m.conditions.statuses, m.conditions.residenceRequired],
      m.amounts.map((a) => [a.start, a.text, ...Object.values(presentAmount(a)).map(String)]),
      m.quantities.map((q) => [q.start, ...Object.values(presentQuantity(q)).map(String)]),
    ]),
    exchanges: analysis.exchanges.exchanges.map((e) => [e.municipalities, e.topic, e.programme, e.edition, e.subsidy, e.start]),
    totals: analysis.exchanges.totals.map((t) => [t.programme, t.edition, t.mismatch]),
  };
  return createHash("sha256").update(JSON.stringify(stored)).digest("hex");
}
