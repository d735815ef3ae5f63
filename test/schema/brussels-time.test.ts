import { describe, expect, it } from "vitest";
import { brusselsDayOf, startOfBrusselsDay } from "../../schema/brussels-time.js";

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

  it("refuses what is not a calendar day or a moment", () => {
    expect(() => startOfBrusselsDay("2026-02-30")).toThrow(/not a calendar day/);
    expect(() => startOfBrusselsDay("3 november 2026")).toThrow(/not a calendar day/);
    expect(() => brusselsDayOf("gisteren")).toThrow(/not a moment/);
  });
});
