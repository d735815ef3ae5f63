import { describe, expect, it } from "vitest";
import type { MunicipalityReference } from "../../db/reference/municipality-reference.js";
import { createMunicipalityRegister, municipalityRegister } from "../../db/reference/municipality-register.js";
import { findMunicipalityMentions } from "../../scrapers/normalise/municipalities.js";

const register = municipalityRegister();
const nisOf = (rows: { nis: string }[]) => rows.map((row) => row.nis);

describe("the municipality register", () => {
  it("is built once per process from the shipped list: 312 municipalities, 285 of them current", () => {
    expect(municipalityRegister()).toBe(register);
    expect(register.all()).toHaveLength(312);
    expect(register.all().filter((m) => m.validTo === null)).toHaveLength(285);
  });

  it("knows a municipality by NIS, with its province, validity and successor", () => {
    expect(register.get("11007")).toEqual({
      nis: "11007",
      name: "Borsbeek",
      provinceCode: "VAN",
      validFrom: "2019-01-01",
      validTo: "2024-12-31",
      successorNis: "11002",
    });
    // Zwijndrecht (Antwerpen) merged into Beveren-Kruibeke-Zwijndrecht, which is Oost-Vlaams.
    expect(register.get("11056")?.provinceCode).toBe("VAN");
    expect(register.get("46030")?.provinceCode).toBe("VOV");
    expect(register.get("99999")).toBeUndefined();
  });

  it("resolves a name on a date across the 2025 mergers; no date means today", () => {
    expect(register.resolve("Hasselt", "2024-12-31")?.nis).toBe("71022");
    expect(register.resolve("Hasselt", "2025-01-01")?.nis).toBe("71072");
    expect(register.resolve("Hasselt", null)?.nis).toBe("71072");
    expect(register.resolve("Kortessem", "2024-12-31")?.nis).toBe("73040");
    expect(register.resolve("Kortessem", "2025-01-01")?.nis).toBe("71072");
    expect(register.resolve("Borsbeek", null)?.nis).toBe("11002");
    expect(register.resolve("De Pinte", "2023-01-01")?.nis).toBe("44012");
    // Before the merger, the merged municipality's name still means the merged municipality.
    expect(register.resolve("Nazareth-De Pinte", "2023-01-01")?.nis).toBe("44086");
  });

  it("follows a municipality to what it is part of on a date, and lists successors and predecessors", () => {
    expect(register.onDate("11007", "2024-12-31")?.nis).toBe("11007");
    expect(register.onDate("11007", "2025-01-01")?.nis).toBe("11002");
    expect(register.onDate("11002", "2026-01-01")?.nis).toBe("11002");
    expect(nisOf(register.successorsOf("44012"))).toEqual(["44086"]);
    expect(nisOf(register.successorsOf("11002"))).toEqual([]);
    expect(nisOf(register.predecessorsOf("44086"))).toEqual(["44012", "44048"]);
    // Antwerpen absorbed Borsbeek under its own code, and does not precede itself.
    expect(nisOf(register.predecessorsOf("11002"))).toEqual(["11007"]);
    expect(nisOf(register.predecessorsOf("71072"))).toEqual(["71022", "73040"]);
    expect(nisOf(register.predecessorsOf("44021"))).toEqual([]);
  });

  it("tells what a spelling names, adjectives included", () => {
    expect(register.lookUp("st. niklaas")).toEqual({ official: "Sint-Niklaas", kind: "official", ambiguous: false });
    expect(register.lookUp("Gentse")).toEqual({ official: "Gent", kind: "adjective", ambiguous: false });
    expect(register.lookUp("BOOM")).toEqual({ official: "Boom", kind: "official", ambiguous: true });
    expect(register.lookUp("Provincie Antwerpen")).toBeUndefined();
  });
});

