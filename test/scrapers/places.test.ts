import { describe, expect, it } from "vitest";
import type { MunicipalityRow } from "../../db/queries/municipalities.js";
import { MunicipalityDirectory } from "../../scrapers/normalise/places.js";

const row = (nis: string, name: string, validFrom: string, validTo: string | null, successorNis: string | null): MunicipalityRow => ({
  nis,
  name,
  provinceCode: "VOV",
  validFrom,
  validTo,
  successorNis,
});

const directory = new MunicipalityDirectory([
  row("44012", "De Pinte", "2019-01-01", "2024-12-31", "44086"),
  row("44048", "Nazareth", "2019-01-01", "2024-12-31", "44086"),
  row("44086", "Nazareth-De Pinte", "2025-01-01", null, null),
  row("71022", "Hasselt", "2019-01-01", "2024-12-31", "71072"),
  row("71072", "Hasselt", "2025-01-01", null, null),
]);

describe("which municipality published on a date", () => {
  it("follows a merged source to its successor after the merger", () => {
    expect(directory.publisherOn("44012", "2025-03-01", null)).toBe("44086");
    expect(directory.publisherOn("44012", "2024-11-30", null)).toBe("44012");
  });

  it("prefers the municipality named on the page that was valid on the date", () => {
    expect(directory.publisherOn("44086", "2023-05-10", "Nazareth")).toBe("44048");
    expect(directory.publisherOn("71072", "2023-05-10", "Hasselt")).toBe("71022");
    expect(directory.publisherOn("71072", "2025-05-10", "Stad Hasselt")).toBe("71072");
  });

  it("keeps the source's municipality when nothing better is known", () => {
    expect(directory.publisherOn("44086", null, null)).toBe("44086");
    expect(directory.publisherOn("44086", "2023-01-01", "Onbekend")).toBe("44086");
    expect(directory.publisherOn(null, "2023-01-01", "De Pinte")).toBe("44012");
  });
});
