import { describe, expect, it } from "vitest";
import {
  brusselsDayOf,
  calendarDay,
  DUTCH_MONTH,
  DUTCH_MONTH_ABBREVIATION,
  DUTCH_MONTH_NAME,
  DUTCH_NUMBER,
  dutchMonthNames,
  dutchScale,
  fullYear,
  instantOfBrusselsWallClock,
  parseDutchNumber,
  readDayMonthYear,
  readDutchNumberWord,
  readMonthNumber,
  startOfBrusselsDay,
  writeBrusselsMoment,
  writeDutchDay,
  writeEuroCents,
} from "../../schema/dutch-text.js";

/** Whether a pattern source matches the whole of a text. */
const matchesWhole = (source: string, text: string, flags = "") => new RegExp(`^(?:${source})$`, flags).test(text);

describe("Dutch numbers", () => {
  // "0.40 euro/liter" (a real OCMW page): a point before one or two digits is a decimal point; "50,-" is whole euros.
  it.each(["1.234,56", "150 000", "1\u00a0234", "12.345.678", "2025", "0,5", "1234,5", "0.40", "12.34", "50,-", "1.250,-"])("the pattern takes %s whole", (text) => {
    expect(matchesWhole(DUTCH_NUMBER, text)).toBe(true);
  });

  it.each(["1.2345", "1,5 miljoen", ",5", "1.234.", "€ 5", "12.345,-,-"])("the pattern does not take %s whole", (text) => {
    expect(matchesWhole(DUTCH_NUMBER, text)).toBe(false);
  });

  it.each([
    ["650.000", 650000],
    ["0.40", 0.4],
    ["12.34", 12.34],
    ["50,-", 50],
    ["1.250,-", 1250],
    ["1,8", 1.8],
    ["1.200,50", 1200.5],
    ["5 000", 5000],
    ["17.320", 17320],
    ["1\u00a0234", 1234],
    ["12.345.678,9", 12345678.9],
  ])("reads %s", (text, value) => {
    expect(parseDutchNumber(text)).toBe(value);
  });

  it.each([
    ["1,8", "miljoen", 1_800_000],
    ["2", "Miljard", 2_000_000_000],
    ["20", "duizend", 20_000],
    ["3", "dozijn", 3],
  ])("reads %s %s", (text, scale, value) => {
    expect(parseDutchNumber(text, scale)).toBe(value);
  });

  it("reads the scale words, and 1 for anything else", () => {
    expect([dutchScale("duizend"), dutchScale("MILJOEN"), dutchScale("miljard")]).toEqual([1000, 1_000_000, 1_000_000_000]);
    expect([dutchScale(undefined), dutchScale(""), dutchScale("dozijn"), dutchScale("constructor")]).toEqual([1, 1, 1, 1]);
  });
});

describe("Dutch number words", () => {
  it.each([
    ["twee", 2],
    ["negen", 9],
    ["elf", 11],
    ["twaalf", 12],
    ["twintig", 20],
    ["vijftig", 50],
    ["vijfentwintig", 25],
    ["tweeëntwintig", 22],
    ["eenendertig", 31],
    ["negenennegentig", 99],
    ["honderd", 100],
    ["honderdeen", 101],
    ["honderdtwintig", 120],
    ["tweehonderdvijftig", 250],
    ["negenhonderdnegenennegentig", 999],
    ["duizend", 1000],
    ["duizendeen", 1001],
    ["tweeduizend", 2000],
    ["drieduizendvijfhonderd", 3500],
    ["vijfentwintigduizend", 25_000],
    ["Negen", 9],
    ["één", 1],
    ["eén", 1],
    ["anderhalf", 1.5],
  ])("reads %s", (word, value) => {
    expect(readDutchNumberWord(word)).toBe(value);
  });

  // "constructor" once read as Object.prototype.constructor: a function where a number was due.
  it.each(["een", "Een", "eenhonderd", "eenduizend", "honderden", "duizenden", "kinderen", "zevenen", "half", "constructor", "constructorhonderd"])(
    "reads no number from %s",
    (word) => {
      expect(readDutchNumberWord(word)).toBeUndefined();
    },
  );
});

describe("Dutch months", () => {
  it("names the twelve months, January first", () => {
    expect(dutchMonthNames).toHaveLength(12);
    expect([dutchMonthNames[0], dutchMonthNames[4], dutchMonthNames[11]]).toEqual(["januari", "mei", "december"]);
  });

  it.each([
    ["maart", 3],
    ["Maart", 3],
    ["mrt", 3],
    ["Mrt.", 3],
    ["mei", 5],
    ["jun", 6],
    ["sept", 9],
    ["sep.", 9],
    ["okt.", 10],
    ["december", 12],
    ["03", 3],
    ["12", 12],
    ["13", 13],
  ])("reads %s as month %i", (written, month) => {
    expect(readMonthNumber(written)).toBe(month);
  });

  it.each(["", "maa", "febr", "march", "mrt..", "constructor"])("reads no month from %j", (written) => {
    expect(readMonthNumber(written)).toBeUndefined();
  });

  it("builds patterns with full names first and a dot only after an abbreviation", () => {
    expect(DUTCH_MONTH_NAME.split("|")).toEqual([...dutchMonthNames]);
    expect(DUTCH_MONTH_ABBREVIATION).toBe("jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec");
    expect(["juni", "mrt.", "sept", "dec", "mei"].every((m) => matchesWhole(DUTCH_MONTH, m))).toBe(true);
    expect(["maart.", "mei.", "maa", "juni.."].some((m) => matchesWhole(DUTCH_MONTH, m))).toBe(false);
    expect("op 14 juni".match(new RegExp(DUTCH_MONTH))?.[0]).toBe("juni");
  });
});

