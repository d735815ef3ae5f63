import { describe, expect, it } from "vitest";
import { analyseText } from "../../scrapers/normalise/analyse.js";
import { CONFIDENCE_FEATURES, confidenceFeatures } from "../../scrapers/normalise/confidence.js";
import { confidenceModel } from "../../scrapers/normalise/confidence-model.js";

const measuresOf = (text: string, publisher = "44021") => analyseText({ text, date: "2026-03-01", publisher }).measures.map((m) => ({ action: m.action, theme: m.theme, confidence: m.confidence }));

describe("measure confidence", () => {
  it("has one fitted weight per feature", () => {
    expect(confidenceModel.weights).toHaveLength(CONFIDENCE_FEATURES.length);
  });

  it("is the fitted logistic regression over the measure's features", () => {
    const [measure] = analyseText({ text: "De stad Gent voert een nieuwe huurpremie in voor gezinnen met een laag inkomen.", date: "2026-03-01", publisher: "44021" }).measures;
    const features = confidenceFeatures(measure!.action, measure!.signals);
    for (const x of features) expect(x >= 0 && x <= 1).toBe(true);
    const z = features.reduce((sum, x, i) => sum + x * confidenceModel.weights[i]!, 0);
    expect(measure!.confidence).toBeCloseTo(1 / (1 + Math.exp(-z)), 2);
  });

  it("is higher when the sentence names the municipality itself", () => {
    const [named] = measuresOf("De stad Gent voert een nieuwe huurpremie in voor gezinnen met een laag inkomen.");
    const [unnamed] = measuresOf("De stad voert een nieuwe huurpremie in voor gezinnen met een laag inkomen.");
    expect(named).toMatchObject({ action: "introduce", theme: "housing" });
    expect(unnamed).toMatchObject({ action: "introduce", theme: "housing" });
    expect(named!.confidence).toBeGreaterThan(unnamed!.confidence);
  });

  it("is lower for a theme that is not what the text is about", () => {
    const measures = measuresOf(
      "De stad Gent breidt de schuldbemiddeling uit met twee voltijdse medewerkers. Ook de huurwaarborg wordt uitgebreid.",
    );
    const debt = measures.find((m) => m.theme === "debt_energy");
    const housing = measures.find((m) => m.theme === "housing");
    expect(debt && housing).toBeTruthy();
    expect(housing!.confidence).toBeLessThan(debt!.confidence);
  });

  it("stays between 0.01 and 0.99 and is carried by every piece of evidence", () => {
    for (const text of ["De stad Gent voert een nieuwe huurpremie in. Gent verhoogt de huurpremie.", "Het OCMW Gent schrapt de stookolietoelage."]) {
      for (const m of analyseText({ text, date: "2026-03-01", publisher: "44021" }).measures) {
        expect(m.confidence).toBeGreaterThanOrEqual(0.01);
        expect(m.confidence).toBeLessThanOrEqual(0.99);
        for (const piece of m.evidence) expect(piece.confidence).toBe(m.confidence);
      }
    }
  });
});
