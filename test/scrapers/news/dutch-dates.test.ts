import { describe, expect, it } from "vitest";
import { parseDutchDate } from "../../../scrapers/parsers/news/dutch-dates.js";

describe("Dutch dates", () => {
  it.each([
    ["12-01-2024", "2024-01-12", null],
    ["Gepubliceerd op: 12-01-2024", "2024-01-12", null],
    ["12/01/2024", "2024-01-12", null],
    ["5.3.24", "2024-03-05", null],
    ["13 oktober 2023", "2023-10-13", null],
    ["vrijdag 13 okt. 2023 om 14.30 uur", "2023-10-13", "14:30"],
    ["Laatst gewijzigd op 3 maart 2025 - 09:05", "2025-03-03", "09:05"],
    ["1 mei 2025", "2025-05-01", null],
    ["2024-01-12T10:00:00+01:00", "2024-01-12", "10:00"],
    ["29 februari 2024", "2024-02-29", null],
    // Text of the next block glued to the date, as `.text()` of an article gives it.
    ["Gepubliceerd op 10-11-2026Het Sociaal Huis zet", "2026-11-10", null],
    ["Gepubliceerd op 3 november 2026In Nekkerspoel", "2026-11-03", null],
  ])("reads %s", (text, date, time) => {
    expect(parseDutchDate(text)).toMatchObject({ date, time });
  });

  it("completes a date without a year from the reference date", () => {
    expect(parseDutchDate("Vanaf 1 december is de nachtopvang open", "2026-11-20")?.date).toBe("2026-12-01");
    expect(parseDutchDate("Vanaf 1 december is de nachtopvang open")).toBeNull();
  });

  it.each(["31-02-2024", "29 februari 2023", "geen datum", "12 apen 2024", "Kerkstraat 12"])("reads no date from %s", (text) => {
    expect(parseDutchDate(text)).toBeNull();
  });
});