describe("which municipality published on a date", () => {
  it("follows a merged source to its successor after the merger", () => {
    expect(register.publisherOn("44012", "2025-03-01", null)).toBe("44086");
    expect(register.publisherOn("44012", "2024-11-30", null)).toBe("44012");
  });

  it("prefers the municipality named on the page as it was on the date", () => {
    expect(register.publisherOn("44086", "2023-05-10", "Nazareth")).toBe("44048");
    expect(register.publisherOn("71072", "2023-05-10", "Hasselt")).toBe("71022");
    expect(register.publisherOn("71072", "2025-05-10", "Stad Hasselt")).toBe("71072");
    // A unit still called Borsbeek in 2026 publishes for Antwerpen; the directory used to say Borsbeek.
    expect(register.publisherOn(null, "2026-02-01", "Borsbeek")).toBe("11002");
    expect(register.publisherOn(null, "2026-02-01", "St.-Niklaas")).toBe("46021");
  });

  it("keeps the source's municipality when nothing better is known, and on an undated page", () => {
    expect(register.publisherOn("44086", null, null)).toBe("44086");
    expect(register.publisherOn("73040", null, "Kortessem")).toBe("73040");
    expect(register.publisherOn("44086", "2023-01-01", "Onbekend")).toBe("44086");
    expect(register.publisherOn("11002", "2023-01-01", "Provincie Antwerpen")).toBe("11002");
    expect(register.publisherOn(null, "2023-01-01", "De Pinte")).toBe("44012");
    expect(register.publisherOn(null, "2023-01-01", null)).toBeNull();
  });
});

describe("the names the register hands to the municipality_names table", () => {
  const names = register.names();

  it("holds official names, other spellings and adjectives", () => {
    expect(names.filter((n) => n.nis === "46021")).toEqual([
      { nis: "46021", name: "Sint-Niklaas", kind: "official" },
      { nis: "46021", name: "Sint Niklaas", kind: "alias" },
      { nis: "46021", name: "St.-Niklaas", kind: "alias" },
      { nis: "46021", name: "St. Niklaas", kind: "alias" },
      { nis: "46021", name: "St-Niklaas", kind: "alias" },
      { nis: "46021", name: "St Niklaas", kind: "alias" },
      { nis: "46021", name: "Sint-Niklase", kind: "adjective" },
    ]);
    expect(names).toContainEqual({ nis: "13031", name: "Oud Turnhout", kind: "alias" });
    expect(names.filter((n) => n.kind === "official")).toHaveLength(312);
  });

  it("are each read back by the register and found in a text as the same municipality", () => {
    const keys = new Set<string>();
    for (const row of names) {
      expect(keys.has(`${row.nis}|${row.name}`), `${row.name} twice`).toBe(false);
      keys.add(`${row.nis}|${row.name}`);
      const municipality = register.get(row.nis);
      expect(register.lookUp(row.name)?.official, row.name).toBe(municipality?.name);
      const onItsDate = municipality?.validFrom ?? null;
      const text = row.kind === "adjective" ? `De ${row.name} aanpak werkt.` : `Het nieuws uit ${row.name} is goed.`;
      expect(findMunicipalityMentions(text, onItsDate).map((m) => [m.text, m.nis]), row.name).toEqual([[row.name, row.nis]]);
    }
  });
});

describe("a bad reference list", () => {
  const rows = (overrides: Partial<MunicipalityReference>[]): MunicipalityReference[] =>
    overrides.map((o, i) => ({ nis: `4400${i + 1}`, name: `Gemeente${i}`, province: "VOV", validFrom: "2019-01-01", validTo: null, successor: null, ...o }));

  it("is refused with the row and what is wrong with it", () => {
    expect(() => createMunicipalityRegister(rows([{}, { nis: "4402" }]))).toThrow(/row 1 .*nis: expected five digits/);
    expect(() => createMunicipalityRegister(rows([{}, { validFrom: "1-1-2019" }]))).toThrow(/row 1 .*validFrom: expected a date YYYY-MM-DD/);
    expect(() => createMunicipalityRegister(rows([{}, { nis: "44001" }]))).toThrow("row 1: NIS 44001 appears twice");
    expect(() => createMunicipalityRegister(rows([{ province: "VAN" }]))).toThrow("row 0: Gemeente0 (44001) has province VAN, its NIS code says VOV");
    expect(() => createMunicipalityRegister(rows([{ successor: "44999", validTo: "2024-12-31" }]))).toThrow(
      "successor 44999 of Gemeente0 (44001) is not in the list",
    );
  });

  it("is refused when two municipalities are spelled alike", () => {
    expect(() => createMunicipalityRegister(rows([{ name: "Sint-Niklaas" }, { name: "St. Niklaas" }]))).toThrow(
      /"St. Niklaas" \(St. Niklaas\) is spelled like "Sint-Niklaas"'s name \(key sint-niklaas\)/,
    );
  });
});
