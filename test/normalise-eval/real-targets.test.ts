import { describe, expect, it } from "vitest";
import { type LabelledSet, evaluate, readLabelledParagraphs } from "./score.js";

/**
 * The real excerpts (REAL.md). Issue 15's targets on the held-out part are measures P ≥ 0.85,
 * R ≥ 0.75; themes P, R ≥ 0.85; amounts with period P ≥ 0.97, R ≥ 0.92; municipalities P ≥ 0.98,
 * R ≥ 0.95. Most are not reached: the floors below are the levels reached at the end of round 13
 * (README, "Normalisation"), rounded down, so that a change that loses ground fails here. They are
 * not the goal.
 *
 * Three parts: `real-holdout.yaml` holds fresh texts never used to change the rules (held out from
 * round 13 on); `real-retired.yaml` holds the earlier held-out parts, tuned on since they were retired;
 * `real-tuning.yaml` was tuned on from the start. Only the first says how the rules do on texts
 * they have not seen.
 */
interface Floors {
  measures: { precision: number; recall: number };
  /** The measures a newsroom alerting on `minConfidence: 0.7` gets. */
  confidentMeasures: { precision: number; recall: number };
  themes: { precision: number; recall: number };
  amountsWithPeriod: { precision: number; recall: number };
  /** Of the amounts found, the share with the labelled unit (`per`, none included). */
  amountUnits: number;
  conditions: { precision: number; recall: number };
  municipalities: { precision: number; recall: number };
}

const reached: Record<"real-holdout.yaml" | "real-retired.yaml" | "real-tuning.yaml", Floors> = {
  // Round 13, scored once on 47 fresh texts: what the rules do on texts they have not seen.
  "real-holdout.yaml": {
    measures: { precision: 0.26, recall: 0.36 },
    confidentMeasures: { precision: 0.47, recall: 0.23 },
    themes: { precision: 0.75, recall: 0.81 },
    amountsWithPeriod: { precision: 0.83, recall: 0.75 },
    amountUnits: 0.91,
    conditions: { precision: 0.66, recall: 0.99 },
    municipalities: { precision: 0.98, recall: 0.99 },
  },
  "real-retired.yaml": {
    measures: { precision: 0.55, recall: 0.59 },
    confidentMeasures: { precision: 0.8, recall: 0.35 },
    themes: { precision: 0.73, recall: 0.78 },
    amountsWithPeriod: { precision: 0.91, recall: 0.87 },
    amountUnits: 0.94,
    conditions: { precision: 0.73, recall: 0.8 },
    municipalities: { precision: 0.97, recall: 0.98 },
  },
  "real-tuning.yaml": {
    measures: { precision: 0.78, recall: 0.77 },
    confidentMeasures: { precision: 0.98, recall: 0.56 },
    themes: { precision: 0.85, recall: 0.85 },
    amountsWithPeriod: { precision: 0.72, recall: 0.68 },
    amountUnits: 0.94,
    conditions: { precision: 0.59, recall: 0.66 },
    municipalities: { precision: 0.98, recall: 0.95 },
  },
};

describe("the real evaluation set", () => {
  const parts = (["real-tuning.yaml", "real-retired.yaml", "real-holdout.yaml"] as const).map((file) => readLabelledParagraphs(file));
  it("holds at least 60 real texts from at least 30 publishers, at least 40 of them held out", () => {
    const all = parts.flat();
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((p) => p.publisherName)).size).toBeGreaterThanOrEqual(30);
    const heldOut = parts[2]!;
    expect(heldOut.length).toBeGreaterThanOrEqual(40);
    expect(new Set(heldOut.map((p) => p.publisherName)).size).toBeGreaterThanOrEqual(35);
  });
});

describe.each(Object.keys(reached) as (keyof typeof reached)[])("normalisation on real texts, %s", (file: LabelledSet & keyof typeof reached) => {
  const floors = reached[file];
  const result = evaluate(readLabelledParagraphs(file));

  it("does not fall below the municipalities reached so far", () => {
    expect(result.municipalities.precision).toBeGreaterThanOrEqual(floors.municipalities.precision);
    expect(result.municipalities.recall).toBeGreaterThanOrEqual(floors.municipalities.recall);
  });
  it("does not fall below the measures, themes and amounts reached so far", () => {
    expect(result.measures.precision).toBeGreaterThanOrEqual(floors.measures.precision);
    expect(result.measures.recall).toBeGreaterThanOrEqual(floors.measures.recall);
    expect(result.themesMicro.precision).toBeGreaterThanOrEqual(floors.themes.precision);
    expect(result.themesMicro.recall).toBeGreaterThanOrEqual(floors.themes.recall);
    expect(result.amountsWithPeriod.precision).toBeGreaterThanOrEqual(floors.amountsWithPeriod.precision);
    expect(result.amountsWithPeriod.recall).toBeGreaterThanOrEqual(floors.amountsWithPeriod.recall);
  });
  it("does not fall below the confident measures, amount units and conditions reached so far", () => {
    const confident = result.confidentMeasures.find((c) => c.threshold === 0.7);
    expect(confident?.precision).toBeGreaterThanOrEqual(floors.confidentMeasures.precision);
    expect(confident?.recall).toBeGreaterThanOrEqual(floors.confidentMeasures.recall);
    // More confident measures are right more often: the confidence means something.
    const [atHalf] = result.confidentMeasures;
    expect(confident!.precision).toBeGreaterThan(atHalf!.precision);
    expect(atHalf!.precision).toBeGreaterThan(result.measures.precision);
    expect(result.amountUnits.correct / result.amountUnits.matched).toBeGreaterThanOrEqual(floors.amountUnits);
    expect(result.conditions.precision).toBeGreaterThanOrEqual(floors.conditions.precision);
    expect(result.conditions.recall).toBeGreaterThanOrEqual(floors.conditions.recall);
  });
});
