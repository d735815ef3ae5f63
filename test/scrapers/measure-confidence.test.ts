import { describe, expect, it } from "vitest";
import { analyseText } from "../../scrapers/normalise/analyse.js";
import { CONFIDENCE_FEATURES } from "../../scrapers/normalise/confidence.js";
import { confidenceModel } from "../../scrapers/normalise/confidence-model.js";

const measuresOf = (text: string, publisher = "44021") => analyseText({ text, date: "2026-03-01", publisher }).measures.map((m) => ({ action: m.action, theme: m.theme, confidence: m.confidence }));

describe("measure confidence", () => {
  it("has one fitted weight per feature", () => {
    expect(confidenceModel.weights).toHaveLength(CONFIDENCE_FEATURES.length);
  });

  it("is high for an introduction that names its municipality and theme, lower for an intention", () => {
    const [introduced] = measuresOf("De stad Gent voert vanaf 1 januari een nieuwe huurpremie in voor gezinnen met een laag inkomen.");
    const [planned] = measuresOf("Gent kondigt aan dat het de huurpremie wil herbekijken.");
    expect(introduced).toMatchObject({ action: "introduce", theme: "housing" });
    expect(planned).toMatchObject({ action: "announce" });
    expect(introduced!.confidence).toBeGreaterThanOrEqual(0.7);
    expect(planned!.confidence).toBeLessThan(introduced!.confidence);
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
