import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sources } from "../../db/tables/sources.js";
import { scrapeRuns } from "../../db/tables/sources.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

describe(`text from pages reaches the database whatever it holds (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await db.db.insert(sources).values({ id: "test:nul", kind: "feed", name: "NUL\u0000 feed", startUrl: "http://127.0.0.1/feed", schedule: "0 3 * * *" });
  });
  afterAll(() => db.close());

  it("stores text and jsonb values with NUL characters and unpaired surrogates, without them", async () => {
    const errors = [{ url: "http://127.0.0.1/a\u0000b", reason: "bad \u0000 byte and a lone \ud800 surrogate", at: "2026-11-30T00:00:00Z" }];
    const [run] = await db.db
      .insert(scrapeRuns)
      .values({ sourceId: "test:nul", trigger: "manual", status: "failed", errors })
      .returning({ id: scrapeRuns.id });
    const [stored] = await db.db.select().from(scrapeRuns).where(eq(scrapeRuns.id, run?.id ?? 0));
    expect(stored?.errors).toEqual([{ url: "http://127.0.0.1/ab", reason: "bad  byte and a lone \ufffd surrogate", at: "2026-11-30T00:00:00Z" }]);
    const [source] = await db.rows<{ name: string }>("select name from sources where id = $1", ["test:nul"]);
    expect(source?.name).toBe("NUL feed");
  });

  it("does the same inside transactions and nested transactions, and for raw queries", async () => {
    await db.db.transaction(async (tx) => {
      await tx.update(sources).set({ lastError: "first\u0000error" }).where(eq(sources.id, "test:nul"));
      await tx.transaction(async (inner) => {
        await inner.update(sources).set({ config: { note: "x\u0000y" } }).where(eq(sources.id, "test:nul"));
      });
    });
    await db.rows("update sources set name = $1 where id = $2", ["raw\u0000name", "test:nul"]);
    const [source] = await db.rows<{ name: string; last_error: string; config: unknown }>("select name, last_error, config from sources where id = $1", ["test:nul"]);
    expect(source).toEqual({ name: "rawname", last_error: "firsterror", config: { note: "xy" } });
  });

  it("leaves a literal backslash-u-0000 in plain text alone", async () => {
    await db.db.update(sources).set({ lastError: String.raw`the escape \u0000 as written in a manual` }).where(eq(sources.id, "test:nul"));
    const [source] = await db.rows<{ last_error: string }>("select last_error from sources where id = $1", ["test:nul"]);
    expect(source?.last_error).toBe(String.raw`the escape \u0000 as written in a manual`);
  });
});
