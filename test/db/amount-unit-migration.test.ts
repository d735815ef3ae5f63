import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../db/migrate.js";
import { buildMeasure, buildPressRelease, buildSource } from "../helpers/builders.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const statementsOf = (file: string) =>
  readFileSync(join(MIGRATIONS_FOLDER, file), "utf8")
    .split("--> statement-breakpoint")
    .filter((statement) => statement.replace(/--.*$/gm, "").trim());

/** Before migration 0019, "150 euro per kind" was stored with the period `person`; it becomes `per`. */
describe(`migrations 0018-0020: the period person becomes the unit per (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await buildSource(db.db, { id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *" });
    const document = await buildPressRelease(db.db, { uri: "https://example.org/a", sourceId: "news:test", municipalityNis: "24055", title: "a", text: "Tekst." });
    await buildMeasure(db.db, {
      fingerprint: "m",
      municipalityNis: "24055",
      theme: "childcare_family",
      action: "increase",
      summary: "Maatregel.",
      evidence: [{ document, quote: "Bewijs.", spanStart: 0, spanEnd: 6, confidence: 0.9, amounts: [{ euro: 150, period: "month" }, { euro: 95, period: "year" }] }],
    });
    // As 0018 left the table: the old period still allowed, one amount written the old way.
    await db.rows(`alter table measure_amounts drop constraint measure_amounts_period`);
    await db.rows(`update measure_amounts set period = 'person', per = null where cents = 9500`);
  });
  afterAll(() => db.close());

  it("moves person to per and leaves the other amounts as they are, then allows time periods only", async () => {
    for (const statement of statementsOf("0019_measure_amount_person_to_unit.sql")) await db.rows(statement);
    for (const statement of statementsOf("0020_measure_amount_period_without_person.sql")) await db.rows(statement.replace("DROP CONSTRAINT", "DROP CONSTRAINT IF EXISTS"));
    const rows = await db.rows<{ cents: string; period: string; per: string | null }>("select cents::text, period, per from measure_amounts order by measure_amounts.cents");
    expect(rows).toEqual([
      { cents: "9500", period: "unknown", per: "person" },
      { cents: "15000", period: "month", per: null },
    ]);
    await expect(db.rows(`update measure_amounts set period = 'person'`)).rejects.toThrow(/measure_amounts_period/);
  });
});
