import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildMunicipalityReference } from "../../db/reference/municipality-reference.js";
import { sharedAvailable, sharedDir } from "../helpers/shared-dir.js";

const shippedReference = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../db/reference/municipalities.json"), "utf8"),
) as ReturnType<typeof buildMunicipalityReference>;

describe("building the municipality reference", () => {
  const municipalities =
    "nis,name\n11001,Aartselaar\n11002,Antwerpen\n11007,Borsbeek\n44012,De Pinte\n44048,Nazareth\n";
  const mergers =
    "new_nis,new_name,old_nis,old_name\n11002,Antwerpen,11002,Antwerpen\n11002,Antwerpen,11007,Borsbeek\n" +
    "44086,Nazareth-De Pinte,44012,De Pinte\n44086,Nazareth-De Pinte,44048,Nazareth\n";

  it("closes merged municipalities, opens new ones and keeps a continuing one open", () => {
    expect(buildMunicipalityReference(municipalities, mergers)).toEqual([
      { nis: "11001", name: "Aartselaar", province: "VAN", validFrom: "2019-01-01", validTo: null, successor: null },
      { nis: "11002", name: "Antwerpen", province: "VAN", validFrom: "2019-01-01", validTo: null, successor: null },
      {
        nis: "11007",
        name: "Borsbeek",
        province: "VAN",
        validFrom: "2019-01-01",
        validTo: "2024-12-31",
        successor: "11002",
      },
      {
        nis: "44012",
        name: "De Pinte",
        province: "VOV",
        validFrom: "2019-01-01",
        validTo: "2024-12-31",
        successor: "44086",
      },
      {
        nis: "44048",
        name: "Nazareth",
        province: "VOV",
        validFrom: "2019-01-01",
        validTo: "2024-12-31",
        successor: "44086",
      },
      {
        nis: "44086",
        name: "Nazareth-De Pinte",
        province: "VOV",
        validFrom: "2025-01-01",
        validTo: null,
        successor: null,
      },
    ]);
  });

  it("says what is wrong with a bad input file", () => {
    expect(() => buildMunicipalityReference("code,name\n11001,Aartselaar\n", mergers)).toThrow(
      'municipalities csv: missing column "nis"',
    );
    expect(() =>
      buildMunicipalityReference(municipalities, "new_nis,new_name,old_nis,old_name\n44086,X,44999,Y\n"),
    ).toThrow("mergers csv: old NIS 44999 (Y) is not in the 2019 list");
    expect(() => buildMunicipalityReference("nis,name\n55001,Bergen\n", "new_nis,new_name,old_nis,old_name\n")).toThrow(
      /not a Flemish municipality/,
    );
  });
});

describe.runIf(sharedAvailable)("shipped reference file (conformance with ../shared/data)", () => {
  it("equals what the builder makes from the shared reference tables", () => {
    const built = buildMunicipalityReference(
      readFileSync(join(sharedDir, "data/municipalities-flanders-2019.csv"), "utf8"),
      readFileSync(join(sharedDir, "data/mergers-2025.csv"), "utf8"),
    );
    expect(shippedReference).toEqual(built);
  });
});

describe("shipped reference file", () => {
  it("has 300 municipalities of 2019 and 12 of 2025 whose successors all exist", () => {
    const byNis = new Map(shippedReference.map((m) => [m.nis, m]));
    expect(shippedReference.filter((m) => m.validFrom === "2019-01-01")).toHaveLength(300);
    expect(shippedReference.filter((m) => m.validFrom === "2025-01-01")).toHaveLength(12);
    for (const m of shippedReference) {
      if (m.successor) expect(byNis.get(m.successor)?.validTo, `${m.name} → ${m.successor}`).toBeNull();
    }
  });
});
