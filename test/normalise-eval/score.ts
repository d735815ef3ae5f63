import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { currentTaxonomy } from "../../db/reference/taxonomies.js";
import { analyseText } from "../../scrapers/normalise/analyse.js";

/** One hand-labelled paragraph of paragraphs.yaml (see README.md beside it). */
export interface LabelledParagraph {
  id: string;
  kind: string;
  date: string;
  publisher: string | null;
  text: string;
  municipalities: string[];
  themes: string[];
  /**
   * `period` in the synthetic sets: once, year, month, week, day, person (a unit) or unknown. In
   * the real sets (REAL.md) it is the time period only (plus hour, quarter, school_year), and `per`
   * the unit of the recipient (person, child, household, …).
   */
  amounts: { text: string; value: number; period?: string; per?: string; previous?: number; min?: number; max?: number }[];
  measures: { municipality: string; theme: string; action: string; conditions?: { incomeCeiling?: number; status?: string[]; residence?: boolean } }[];
  pii: number;
  /** The real sets' source of the excerpt (REAL.md). */
  url?: string;
  publisherName?: string;
  province?: string | null;
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** Confidences at which the measures are also scored (`measures(filter: {minConfidence})`). */
export const CONFIDENCE_THRESHOLDS = [0.5, 0.7] as const;

export interface Evaluation {
  paragraphs: number;
  amounts: Scores;
  /** An amount counts only with its value and its time period right (issue 15's "value + period"). */
  amountsWithPeriod: Scores;
  /** Themes summed over every code (micro): precision and recall of (text, theme) pairs. */
  themesMicro: Scores;
  amountPeriods: { correct: number; matched: number };
  /** Of the amounts found and labelled, how many have the labelled unit (`per`, none included); real sets only. */
  amountUnits: { correct: number; matched: number };
  municipalities: Scores;
  themes: Record<string, Scores>;
  themesMacroF1: number;
  measures: Scores;
  /** Conditions (each status, residence, the income ceiling) of the measures found right; real sets only label them. */
  conditions: Scores;
  /** The measures at or above each of `CONFIDENCE_THRESHOLDS`, scored against all labelled measures. */
  confidentMeasures: ({ threshold: number } & Scores)[];
  pii: Scores;
  /** Per paragraph, what differed: for reading the misses by hand. */
  misses: { id: string; field: string; missing: string[]; extra: string[] }[];
}

/**
 * The labelled sets: synthetic `paragraphs.yaml` (tuned on) and `holdout.yaml`; real excerpts
 * `real-tuning.yaml`, `real-retired.yaml` (held out for rounds 1–7, tuned on since) and
 * `real-holdout.yaml` (held out from round 8 on) (REAL.md).
 */
export type LabelledSet = "paragraphs.yaml" | "holdout.yaml" | "real-tuning.yaml" | "real-retired.yaml" | "real-holdout.yaml";

/** The labelled paragraphs of one set. */
export function readLabelledParagraphs(file: LabelledSet = "paragraphs.yaml"): LabelledParagraph[] {
  const raw = readFileSync(join(import.meta.dirname, file), "utf8");
  return (parse(raw) as (LabelledParagraph & { outsideV1?: string[] })[]).map((p) => ({
    ...toCurrentTaxonomy(p),
    date: String(p.date),
    publisher: p.publisher === null || p.publisher === undefined ? null : String(p.publisher),
    pii: p.pii ?? 0,
  }));
}

type Labels = Pick<LabelledParagraph, "municipalities" | "themes" | "amounts" | "measures"> & { outsideV1?: string[] };

/**
 * The real sets were labelled in taxonomy v1: `other` with the topic in `outsideV1`. In the
 * current taxonomy a topic that became a theme (mobility, disability, …) is that theme.
 */
export function toCurrentTaxonomy<T extends Labels>(p: T): T {
  const v2 = (p.outsideV1 ?? []).find((topic) => currentThemeCodes.has(topic));
  const current = (theme: string) => (theme === "other" && v2 ? v2 : theme);
  return {
    ...p,
    municipalities: (p.municipalities ?? []).map(String),
    themes: [...new Set((p.themes ?? []).map(current))],
    amounts: p.amounts ?? [],
    measures: (p.measures ?? []).map((m) => ({ ...m, theme: current(m.theme), municipality: String(m.municipality) })),
  };
}

const currentThemeCodes = new Set<string>(currentTaxonomy.themes.map((t) => t.code));

function score(c: Counts): Scores {
  const precision = c.truePositives + c.falsePositives === 0 ? 1 : c.truePositives / (c.truePositives + c.falsePositives);
  const recall = c.truePositives + c.falseNegatives === 0 ? 1 : c.truePositives / (c.truePositives + c.falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

function compareSets(expected: readonly string[], found: readonly string[], counts: Counts) {
  const e = new Set(expected);
  const f = new Set(found);
  const missing = [...e].filter((x) => !f.has(x));
  const extra = [...f].filter((x) => !e.has(x));
  counts.truePositives += e.size - missing.length;
  counts.falseNegatives += missing.length;
  counts.falsePositives += extra.length;
  return { missing, extra };
}

const empty = (): Counts => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });

/** Run the normalisation over every labelled paragraph and score it against the labels. */
export function evaluate(paragraphs: readonly LabelledParagraph[], options: { labelsInForce?: boolean } = {}): Evaluation {
  // The synthetic sets were labelled before the action `in_force` existed: they give no tuple to a
  // measure described as it stands, so a found `in_force` is not scored there.
  const labelsInForce = options.labelsInForce ?? paragraphs.some((p) => p.measures.some((m) => m.action === "in_force"));
  const amountCounts = empty();
  const withPeriodCounts = empty();
  const periods = { correct: 0, matched: 0 };
  const units = { correct: 0, matched: 0 };
  // Only the real sets label whom an amount is for (`per`).
  const labelsUnits = paragraphs.some((p) => p.amounts.some((a) => a.per !== undefined));
  const municipalityCounts = empty();
  const measureCounts = empty();
  const conditionCounts = empty();
  // Only the real sets label conditions.
  const labelsConditions = paragraphs.some((p) => p.measures.some((m) => m.conditions !== undefined));
  // The same score for the measures at or above each confidence a newsroom might alert on.
  const confidentCounts = new Map(CONFIDENCE_THRESHOLDS.map((threshold) => [threshold, empty()]));
  const piiCounts = empty();
  const themeCodes = [...new Set(paragraphs.flatMap((p) => p.themes))].sort();
  const themeCounts = new Map(themeCodes.map((c) => [c, empty()]));
  const misses: Evaluation["misses"] = [];
  let unlabelledThemesFound = 0;
  const note = (id: string, field: string, diff: { missing: string[]; extra: string[] }) => {
    if (diff.missing.length + diff.extra.length > 0) misses.push({ id, field, ...diff });
  };

  for (const p of paragraphs) {
    const analysis = analyseText({ text: p.text, date: p.date, publisher: p.publisher });
    // Amounts: a found amount matches a labelled one of the same value whose text overlaps it.
    const unmatched = [...analysis.amounts];
    const missingAmounts: string[] = [];
    for (const gold of p.amounts) {
      const at = p.text.indexOf(gold.text);
      const index = unmatched.findIndex((a) => Math.abs(a.value - gold.value) < 0.005 && (at < 0 || (a.start < at + gold.text.length && at < a.end)));
      if (index < 0) {
        missingAmounts.push(`${gold.text}=${gold.value}`);
        continue;
      }
      const [found] = unmatched.splice(index, 1);
      amountCounts.truePositives++;
      // The synthetic sets label "per persoon" as the period `person`; the extractor keeps the time
      // in `period` and whom it is for in `per`, so there `person` is no time and any unit.
      const goldTime = gold.period === undefined || gold.period === "person" ? "unknown" : gold.period;
      if (found?.period === goldTime) withPeriodCounts.truePositives++;
      else {
        withPeriodCounts.falseNegatives++;
        withPeriodCounts.falsePositives++;
      }
      if (gold.period && found) {
        periods.matched++;
        const foundLabel = gold.period === "person" && found.period === "unknown" && found.per ? "person" : found.period;
        if (foundLabel === gold.period) periods.correct++;
        else note(p.id, "amount period", { missing: [`${gold.text}:${gold.period}`], extra: [`${found.text}:${found.period}`] });
      }
      if (labelsUnits && found) {
        units.matched++;
        if ((found.per ?? null) === (gold.per ?? null)) units.correct++;
        else note(p.id, "amount unit", { missing: [`${gold.text}:${gold.per ?? "-"}`], extra: [`${found.text}:${found.per ?? "-"}`] });
      }
    }
    amountCounts.falseNegatives += missingAmounts.length;
    amountCounts.falsePositives += unmatched.length;
    withPeriodCounts.falseNegatives += missingAmounts.length;
    withPeriodCounts.falsePositives += unmatched.length;
    note(p.id, "amounts", { missing: missingAmounts, extra: unmatched.map((a) => `${a.text}=${a.value}`) });

    note(p.id, "municipalities", compareSets(p.municipalities, analysis.municipalities.map((m) => m.nis), municipalityCounts));

    const foundThemes: string[] = analysis.themes.map((t) => t.code);
    unlabelledThemesFound += foundThemes.filter((code) => !themeCodes.includes(code)).length;
    for (const code of themeCodes) {
      const counts = themeCounts.get(code);
      if (counts) compareSets(p.themes.includes(code) ? [code] : [], foundThemes.includes(code) ? [code] : [], counts);
    }
    note(p.id, "themes", { missing: p.themes.filter((t) => !foundThemes.includes(t)), extra: foundThemes.filter((t) => !p.themes.includes(t)) });

    const tuple = (m: { municipality: string; theme: string; action: string }) => `${m.municipality}/${m.theme}/${m.action}`;
    const scored = analysis.measures.filter((m) => labelsInForce || m.action !== "in_force");
    note(p.id, "measures", compareSets(p.measures.map(tuple), scored.map(tuple), measureCounts));
    // Conditions of the measures found right: statuses, residence and the income ceiling, each a fact.
    for (const gold of labelsConditions ? p.measures : []) {
      const found = scored.find((m) => tuple(m) === tuple(gold));
      if (!found) continue;
      const expected = [
        ...(gold.conditions?.status ?? []).map((s) => `status:${s}`),
        ...(gold.conditions?.residence ? ["residence"] : []),
        ...(gold.conditions?.incomeCeiling !== undefined ? [`ceiling:${gold.conditions.incomeCeiling.toFixed(2)}`] : []),
      ];
      const got = [
        ...found.conditions.statuses.map((s) => `status:${s}`),
        ...(found.conditions.residenceRequired ? ["residence"] : []),
        ...(found.conditions.incomeCeiling !== null ? [`ceiling:${found.conditions.incomeCeiling.toFixed(2)}`] : []),
      ];
      note(p.id, "conditions", compareSets(expected, got, conditionCounts));
    }
    for (const [threshold, counts] of confidentCounts) {
      compareSets(p.measures.map(tuple), scored.filter((m) => m.confidence >= threshold).map(tuple), counts);
    }

    const nrn = analysis.pii.filter((f) => f.kind === "national_register_number").length;
    piiCounts.truePositives += Math.min(nrn, p.pii);
    piiCounts.falsePositives += Math.max(0, nrn - p.pii);
    piiCounts.falseNegatives += Math.max(0, p.pii - nrn);
  }

  const themes = Object.fromEntries([...themeCounts].map(([code, counts]) => [code, score(counts)]));
  const micro = empty();
  for (const counts of themeCounts.values()) {
    micro.truePositives += counts.truePositives;
    micro.falsePositives += counts.falsePositives;
    micro.falseNegatives += counts.falseNegatives;
  }
  // Themes found but labelled nowhere in the set are false positives too.
  micro.falsePositives += unlabelledThemesFound;
  const f1s = Object.values(themes).map((s) => s.f1);
  return {
    paragraphs: paragraphs.length,
    amounts: score(amountCounts),
    amountsWithPeriod: score(withPeriodCounts),
    themesMicro: score(micro),
    amountPeriods: periods,
    amountUnits: units,
    municipalities: score(municipalityCounts),
    themes,
    themesMacroF1: f1s.length === 0 ? 0 : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    measures: score(measureCounts),
    conditions: score(conditionCounts),
    confidentMeasures: [...confidentCounts].map(([threshold, counts]) => ({ threshold, ...score(counts) })),
    pii: score(piiCounts),
    misses,
  };
}

/** The targets of issue 5 on this set. */
export const targets = { amountsPrecision: 0.98, amountsRecall: 0.95, municipalitiesPrecision: 0.95, municipalitiesRecall: 0.95, themesMacroF1: 0.85 };
