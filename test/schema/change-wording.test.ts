import { describe, expect, it } from "vitest";
import { fieldWord, writeAmount, writeFieldValue } from "../../schema/change-wording.js";

describe("the change log in Dutch words", () => {
  it("names fields in Dutch, and keeps a field it does not know", () => {
    expect(fieldWord("operativeText")).toBe("beslissing");
    expect(fieldWord("plannedStart")).toBe("geplande start");
    expect(fieldWord("somethingNew")).toBe("somethingNew");
  });

  it("writes amounts with their period, ranges with both ends", () => {
    expect(writeAmount({ cents: "15000", maxCents: null, previousCents: null, period: "month" })).toBe("150 euro per maand");
    expect(writeAmount({ cents: "2000000", maxCents: "2400000", previousCents: null, period: "year" })).toBe("20.000 tot 24.000 euro per jaar");
    expect(writeAmount({ cents: "5000", period: "once" })).toBe("50 euro eenmalig");
    expect(writeAmount({ cents: "5000", period: "unknown" })).toBe("50 euro");
    expect(writeAmount({ cents: 5000 })).toBeUndefined();
  });

  it("writes field values so that before and after compare word by word", () => {
    expect(writeFieldValue("amounts", [{ cents: "20000", maxCents: null, previousCents: "12000", period: "month" }])).toBe("200 euro per maand (was 120 euro)");
    expect(writeFieldValue("amounts", [{ cents: "9500", maxCents: null, previousCents: null, period: "year", per: "child" }])).toBe("95 euro per kind per jaar");
    expect(writeFieldValue("amounts", [{ cents: "2500", maxCents: null, previousCents: null, period: "unknown", per: "dependant" }])).toBe("25 euro per persoon ten laste");
    expect(writeFieldValue("amounts", [])).toBe("(geen bedragen)");
    expect(writeFieldValue("quantities", [{ value: "48", maxValue: null, previousValue: null, unit: "places", per: null }, { value: "1500000", maxValue: null, previousValue: null, unit: "kilograms", per: "per jaar" }])).toBe(
      "48 plaatsen\n1.500.000 kilogram per jaar",
    );
    expect(writeFieldValue("action", "reduce")).toBe("verlaging");
    expect(writeFieldValue("startsOn", "2027-01-01")).toBe("1 januari 2027");
    expect(writeFieldValue("plannedStart", "2026-10-26T19:00:00.000Z")).toBe("26 oktober 2026 om 20.00 uur");
    expect(writeFieldValue("themes", ["housing", "food_aid"])).toBe("housing\nfood_aid");
    expect(writeFieldValue("isPublic", true)).toBe("ja");
    expect(writeFieldValue("motivation", null)).toBe("(leeg)");
    expect(writeFieldValue("votes", [{ uri: "v", outcome: "goedgekeurd" }])).toBe('[\n  {\n    "uri": "v",\n    "outcome": "goedgekeurd"\n  }\n]');
  });
});