describe("calendar days", () => {
  it("writes a day that exists as YYYY-MM-DD", () => {
    expect(calendarDay(2026, 1, 5)).toBe("2026-01-05");
    expect(calendarDay(2024, 2, 29)).toBe("2024-02-29");
  });

  it.each([
    [2023, 2, 29],
    [2024, 4, 31],
    [2024, 13, 1],
    [2024, 0, 1],
    [2024, 1, 0],
  ])("has no day %i-%i-%i", (year, month, day) => {
    expect(calendarDay(year, month, day)).toBeUndefined();
  });

  it("reads two-digit years in this century", () => {
    expect([fullYear("24"), fullYear("99"), fullYear("2024"), fullYear("1961")]).toEqual([2024, 2099, 2024, 1961]);
  });

  it.each([
    ["3", "4", "24", "2024-04-03"],
    ["03", "04", "2024", "2024-04-03"],
    ["14", "mrt.", "2024", "2024-03-14"],
    ["1", "Januari", "2027", "2027-01-01"],
    ["29", "februari", "2024", "2024-02-29"],
  ])("reads day %s, month %s, year %s", (day, month, year, date) => {
    expect(readDayMonthYear(day, month, year)).toBe(date);
  });

  it.each([
    ["31", "februari", "2024"],
    ["29", "2", "23"],
    ["1", "maa", "2024"],
    ["1", "13", "2024"],
  ])("reads no day from %s %s %s", (day, month, year) => {
    expect(readDayMonthYear(day, month, year)).toBeUndefined();
  });
});

// Worked out by hand: Brussels is UTC+1 in winter and UTC+2 in summer; in 2026 summer time runs
// from 29 March 02:00 to 25 October 03:00, local time.
describe("Brussels calendar days", () => {
  it.each([
    ["2026-11-03", "2026-11-02T23:00:00.000Z"],
    ["2026-07-03", "2026-07-02T22:00:00.000Z"],
    ["2026-03-29", "2026-03-28T23:00:00.000Z"], // the clocks go forward later that night
    ["2026-10-25", "2026-10-24T22:00:00.000Z"], // still summer time at midnight
    ["2026-10-26", "2026-10-25T23:00:00.000Z"],
  ])("%s starts at %s", (day, instant) => {
    expect(startOfBrusselsDay(day).toISOString()).toBe(instant);
  });

  it.each([
    ["2026-11-02T23:00:00.000Z", "2026-11-03"],
    ["2026-11-02T22:59:59.999Z", "2026-11-02"],
    ["2026-07-02T22:00:00.000Z", "2026-07-03"],
    ["2026-11-03T00:00:00.000Z", "2026-11-03"],
  ])("%s falls on %s", (instant, day) => {
    expect(brusselsDayOf(instant)).toBe(day);
    expect(brusselsDayOf(new Date(instant))).toBe(day);
  });

  it.each([
    [Date.UTC(2026, 10, 3, 10, 15), "2026-11-03T09:15:00.000Z"],
    [Date.UTC(2026, 6, 3, 10, 15), "2026-07-03T08:15:00.000Z"],
    [Date.UTC(2026, 2, 29, 2, 30), "2026-03-29T01:30:00.000Z"], // the skipped hour, read with winter time
  ])("finds the instant Brussels clocks show wall-clock %i", (wallClock, instant) => {
    expect(new Date(instantOfBrusselsWallClock(wallClock)).toISOString()).toBe(instant);
  });

  it("refuses what is not a calendar day or a moment", () => {
    expect(() => startOfBrusselsDay("2026-02-30")).toThrow(/not a calendar day/);
    expect(() => startOfBrusselsDay("3 november 2026")).toThrow(/not a calendar day/);
    expect(() => brusselsDayOf("gisteren")).toThrow(/not a moment/);
  });
});

describe("writing Dutch", () => {
  it("writes a calendar day with the month's name", () => {
    expect(writeDutchDay("2026-10-26")).toBe("26 oktober 2026");
    expect(writeDutchDay("2024-03-01")).toBe("1 maart 2024");
    expect(() => writeDutchDay("2023-02-29")).toThrow(/not a calendar day/);
  });

  it("writes a moment as Brussels clocks show it, in summer and in winter time", () => {
    expect(writeBrusselsMoment("2026-10-26T19:00:00.000Z")).toBe("26 oktober 2026 om 20.00 uur");
    expect(writeBrusselsMoment(new Date("2026-07-01T18:30:00Z"))).toBe("1 juli 2026 om 20.30 uur");
    // 23:30 UTC on 31 December is already New Year's Day in Brussels.
    expect(writeBrusselsMoment("2025-12-31T23:30:00Z")).toBe("1 januari 2026 om 00.30 uur");
  });

  it("writes cents as euro with a decimal comma and thousands points, beyond 2^53 too", () => {
    expect(writeEuroCents("15000")).toBe("150");
    expect(writeEuroCents("12050")).toBe("120,50");
    expect(writeEuroCents("12005")).toBe("120,05");
    expect(writeEuroCents("180000000")).toBe("1.800.000");
    expect(writeEuroCents("99")).toBe("0,99");
    expect(writeEuroCents("-5000")).toBe("-50");
    expect(writeEuroCents("900719925474099300")).toBe("9.007.199.254.740.993");
    expect(() => writeEuroCents("1.5")).toThrow(/not an amount in cents/);
  });
});
