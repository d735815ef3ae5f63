import { describe, expect, it } from "vitest";
import { type DecisionFacts, mergeDecisionFacts, presentDecisionContent } from "../../scrapers/lblod/decision-facts.js";

const empty: DecisionFacts = {
  pageKind: "agenda",
  title: null,
  shortTitle: null,
  description: null,
  motivation: null,
  operativeText: null,
  legalBasis: [],
  publicationDate: null,
  isPublic: null,
  sessionStart: null,
  sessionUri: null,
  governingBodyUri: null,
  agendaItemUri: null,
  agendaItemTitle: null,
  treatmentUri: null,
  votes: [],
};

describe("merging what pages say about one decision", () => {
  const besluitenlijst: DecisionFacts = {
    ...empty,
    pageKind: "besluitenlijst",
    title: "Reglement huursubsidie (besluitenlijst)",
    description: "De raad keurt het reglement goed.",
    votes: [{ uri: "v1", outcome: "goedgekeurd", countFor: null, countAgainst: null, countAbstain: null, secret: false }],
  };
  const notulen: DecisionFacts = {
    ...empty,
    pageKind: "notulen",
    title: "Reglement huursubsidie",
    motivation: "Het OCMW wil huurders met een laag inkomen ondersteunen.",
    legalBasis: ["https://codex.vlaanderen.be/a"],
    votes: [{ uri: "v1", outcome: "goedgekeurd", countFor: 20, countAgainst: 3, countAbstain: 2, secret: false }],
  };

  it("takes each field from the most informative page that has it, in any order", () => {
    for (const pages of [
      [besluitenlijst, notulen],
      [notulen, besluitenlijst],
    ]) {
      const merged = mergeDecisionFacts(pages);
      expect(merged.title).toBe("Reglement huursubsidie");
      expect(merged.description).toBe("De raad keurt het reglement goed.");
      expect(merged.motivation).toBe("Het OCMW wil huurders met een laag inkomen ondersteunen.");
      expect(merged.legalBasis).toEqual(["https://codex.vlaanderen.be/a"]);
      expect(merged.votes[0]?.countFor).toBe(20);
    }
  });

  it("falls back to the agenda item's title for a decision without one", () => {
    expect(presentDecisionContent({ ...empty, agendaItemTitle: "Sociale kruidenier" }).title).toBe("Sociale kruidenier");
    expect(presentDecisionContent(empty).title).toBe("(besluit zonder titel)");
  });
});
