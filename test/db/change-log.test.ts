import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendChange } from "../../db/queries/change-log.js";
import { documentEntry } from "../helpers/change-entries.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

describe(`change log (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.close());

  it("hands out strictly increasing sequence numbers", async () => {
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const row = await db.db.transaction((tx) =>
        appendChange(tx, documentEntry("document.created", i)),
      );
      seqs.push(row.seq);
    }
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
  });

  it("rejects updates, deletes and truncation", async () => {
    await expect(db.rows("update change_log set event = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.rows("delete from change_log")).rejects.toThrow(/append-only/);
    await expect(db.rows("truncate change_log cascade")).rejects.toThrow(/append-only/);
    const [count] = await db.rows<{ n: number }>("select count(*)::int as n from change_log");
    expect(count?.n).toBe(5);
  });

  it("disappears with the transaction that wrote it", async () => {
    await expect(
      db.db.transaction(async (tx) => {
        await appendChange(tx, documentEntry("document.updated", 9));
        throw new Error("the data write failed");
      }),
    ).rejects.toThrow("the data write failed");
    const rows = await db.rows("select * from change_log where entity_id = '9'");
    expect(rows).toEqual([]);
  });
});
