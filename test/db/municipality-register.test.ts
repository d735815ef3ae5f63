import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const byKey = <T extends { nis: string }>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe(`the database and the municipality register agree (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.close());

  const storedNames = () => db.rows<{ nis: string; name: string; kind: string }>("select nis, name, kind from municipality_names");

  it("holds the register's municipalities", async () => {
    const rows = await db.rows<{ nis: string; name: string; provinceCode: string; validFrom: string; validTo: string | null; successorNis: string | null }>(
      `select nis, name, province_code as "provinceCode", valid_from::text as "validFrom", valid_to::text as "validTo", successor_nis as "successorNis"
       from municipalities order by nis`,
    );
    expect(rows).toEqual(municipalityRegister().all());
  });

  it("holds exactly the register's names, so that a query by any of them finds what the code finds", async () => {
    const key = (row: { nis: string; name: string }) => `${row.nis}|${row.name}`;
    expect(byKey(await storedNames(), key)).toEqual(byKey(municipalityRegister().names(), key));
    const [sintNiklaas] = await db.rows<{ nis: string }>("select nis from municipality_names where lower(name) = lower('st niklaas')");
    expect(sintNiklaas?.nis).toBe("46021");
  });

  it("drops a name the register no longer has when the reference data is loaded again", async () => {
    await db.rows("insert into municipality_names (nis, name, kind) values ('46021', 'Sint-Niklaes', 'alias')");
    await db.rows("delete from system_state where key = 'reference_data_hash'");
    expect((await migrate(db)).referenceDataLoaded).toBe(true);
    expect((await storedNames()).filter((n) => n.name === "Sint-Niklaes")).toEqual([]);
    expect(await storedNames()).toHaveLength(municipalityRegister().names().length);
  });
});
