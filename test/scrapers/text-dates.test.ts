import { describe, expect, it } from "vitest";
import { findDates } from "../../scrapers/normalise/text-dates.js";

/** The single date found in `text`, checked against its own offsets. */
function onlyDate(text: string, documentDate: string | null) {
  const dates = findDates(text, documentDate);
  expect(dates).toHaveLength(1);
  const [date] = dates;
  expect(text.slice(date?.start, date?.end)).toBe(date?.text);
  return date;
}

describe("days", () => {
  it.each([
    ["De raad keurde het plan op 14 maart 2024 goed.", "2024-03-14", "op 14 maart 2024"],
    ["Datum: 03-04-2024", "2024-04-03", "03-04-2024"],
    ["De opvang opende op 3/4/2024.", "2024-04-03", "op 3/4/2024"],
    ["Besluit 2024-04-03 goedgekeurd", "2024-04-03", "2024-04-03"],
    ["Gewijzigd 2024-04-03T10:00:00+02:00", "2024-04-03", "2024-04-03"],
    ["Gepubliceerd 12.03.24", "2024-03-12", "12.03.24"],
    ["Het loket opent maandag 4 maart 2024.", "2024-03-04", "maandag 4 maart 2024"],
    ["Het loket opent maandag, 4 maart 2024.", "2024-03-04", "maandag, 4 maart 2024"],
    ["De premie geldt vanaf 1ste januari 2025.", "2025-01-01", "vanaf 1ste januari 2025"],
    ["De premie geldt vanaf 2e februari 2025.", "2025-02-02", "vanaf 2e februari 2025"],
    ["Verslag van de zitting, 14 mrt. 2024", "2024-03-14", "14 mrt. 2024"],
    ["Inschrijven kan tot en met 31 maart 2024.", "2024-03-31", "tot en met 31 maart 2024"],
    ["Inschrijven kan t.e.m. 31 maart 2024.", "2024-03-31", "t.e.m. 31 maart 2024"],
    ["De opvang sluit op 29 februari 2024.", "2024-02-29", "op 29 februari 2024"],
  ])("reads %s", (text, date, written) => {
    expect(onlyDate(text, null)).toMatchObject({ date, precision: "day", yearInferred: false, text: written });
  });

  it("gives offsets that cover the preposition", () => {
    expect(findDates("Van 1 januari tot 31 maart 2025.", "2024-12-10")).toEqual([
      { date: "2025-01-01", precision: "day", yearInferred: true, text: "Van 1 januari", start: 0, end: 13 },
      { date: "2025-03-31", precision: "day", yearInferred: false, text: "tot 31 maart 2025", start: 14, end: 31 },
    ]);
  });
});

describe("days without a year", () => {
  it.each([
    ["Vanaf 1 januari is de nachtopvang open.", "2024-12-20", "2025-01-01"],
    ["Op 14 maart keurde de raad het plan goed.", "2024-05-01", "2024-03-14"],
    ["Op 15 december was de opening.", "2025-01-10", "2024-12-15"],
    ["Tot 30 juni kan je je inschrijven.", "2025-01-15", "2025-06-30"],
    ["Het loket opent maandag 4 maart.", "2024-02-20", "2024-03-04"],
    ["De opvang sluit op 29 februari.", "2024-01-15", "2024-02-29"],
    ["Vanaf 1 januari is de nachtopvang open.", "2024-12-20T09:30:00Z", "2025-01-01"],
  ])("reads %s (document of %s)", (text, documentDate, date) => {
    expect(onlyDate(text, documentDate)).toMatchObject({ date, precision: "day", yearInferred: true });
  });

  it("reads none without a document date", () => {
    expect(findDates("Vanaf 1 januari is de nachtopvang open.", null)).toEqual([]);
    expect(findDates("Vanaf 1 januari is de nachtopvang open.", "onbekend")).toEqual([]);
  });

  it("reads none when no year within six months has that day", () => {
    expect(findDates("De opvang sluit op 29 februari.", "2024-12-01")).toEqual([]);
  });
});

