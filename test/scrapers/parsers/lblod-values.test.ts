import { describe, expect, it } from "vitest";
import { z } from "zod";
import { numberAgendaItems } from "../../../scrapers/parsers/lblod/agenda-positions.js";
import { readDate, readDateTime } from "../../../scrapers/parsers/lblod/date-time.js";
import { readBoolean, readCount } from "../../../scrapers/parsers/lblod/literal-values.js";
import { paragraphMark, toPlainText } from "../../../scrapers/parsers/lblod/text.js";
import { canonicalTerm } from "../../../scrapers/parsers/lblod/vocabulary.js";

describe("readDateTime", () => {
  it.each([
    ["2023-11-28T19:00:37.838Z", "2023-11-28T19:00:37.838Z"],
    ["2024-09-24T19:43:00.0000000Z", "2024-09-24T19:43:00.000Z"], // Cevi: seven fractional digits
    ["2024-04-22T20:00:00.0000+02:00", "2024-04-22T18:00:00.000Z"], // meetingburger: four, with offset
    ["2024-03-19T20:05:00+01:00", "2024-03-19T19:05:00.000Z"],
    ["2024-01-15T20:00:00", "2024-01-15T19:00:00.000Z"], // no offset: Brussels winter time
    ["2024-07-15T20:00:00", "2024-07-15T18:00:00.000Z"], // no offset: Brussels summer time
    ["2024-07-15 20:00", "2024-07-15T18:00:00.000Z"],
    ["2024-07-15", "2024-07-14T22:00:00.000Z"], // a bare date is midnight in Brussels
    ["  2024-07-15T20:00:00+0200 ", "2024-07-15T18:00:00.000Z"],
  ])("%s → %s", (published, iso) => {
    expect(readDateTime(published)).toBe(iso);
    expect(z.string().datetime({ offset: true }).safeParse(iso).success).toBe(true);
  });

  it.each(["", "morgen", "2024-02-30T20:00:00", "2024-13-01T20:00:00", "2024-02-29T24:30:00", "19/03/2024 20:00"])("%j is no date and time", (value) => {
    expect(readDateTime(value)).toBeNull();
  });
});

describe("readDate", () => {
  it.each([
    ["2024-03-22", "2024-03-22"],
    ["2024-03-22+01:00", "2024-03-22"],
    ["2024-03-21T23:30:00Z", "2024-03-22"], // the Brussels calendar day of an instant
  ])("%s → %s", (published, date) => expect(readDate(published)).toBe(date));

  it.each(["volgende week", "2024-02-30", null])("%j is no date", (value) => expect(readDate(value)).toBeNull());
});

describe("readCount and readBoolean", () => {
  it.each([
    ["14", 14],
    [" 3 stemmen ", 3],
    ["0", 0],
    ["-2", null],
    ["1.5", null],
    ["veel", null],
    [null, null],
  ] as const)("count %j → %j", (value, count) => expect(readCount(value)).toBe(count));

  it.each([
    ["true", true],
    ["False", false],
    ["1", true],
    ["0", false],
    ["ja", null],
    [null, null],
  ] as const)("boolean %j → %j", (value, bool) => expect(readBoolean(value)).toBe(bool));
});

describe("toPlainText", () => {
  it("collapses whitespace inside paragraphs and keeps paragraph breaks as single newlines", () => {
    const text = `${paragraphMark}  Eerste\n   alinea. ${paragraphMark}${paragraphMark} \u00a0 ${paragraphMark}Tweede\talinea.${paragraphMark}`;
    expect(toPlainText(text)).toBe("Eerste alinea.\nTweede alinea.");
  });

  it("is null for blank text", () => {
    expect(toPlainText(` \n ${paragraphMark} `)).toBeNull();
    expect(toPlainText(null)).toBeNull();
  });
});

describe("canonicalTerm", () => {
  it.each([
    ["https://data.vlaanderen.be/ns/besluit#Besluit", "http://data.vlaanderen.be/ns/besluit#Besluit"],
    ["https://data.vlaanderen.be/ns/persoon#gebruikteVoornaam", "http://data.vlaanderen.be/ns/persoon#gebruikteVoornaam"],
    ["http://purl.org/dc/elements/1.1/title", "http://purl.org/dc/terms/title"],
    ["dct:title", "http://purl.org/dc/terms/title"], // an undeclared prefix reaches us as a scheme
    ["eli:title_short", "http://data.europa.eu/eli/ontology#title_short"],
    ["”besluit:Besluit”", "http://data.vlaanderen.be/ns/besluit#Besluit"],
    ["http://data.vlaanderen.be/ns/besluit#Zitting", "http://data.vlaanderen.be/ns/besluit#Zitting"],
    ["urn:uuid:1234", "urn:uuid:1234"],
    ["constructor:x", "constructor:x"],
  ])("%s → %s", (term, canonical) => expect(canonicalTerm(term)).toBe(canonical));
});

describe("numberAgendaItems", () => {
  const chain = (pairs: Record<string, string>) => new Map(Object.entries(pairs));

  it("follows complete chains whatever the page order", () => {
    expect([...numberAgendaItems(["c", "a", "b"], chain({ b: "a", c: "b" }))]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });

  it("uses page order without chains, and for items whose predecessor is not on the page", () => {
    expect([...numberAgendaItems(["x", "y", "z"], chain({ y: "elsewhere" }))]).toEqual([
      ["x", 1],
      ["y", 2],
      ["z", 3],
    ]);
  });

  it("places a partial chain after its head and survives cycles", () => {
    expect(Object.fromEntries(numberAgendaItems(["a", "b", "c", "d"], chain({ d: "a" })))).toEqual({ a: 1, d: 2, b: 3, c: 4 });
    expect(Object.fromEntries(numberAgendaItems(["a", "b"], chain({ a: "b", b: "a" })))).toEqual({ a: 1, b: 2 });
  });
});
