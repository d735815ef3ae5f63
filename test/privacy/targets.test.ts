import { describe, expect, it } from "vitest";
import { evaluatePrivacy, readCorpus } from "./score.js";

// Reached when the rules were written (see README.md beside this file): recall is the target and
// must stay 1.00 on both parts; precision may not fall below what was reached.
const reached = { "corpus.yaml": { precision: 1 }, "holdout.yaml": { precision: 1 }, "blind.yaml": { precision: 1 } } as const;

describe("privacy redaction on the hand-labelled corpus", () => {
  it("has at least 60 sentences, positives of every form and negatives of every kind", () => {
    const all = [...readCorpus("corpus.yaml"), ...readCorpus("holdout.yaml")];
    expect(all.length).toBeGreaterThanOrEqual(60);
    const forms = new Set(all.flatMap((s) => s.redact.map((r) => r.form)));
    for (const form of ["nrn-dots", "nrn-digits", "nrn-dashes", "nrn-slashes", "nrn-spaces", "name-title", "name-untitled", "name-initial", "name-particle", "name-capitals", "name-in-title", "birth-date", "address"]) {
      expect(forms).toContain(form);
    }
    const negatives = new Set(all.map((s) => s.negative).filter(Boolean));
    for (const kind of ["office-holder", "staff", "street-policy", "session-date", "municipality", "organisation", "number-lookalike"]) expect(negatives).toContain(kind);
  });

  for (const part of ["corpus.yaml", "holdout.yaml", "blind.yaml"] as const) {
    it(`redacts every labelled span of ${part} (recall 1.00) at the precision reached`, () => {
      const result = evaluatePrivacy(part);
      expect(result.misses.filter((m) => m.leaked.length > 0)).toEqual([]);
      expect(result.recall).toBe(1);
      expect(result.precision).toBeGreaterThanOrEqual(reached[part].precision);
    });
  }
});