describe("impossible days", () => {
  it.each(["31 februari 2024", "31-02-2024", "2024-13-01", "29 februari 2023", "32/1/2024"])("reads nothing from %s", (text) => {
    expect(findDates(text, "2024-05-01")).toEqual([]);
  });

  it("reads nothing from an impossible day without a year", () => {
    expect(findDates("Op 31 april start de opvang.", "2024-05-01")).toEqual([]);
  });
});

describe("months", () => {
  it.each([
    ["De nachtopvang opent in maart 2025.", null, "2025-03-01", false, "in maart 2025"],
    ["De nachtopvang opent eind maart 2025.", null, "2025-03-01", false, "eind maart 2025"],
    ["Verslag van januari 2024", null, "2024-01-01", false, "van januari 2024"],
    ["De premie geldt vanaf september.", "2024-05-10", "2024-09-01", true, "vanaf september"],
    ["De premie liep in november af.", "2025-02-10", "2024-11-01", true, "in november"],
    ["Inschrijven kan tot eind juni.", "2024-02-01", "2024-06-01", true, "tot eind juni"],
    // Six months either way: the later one.
    ["De premie geldt vanaf september.", "2025-03-15", "2025-09-01", true, "vanaf september"],
  ])("reads %s (document of %s)", (text, documentDate, date, yearInferred, written) => {
    expect(onlyDate(text, documentDate)).toMatchObject({ date, precision: "month", yearInferred, text: written });
  });

  it("reads no month name alone without a preposition, nor without a document date", () => {
    expect(findDates("April en Mei zongen samen.", "2024-05-01")).toEqual([]);
    expect(findDates("De premie geldt vanaf september.", null)).toEqual([]);
  });
});

describe("years", () => {
  it.each([
    ["De werken zijn klaar eind 2025.", "2025-01-01", "eind 2025"],
    ["De nieuwe opvang opent in 2026.", "2026-01-01", "in 2026"],
    ["Tegen 2030 halveert de dakloosheid.", "2030-01-01", "Tegen 2030"],
    ["De stad wil tegen 2030 nieuwe woningen bouwen.", "2030-01-01", "tegen 2030"],
    ["In 2024 kwamen er 48 plaatsen bij.", "2024-01-01", "In 2024"],
    ["Sinds 2020 daalt het aantal.", "2020-01-01", "Sinds 2020"],
    ["Het project loopt tot begin 2027.", "2027-01-01", "tot begin 2027"],
  ])("reads %s", (text, date, written) => {
    expect(onlyDate(text, "2024-05-01")).toMatchObject({ date, precision: "year", yearInferred: false, text: written });
  });

  it("reads both years of a span", () => {
    expect(findDates("Het meerjarenplan 2020-2025 loopt af.", null).map((d) => [d.date, d.text, d.start])).toEqual([
      ["2020-01-01", "2020", 18],
      ["2025-01-01", "2025", 23],
    ]);
    expect(findDates("Dat gebeurt in 2024 en 2025.", null).map((d) => [d.date, d.text])).toEqual([
      ["2024-01-01", "in 2024"],
      ["2025-01-01", "2025"],
    ]);
  });

  it("reads no year without a preposition", () => {
    expect(findDates("Het budget 2025 werd goedgekeurd.", null)).toEqual([]);
  });
});

describe("numbers that are no dates", () => {
  it.each([
    "Het OCMW hielp 1.500 gezinnen.",
    "Het loket ligt in de Kerkstraat 12.",
    "De stad trekt tot 2025 euro uit per gezin.",
    "De voedselbank deelt tot 2000 voedselpakketten uit.",
    "Bel 09 266 35 00 of mail ons.",
    "Het dossier 2024/123 werd goedgekeurd.",
    "De vergadering begint om 20 uur.",
    "Er zijn 48 plaatsen per 100 kinderen.",
    "De stad investeert 1.500.000 euro.",
    "65-plussers krijgen korting.",
    "Er worden 12 gezinnen geholpen.",
  ])("finds no date in %s", (text) => {
    expect(findDates(text, "2024-05-01")).toEqual([]);
  });
});
