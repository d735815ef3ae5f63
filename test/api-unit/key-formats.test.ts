import { describe, expect, it } from "vitest";
import { isCalendarDate, isDatabaseId, isFiniteNumber, isIsoTimestamp } from "../../api/key-formats.js";
import { describeUnstorableText } from "../../schema/storable-text.js";

describe("what ids, cursors and dates may hold before they reach PostgreSQL", () => {
  it("takes ids from 0 to 2^53 − 1, the largest an id read as a JavaScript number can be", () => {
    expect(["0", "1", "42", "9007199254740991"].filter(isDatabaseId)).toEqual(["0", "1", "42", "9007199254740991"]);
    expect(["", "-1", "1.5", "1e3", " 1", "9007199254740992", "9223372036854775807", "9223372036854775808", "99999999999999999999"].filter(isDatabaseId)).toEqual([]);
  });

  it("takes calendar dates that exist, from year 1 to 9999", () => {
    expect(["2024-02-29", "0001-01-01", "9999-12-31", "2026-12-31"].filter(isCalendarDate)).toEqual(["2024-02-29", "0001-01-01", "9999-12-31", "2026-12-31"]);
    // 2023 is no leap year; PostgreSQL has no year 0; five-digit years are not YYYY.
    expect(["2023-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "0000-01-01", "99999-01-01", "2026-1-01", "2026-01-01T00:00:00Z"].filter(isCalendarDate)).toEqual([]);
  });

  it("takes timestamps exactly as toISOString writes them", () => {
    expect(isIsoTimestamp(new Date("2026-11-18T09:00:00Z").toISOString())).toBe(true);
    expect(["2026-11-18T09:00:00Z", "2026-02-30T00:00:00.000Z", "2026-01-01T25:00:00.000Z", "2026-01-01T00:60:00.000Z", "0000-01-01T00:00:00.000Z", "+099999-01-01T00:00:00.000Z"].filter(isIsoTimestamp)).toEqual([]);
  });

  it("takes ranks that are finite numbers as String(number) writes them", () => {
    expect([String(0.0607927), String(1.5e-7), "0", "-2.5"].filter(isFiniteNumber)).toEqual(["0.0607927", "1.5e-7", "0", "-2.5"]);
    expect(["", "--", "1e999", "NaN", "Infinity", "0x10", " 1"].filter(isFiniteNumber)).toEqual([]);
  });

  it("refuses NUL and lone surrogates in text, and says where they are", () => {
    expect(describeUnstorableText("huursubsidie Gent 😀 «é»")).toBeUndefined();
    expect(describeUnstorableText("ab\u0000c")).toBe("contains U+0000 (NUL) at position 3, which PostgreSQL cannot store or compare; remove it");
    expect(describeUnstorableText("a\ud83d")).toBe("contains a lone UTF-16 surrogate U+D83D at position 2 (half of a character, not text); send well-formed Unicode");
    expect(describeUnstorableText("\ude00a")).toMatch(/U\+DE00 at position 1/);
    expect(describeUnstorableText("😀\ude00")).toMatch(/U\+DE00 at position 3/);
  });
});
