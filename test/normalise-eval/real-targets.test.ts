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
  measures: { precision: 0.34, recall: 0.36 },
  themes: { precision: 0.64, recall: 0.7 },
  amountsWithPeriod: { precision: 0.88, recall: 0.86 },
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
});
