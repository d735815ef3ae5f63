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
