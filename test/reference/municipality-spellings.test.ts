import { describe, expect, it } from "vitest";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { findMunicipalityMentions } from "../../scrapers/normalise/municipalities.js";

/**
 * Every way of writing a municipality × a date before and after the 2025 mergers, asked of every
 * consumer of the register: the lookup by name, the publisher of a page named so, and the mentions
 * in a text. The NIS codes are those of Statbel's REFNIS list (2019 and the 2025 mergers), written
 * down by hand, not read from the code.
 */
interface Case {
  official: string;
  /** NIS on 2023-06-01 and on 2026-06-01. */
  nis: { 2023: string; 2026: string };
  /** Spellings that start with a capital, as people write them. */
  spellings: string[];
  /** Also an ordinary word: in a text only as the official name, or after stad/gemeente/OCMW. */
  ambiguous?: boolean;
  adjective?: string;
}

const cases: Case[] = [
  {
    official: "Sint-Niklaas",
    nis: { 2023: "46021", 2026: "46021" },
    spellings: ["Sint-Niklaas", "Sint Niklaas", "St.-Niklaas", "St. Niklaas", "St.Niklaas", "St-Niklaas", "St Niklaas", "SINT-NIKLAAS", "ST.-NIKLAAS", "Sint–Niklaas", "Sînt-Nìklaas"],
    adjective: "Sint-Niklase",
  },
  {
    official: "Oud-Turnhout",
    nis: { 2023: "13031", 2026: "13031" },
    spellings: ["Oud-Turnhout", "Oud Turnhout", "OUD-TURNHOUT", "Oud - Turnhout", "Oud-Türnhout"],
    adjective: "Oud-Turnhoutse",
  },
  {
    official: "Borsbeek",
    nis: { 2023: "11007", 2026: "11002" },
    spellings: ["Borsbeek", "BORSBEEK", "Bórsbeek"],
    adjective: "Borsbeekse",
  },
  {
    official: "Hasselt",
    nis: { 2023: "71022", 2026: "71072" },
    spellings: ["Hasselt", "HASSELT", "Hässelt"],
    adjective: "Hasseltse",
  },
  {
    official: "Nazareth-De Pinte",
    nis: { 2023: "44086", 2026: "44086" },
    spellings: ["Nazareth-De Pinte", "Nazareth De Pinte", "Nazareth-De-Pinte", "NAZARETH-DE PINTE", "Nazareth-Dé Pinte"],
  },
  {
    official: "Sint-Genesius-Rode",
    nis: { 2023: "23101", 2026: "23101" },
    spellings: ["Sint-Genesius-Rode", "Sint Genesius Rode", "St.-Genesius-Rode", "St Genesius-Rode", "ST-GENESIUS-RODE"],
  },
  {
    official: "Puurs-Sint-Amands",
    nis: { 2023: "12041", 2026: "12041" },
    spellings: ["Puurs-Sint-Amands", "Puurs Sint Amands", "Puurs-St.-Amands", "Puurs St Amands"],
  },
  {
    official: "Melle",
    nis: { 2023: "44040", 2026: "44088" },
    spellings: ["Melle", "MELLE"],
    ambiguous: true,
  },
  {
    official: "Boom",
    nis: { 2023: "11005", 2026: "11005" },
    spellings: ["Boom", "BOOM"],
    ambiguous: true,
  },
];

const dates = [
  ["2023", "2023-06-01"],
  ["2026", "2026-06-01"],
] as const;

const mentioned = (text: string, date: string) => findMunicipalityMentions(text, date).map((m) => [m.text, m.nis]);

describe.each(cases)("$official, as people write it", (c) => {
  const lowerCase = [...new Set(c.spellings.map((s) => s.toLowerCase()))];
  const prefixed = c.spellings.flatMap((s) => [`stad ${s}`, `Stad ${s}`, `gemeente ${s}`, `OCMW ${s}`, `ocmw ${s}`]);

  describe.each(dates)("in %s", (year, date) => {
    const nis = c.nis[year];

    it("is looked up by every spelling, in any case, with or without stad/gemeente/OCMW", () => {
      for (const written of [...c.spellings, ...lowerCase, ...prefixed]) {
        expect(municipalityRegister().resolve(written, date)?.nis, written).toBe(nis);
      }
    });

    it("is the publisher of a page whose administrative unit is named so", () => {
      for (const written of [...c.spellings, ...lowerCase, ...prefixed]) {
        expect(municipalityRegister().publisherOn(null, date, written), written).toBe(nis);
      }
    });

    it("is found in a text by every spelling that starts with a capital (an ambiguous name only as the official one)", () => {
      for (const written of c.spellings) {
        const expected = c.ambiguous && written !== c.official ? [] : [[written, nis]];
        expect(mentioned(`Vanaf juni helpt ${written} gezinnen met een toelage.`, date), written).toEqual(expected);
      }
    });

    it("is found after stad, gemeente or OCMW in any case, also in lower case", () => {
      for (const written of [...c.spellings, ...lowerCase]) {
        for (const cue of ["stad", "gemeente", "OCMW", "STAD"]) {
          expect(mentioned(`Het plan van ${cue} ${written} gaat door.`, date), `${cue} ${written}`).toEqual([[written, nis]]);
        }
      }
    });

    it("is not found in lower case without such a word before it", () => {
      for (const written of lowerCase) expect(mentioned(`Vanaf juni helpt ${written} gezinnen.`, date), written).toEqual([]);
    });

    it("is found glued to a number in a flattened table, never glued to letters", () => {
      for (const written of c.spellings.filter((s) => !c.ambiguous || s === c.official)) {
        expect(mentioned(`Bewoners ${written}67,55 euro`, date), written).toEqual([[written, nis]]);
        // "Nazareth-De Pintestraat" still names Nazareth; the whole name it does not.
        expect(mentioned(`Bewoners ${written}straat 3`, date), written).not.toContainEqual([written, nis]);
        expect(mentioned(`Bewoners Groot${written.toLowerCase()} 3`, date), written).toEqual([]);
      }
    });

    if (c.adjective) {
      const adjective = c.adjective;
      it("is found by its adjective, which names no municipality on its own", () => {
        expect(mentioned(`De ${adjective} aanpak werkt.`, date)).toEqual([[adjective, nis]]);
        expect(mentioned(`De ${adjective.toUpperCase()} AANPAK WERKT.`, date)).toEqual([[adjective.toUpperCase(), nis]]);
        expect(municipalityRegister().resolve(adjective, date)).toBeUndefined();
      });
    }
  });
});

describe("the cases of the issue, answered alike by every consumer", () => {
  const register = municipalityRegister();
  it.each([
    ["Oud Turnhout", "2026-03-01", "13031"],
    ["Sint Niklaas", "2026-03-01", "46021"],
    ["St.-Niklaas", "2026-03-01", "46021"],
    ["Borsbeek", "2026-03-01", "11002"],
    ["Borsbeek", "2023-03-01", "11007"],
  ])("%s on %s is %s", (written, date, nis) => {
    expect(register.resolve(written, date)?.nis).toBe(nis);
    expect(register.publisherOn(null, date, written)).toBe(nis);
    expect(findMunicipalityMentions(`Nieuws uit ${written}.`, date).map((m) => m.nis)).toEqual([nis]);
  });
});
