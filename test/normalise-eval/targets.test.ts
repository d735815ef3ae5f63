import { describe, expect, it } from "vitest";
import { evaluate, readLabelledParagraphs, targets } from "./score.js";

describe("normalisation quality on the hand-labelled paragraphs", () => {
  const paragraphs = readLabelledParagraphs();
  const result = evaluate(paragraphs);

  it("has at least 80 paragraphs covering every theme of taxonomy v1", () => {
    expect(paragraphs.length).toBeGreaterThanOrEqual(80);
    expect(Object.keys(result.themes)).toHaveLength(12);
  });
  it("meets the amount targets", () => {
    expect(result.amounts.precision).toBeGreaterThanOrEqual(targets.amountsPrecision);
    expect(result.amounts.recall).toBeGreaterThanOrEqual(targets.amountsRecall);
  });
  it("meets the municipality targets", () => {
    expect(result.municipalities.precision).toBeGreaterThanOrEqual(targets.municipalitiesPrecision);
    expect(result.municipalities.recall).toBeGreaterThanOrEqual(targets.municipalitiesRecall);
  });
  it("meets the theme target (macro-F1)", () => {
    expect(result.themesMacroF1).toBeGreaterThanOrEqual(targets.themesMacroF1);
  });
  it("finds every valid national register number and no look-alike", () => {
    expect(result.pii.falsePositives).toBe(0);
    expect(result.pii.falseNegatives).toBe(0);
  });
});

describe("normalisation quality on the held-out paragraphs (never tuned on)", () => {
  const result = evaluate(readLabelledParagraphs("holdout.yaml"));
  // Regression guards at the figures first measured on this set; amounts precision was 0.940 there
  // (below the 0.98 target, see README), so it is guarded at that level, not at the target.
  it("keeps municipalities and themes at the targets", () => {
    expect(result.municipalities.precision).toBeGreaterThanOrEqual(targets.municipalitiesPrecision);
    expect(result.municipalities.recall).toBeGreaterThanOrEqual(targets.municipalitiesRecall);
    expect(result.themesMacroF1).toBeGreaterThanOrEqual(targets.themesMacroF1);
  });
  it("does not fall below the amount figures first measured", () => {
    expect(result.amounts.precision).toBeGreaterThanOrEqual(0.94);
    expect(result.amounts.recall).toBeGreaterThanOrEqual(0.95);
  });
});
