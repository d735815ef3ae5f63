import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../db/queries/api-keys.js";
import { appendChange } from "../../db/queries/change-log.js";
import { buildPressRelease, buildSource } from "../helpers/builders.js";
import { documentEntry } from "../helpers/change-entries.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/**
 * DATABASE_READ_URL: the API's reads go to the replica, writes and what must see them to the
 * primary. Here the "replica" is a database of its own with other content, so every answer shows
 * which database it came from.
 */
describe(`a read replica for the API's reads (${testDriver})`, () => {
  let primary: TestDb;
  let replica: TestDb;
  let api: TestApi;
  let key: string;

  beforeAll(async () => {
    [primary, replica] = [await createTestDb(), await createTestDb()];
    for (const [db, title] of [
      [primary, "Only on the primary"],
      [replica, "Only on the replica"],
    ] as const) {
      await buildSource(db.db, { id: "news:replica", kind: "feed", name: "Nieuws", startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *" });
      await buildPressRelease(db.db, { uri: `https://example.org/${title.length}`, sourceId: "news:replica", title, text: "De stad verhoogt de huurpremie." });
    }
    ({ key } = await createApiKey(primary.db, { name: "replica test", tier: "standard" }));
    api = await startTestApi(primary, { readReplica: replica, webhooks: { policy: { allowNetworks: ["127.0.0.0/8"] } } });
  });
  afterAll(async () => {
    await api?.close();
    await primary?.close();
    await replica?.close();
  });

  it("reads documents on the replica", async () => {
    const response = await api.graphql<{ documents: { nodes: { title: string }[] } }>("{ documents(first: 5) { nodes { title } } }");
    expect(response.body.data?.documents.nodes.map((n) => n.title)).toEqual(["Only on the replica"]);
  });

  it("identifies keys, writes webhooks and reads them back on the primary", async () => {
    const auth = { authorization: `Bearer ${key}` };
    const created = await api.graphql<{ createWebhook: { webhook: { url: string } } }>(`mutation { createWebhook(url: "http://127.0.0.1:9999/hook") { webhook { url } } }`, undefined, auth);
    expect(created.body.errors, JSON.stringify(created.body.errors)).toBeUndefined();
    const listed = await api.graphql<{ webhooks: { url: string }[] }>("{ webhooks { url } }", undefined, auth);
    expect(listed.body.data?.webhooks.map((w) => w.url)).toEqual(["http://127.0.0.1:9999/hook"]);
    expect(await replica.rows("select 1 from webhook_subscriptions")).toEqual([]);
  });

  it("reads the change log on the primary", async () => {
    const seq = Number((await primary.db.transaction((tx) => appendChange(tx, documentEntry("document.created", 424242)))).seq);
    const response = await api.graphql<{ changes: { nodes: { seq: string }[] } }>("{ changes(first: 100) { nodes { seq } } }");
    expect(response.body.data?.changes.nodes.map((n) => Number(n.seq))).toContain(seq);
  });

  it("is ready only while both answer", async () => {
    const ready = await fetch(`${api.url}/readyz`);
    expect(await ready.json()).toEqual({ ready: true, database: testDriver, readReplica: true });
  });
});
