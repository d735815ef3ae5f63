import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

describe(`reference data (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.close());

  it("holds the 300 municipalities of 2019-2024 and the 12 new ones of 2025, 285 of them current", async () => {
    const [counts] = await db.rows<{ total: number; current: number; from2019: number; from2025: number }>(`
      select count(*)::int as total,
             count(*) filter (where valid_to is null)::int as current,
             count(*) filter (where valid_from = '2019-01-01')::int as from2019,
             count(*) filter (where valid_from = '2025-01-01')::int as from2025
      from municipalities`);
    expect(counts).toEqual({ total: 312, current: 285, from2019: 300, from2025: 12 });
  });

  it("links merged municipalities to their successor with validity dates", async () => {
    const rows = await db.rows<{ nis: string; name: string; valid_to: string | null; successor_nis: string | null }>(
      `select nis, name, valid_to::text, successor_nis from municipalities
       where nis in ('44012', '44048', '44086', '11007', '11002', '71022', '71072') order by nis`,
    );
    expect(rows).toEqual([
      { nis: "11002", name: "Antwerpen", valid_to: null, successor_nis: null },
      { nis: "11007", name: "Borsbeek", valid_to: "2024-12-31", successor_nis: "11002" },
      { nis: "44012", name: "De Pinte", valid_to: "2024-12-31", successor_nis: "44086" },
      { nis: "44048", name: "Nazareth", valid_to: "2024-12-31", successor_nis: "44086" },
      { nis: "44086", name: "Nazareth-De Pinte", valid_to: null, successor_nis: null },
      { nis: "71022", name: "Hasselt", valid_to: "2024-12-31", successor_nis: "71072" },
      { nis: "71072", name: "Hasselt", valid_to: null, successor_nis: null },
    ]);
  });

  it("derives the province from the NIS code, also across the Zwijndrecht province change", async () => {
    const rows = await db.rows<{ nis: string; province_code: string }>(
      "select nis, province_code from municipalities where nis in ('11056', '46030', '23106', '37022', '73110') order by nis",
    );
    expect(rows).toEqual([
      { nis: "11056", province_code: "VAN" },
      { nis: "23106", province_code: "VBR" },
      { nis: "37022", province_code: "VWV" },
      { nis: "46030", province_code: "VOV" },
      { nis: "73110", province_code: "VLI" },
    ]);
    const perProvince = await db.rows<{ province_code: string; n: number }>(
      "select province_code, count(*)::int as n from municipalities where valid_to is null group by 1 order by 1",
    );
    // Before 2025: VAN 69, VBR 65, VWV 64, VOV 60, VLI 42. Borsbeek and Zwijndrecht leave VAN
    // (Zwijndrecht joins an Oost-Vlaamse merger); VBR, VWV, VOV and VLI lose 2, 2, 5 and 4 to mergers.
    expect(perProvince).toEqual([
      { province_code: "VAN", n: 67 },
      { province_code: "VBR", n: 63 },
      { province_code: "VLI", n: 38 },
      { province_code: "VOV", n: 55 },
      { province_code: "VWV", n: 62 },
    ]);
  });

  it("has the six governing-body classifications and theme taxonomy v1", async () => {
    const bodies = await db.rows<{ key: string; uri: string }>(
      "select key, uri from governing_body_classifications order by position",
    );
    expect(bodies.map((b) => b.key)).toEqual([
      "gemeenteraad",
      "college",
      "ocmw_raad",
      "vast_bureau",
      "bcsd",
      "burgemeester",
    ]);
    expect(bodies[4]?.uri).toBe(
      "http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/5ab0e9b8a3b2ca7c5e000009",
    );
    const themes = await db.rows<{ code: string; label_nl: string; label_en: string }>(
      "select code, label_nl, label_en from themes where taxonomy_version = 1 order by position",
    );
    expect(themes.length).toBe(12);
    expect(themes).toContainEqual({
      code: "homelessness",
      label_nl: "Dak- en thuisloosheid",
      label_en: "Homelessness",
    });
    for (const theme of themes) {
      expect(theme.label_nl.length).toBeGreaterThan(3);
      expect(theme.label_en.length).toBeGreaterThan(3);
    }
  });

  it("reloads reference data when it was changed in the database, restoring the shipped values", async () => {
    await db.rows("update municipalities set name = 'Gend' where nis = '44021'");
    await db.rows("delete from system_state where key = 'reference_data_hash'");
    const report = await migrate(db);
    expect(report.referenceDataLoaded).toBe(true);
    const [gent] = await db.rows<{ name: string }>("select name from municipalities where nis = '44021'");
    expect(gent?.name).toBe("Gent");
    const [counts] = await db.rows<{ n: number }>("select count(*)::int as n from municipalities");
    expect(counts?.n).toBe(312);
  });
});
