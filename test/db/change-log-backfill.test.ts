import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../db/migrate.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const statementsOf = (file: string) => readFileSync(join(MIGRATIONS_FOLDER, file), "utf8").split("--> statement-breakpoint");
const backfills = [...statementsOf("0011_change_log_filters_backfill.sql"), ...statementsOf("0014_change_log_document_backfill.sql")];

/**
 * Entries appended before the filter columns existed, in the payload shapes of that time, get
 * their kind, themes and document from what their payload said; the log stays append-only.
 */
describe(`migrations 0011 and 0014: old change-log entries filled in (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    // As the code before wrote them: no filter columns, the old payloads.
    await db.rows(`insert into change_log (event, entity_type, entity_id, payload) values
      ('document.created', 'document', '7', '{"kind": "press_release", "uri": "https://example.org/a", "revision": 1}'),
      ('document.analysed', 'document', '7', '{"rulesVersion": "old", "themes": ["housing", "food_aid"], "measures": 1, "exchanges": 0}'),
      ('measure.created', 'measure', '3', '{"documentId": 7}'),
      ('session.created', 'session', '5', '{"uri": "http://data.lblod.info/id/zittingen/5"}')`);
  });
  afterAll(() => db.close());

  it("reads kind, themes and document from the payloads, and only fills what is empty", async () => {
    for (const statement of backfills) await db.rows(statement);
    const rows = await db.rows<{ event: string; document_kind: string | null; themes: string[]; document_id: string | null }>(
      "select event, document_kind, themes, document_id::text from change_log order by seq",
    );
    expect(rows).toEqual([
      { event: "document.created", document_kind: "press_release", themes: [], document_id: "7" },
      { event: "document.analysed", document_kind: null, themes: ["housing", "food_aid"], document_id: "7" },
      { event: "measure.created", document_kind: null, themes: [], document_id: "7" },
      { event: "session.created", document_kind: null, themes: [], document_id: null },
    ]);
  });

  it("leaves the log append-only afterwards", async () => {
    await expect(db.rows("update change_log set event = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.rows("delete from change_log")).rejects.toThrow(/append-only/);
  });
});
