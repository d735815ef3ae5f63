import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookDispatcher } from "../../api/webhooks/dispatcher.js";
import { webhookMessageId } from "../../api/webhooks/webhook-ids.js";
import { createDb, type DbHandle } from "../../db/client.js";
import type { WebhookSubscriptionRow } from "../../db/queries/webhook-subscriptions.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";
import { appendDocumentChange, buildApiKeyId, buildWebhook, LOOPBACK_NETWORKS, readDeliveries } from "../helpers/webhook-fixtures.js";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.js";

const WEBHOOKS = 3;
const EVENTS = 60;

/** Two dispatchers, each with its own connections on Postgres, share one queue: every event reaches every webhook once. */
describe(`two webhook dispatchers on one queue (${testDriver})`, () => {
  let db: TestDb;
  let second: DbHandle;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    db = await createTestDb();
    // On Postgres the second dispatcher has a pool of its own, as another process would; PGlite has one connection.
    second = db.url ? await createDb({ databaseUrl: db.url }) : db;
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    if (second && second !== db) await second.close();
    await db?.close();
  });

  it("delivers every event to every webhook exactly once", async () => {
    const apiKeyId = await buildApiKeyId(db.db);
    const webhooks: WebhookSubscriptionRow[] = [];
    for (let n = 0; n < WEBHOOKS; n++) {
      const webhook = await buildWebhook(db.db, { apiKeyId, url: `${receiver.url}/w${n}` });
      receiver.route(`/w${n}`, () => ({ status: 200, delayMs: Math.floor(Math.random() * 10) }), [webhook.secret]);
      webhooks.push(webhook.row);
    }
    const attempts = [0, 0];
    const dispatchers = [db, second].map((handle, i) =>
      createWebhookDispatcher({
        db: handle.db,
        logger: pino({ level: "silent" }),
        policy: { allowNetworks: LOOPBACK_NETWORKS },
        concurrency: 4,
        perWebhook: 8,
        pollIntervalMs: 20,
        onAttempt: () => attempts[i]!++,
      }),
    );
    for (const dispatcher of dispatchers) dispatcher.start();
    const seqs: number[] = [];
    // Events keep arriving while both deliver.
    for (let i = 0; i < EVENTS; i++) {
      seqs.push((await appendDocumentChange(db.db, "document.created", 700 + i)).seq);
      if (i % 10 === 0) dispatchers[i % 2]!.poke();
    }
    await waitFor(async () => {
      for (const webhook of webhooks) {
        const rows = await readDeliveries(db.db, webhook.id);
        if (rows.length < EVENTS || rows.some((r) => r.status !== "delivered")) return false;
      }
      return true;
    });
    await Promise.all(dispatchers.map((d) => d.stop()));

    for (const [n, webhook] of webhooks.entries()) {
      const ids = receiver.at(`/w${n}`).map((r) => r.headers["webhook-id"]);
      expect(ids.slice().sort()).toEqual(seqs.map((seq) => webhookMessageId(webhook.id, seq)).sort());
      expect((await readDeliveries(db.db, webhook.id)).every((r) => r.attempts === 1)).toBe(true);
    }
    expect(receiver.requests.every((r) => r.verifiedWith.length === 1)).toBe(true);
    expect(attempts[0]! + attempts[1]!).toBe(WEBHOOKS * EVENTS);
    // Both took part.
    expect(attempts[0]).toBeGreaterThan(0);
    expect(attempts[1]).toBeGreaterThan(0);
  });
});
