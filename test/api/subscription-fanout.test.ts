import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../api/pagination.js";
import { createDb, type DbHandle } from "../../db/client.js";
import { appendChange, latestChangeSeq } from "../../db/queries/change-log.js";
import { documentEntry } from "../helpers/change-entries.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";
import { subscribeChanges } from "../helpers/ws-subscriber.js";

/**
 * Two API servers on one database, a writer beside them: every server's subscribers get every
 * change. On Postgres each server and the writer have their own connections, as separate
 * processes would, and Postgres NOTIFY reaches them all; with PGlite (one process) they share the
 * embedded database and its notifications.
 */
describe(`subscriptions on two API servers over one database (${testDriver})`, () => {
  let db: TestDb;
  const handles: DbHandle[] = [];
  const apis: TestApi[] = [];
  beforeAll(async () => {
    db = await createTestDb();
    for (let i = 0; i < 2; i++) {
      const handle = db.url ? await createDb({ databaseUrl: db.url }) : db;
      if (db.url) handles.push(handle);
      const api = await startTestApi(handle);
      await waitFor(() => api.server.changeHub() !== undefined, { what: "the change hub" });
      apis.push(api);
    }
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    for (const handle of handles) await handle.close();
    await db?.close();
  });

  it("a change committed by a writer reaches the subscribers of both servers, in order", async () => {
    const head = await latestChangeSeq(db.db);
    const subscribers = apis.flatMap((api) => [subscribeChanges(api.url, { after: encodeCursor("change", String(head)) }), subscribeChanges(api.url, { after: encodeCursor("change", String(head)), filter: { events: ["document.updated"] } })]);
    const written: { seq: number; event: string }[] = [];
    for (let id = 1; id <= 20; id++) {
      const event = id % 4 === 0 ? "document.updated" : "document.created";
      const row = await db.db.transaction((tx) => appendChange(tx, documentEntry(event, id)));
      written.push({ seq: Number(row.seq), event });
    }
    const updates = written.filter((w) => w.event === "document.updated").map((w) => w.seq);
    expect(updates.length).toBe(5);
    for (const [index, subscriber] of subscribers.entries()) {
      const expected = index % 2 === 0 ? written.map((w) => w.seq) : updates;
      expect((await subscriber.waitFor(expected.length)).map((change) => change.seq)).toEqual(expected);
      await subscriber.close();
    }
  });
});
