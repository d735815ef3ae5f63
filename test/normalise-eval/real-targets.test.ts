import { describe, expect, it } from "vitest";
import { evaluate, readLabelledParagraphs } from "./score.js";

/**
 * The real excerpts (REAL.md). Issue 15's targets on the held-out part are measures P ≥ 0.85,
 * R ≥ 0.75; themes P, R ≥ 0.85; amounts with period P ≥ 0.97, R ≥ 0.92; municipalities P ≥ 0.98,
 * R ≥ 0.95. Not all are reached yet: the floors below are the levels reached so far (README,
 * "Normalisation"), rounded down, so that a change that loses ground fails here. Raise them with
 * each round; they are not the goal.
 */
const reached = {
  // Round 5 traded one found measure (recall 0.571 → 0.551) for three fewer wrong ones.
  measures: { precision: 0.52, recall: 0.55 },
  /** The measures a newsroom alerting on `minConfidence: 0.7` gets. */
  confidentMeasures: { precision: 0.74, recall: 0.42 },
  themes: { precision: 0.65, recall: 0.81 },
  amountsWithPeriod: { precision: 0.93, recall: 0.91 },
  /** Of the amounts found, the share with the labelled unit (`per`, none included). */
  amountUnits: 0.84,
  conditions: { precision: 0.94, recall: 0.89 },
  municipalities: { precision: 0.98, recall: 0.95 },
};

describe("normalisation on real texts, held-out part (never tuned on)", () => {
  const paragraphs = readLabelledParagraphs("real-holdout.yaml");
  const result = evaluate(paragraphs);

  it("is a real set: at least 30 texts from at least 25 publishers", () => {
    expect(paragraphs.length).toBeGreaterThanOrEqual(30);
    expect(new Set(paragraphs.map((p) => p.publisherName)).size).toBeGreaterThanOrEqual(25);
  });
  it("keeps municipalities at issue 15's target", () => {
    expect(result.municipalities.precision).toBeGreaterThanOrEqual(reached.municipalities.precision);
    expect(result.municipalities.recall).toBeGreaterThanOrEqual(reached.municipalities.recall);
  });
  it("does not fall below the measures, themes and amounts reached so far", () => {
    expect(result.measures.precision).toBeGreaterThanOrEqual(reached.measures.precision);
    expect(result.measures.recall).toBeGreaterThanOrEqual(reached.measures.recall);
    expect(result.themesMicro.precision).toBeGreaterThanOrEqual(reached.themes.precision);
    expect(result.themesMicro.recall).toBeGreaterThanOrEqual(reached.themes.recall);
    expect(result.amountsWithPeriod.precision).toBeGreaterThanOrEqual(reached.amountsWithPeriod.precision);
    expect(result.amountsWithPeriod.recall).toBeGreaterThanOrEqual(reached.amountsWithPeriod.recall);
  });
  it("does not fall below the confident measures, amount units and conditions reached so far", () => {
    const confident = result.confidentMeasures.find((c) => c.threshold === 0.7);
    expect(confident?.precision).toBeGreaterThanOrEqual(reached.confidentMeasures.precision);
    expect(confident?.recall).toBeGreaterThanOrEqual(reached.confidentMeasures.recall);
    // More confident measures are right more often: the confidence means something.
    const [atHalf] = result.confidentMeasures;
    expect(confident!.precision).toBeGreaterThan(atHalf!.precision);
    expect(atHalf!.precision).toBeGreaterThan(result.measures.precision);
    expect(result.amountUnits.correct / result.amountUnits.matched).toBeGreaterThanOrEqual(reached.amountUnits);
    expect(result.conditions.precision).toBeGreaterThanOrEqual(reached.conditions.precision);
    expect(result.conditions.recall).toBeGreaterThanOrEqual(reached.conditions.recall);
  });
});
