import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { attemptDelivery, type DeliverDeps } from "../../api/webhooks/deliver.js";
import { enqueueWebhookDeliveries } from "../../api/webhooks/enqueue.js";
import { DEFAULT_RETRY_POLICY } from "../../api/webhooks/retry-schedule.js";
import { listApiKeys, revokeApiKey } from "../../db/queries/api-keys.js";
import { claimDueWebhookDeliveries, recordDeliveryOutcome } from "../../db/queries/webhook-deliveries.js";
import { disableWebhookSubscription } from "../../db/queries/webhook-subscriptions.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { webhookSubscriptions } from "../../db/tables/webhooks.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { appendDocumentChange, buildApiKeyId, buildWebhook, LOOPBACK_NETWORKS, readDelivery, readDeliveries, readWebhook } from "../helpers/webhook-fixtures.js";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.js";

const T0 = new Date("2026-11-30T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const silent = pino({ level: "silent" });

/** The queue's SQL on its own: enqueue by watermark, claims with SKIP LOCKED and a lease, fenced outcomes. */
describe(`webhook queue (${testDriver})`, () => {
  let db: TestDb;
  let document = 5_000;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    // Every test starts with no webhook; the change log keeps growing (it is append-only).
    await db.db.delete(webhookSubscriptions);
  });

  const enqueue = (now = T0) => enqueueWebhookDeliveries({ db: db.db, municipalities: municipalityRegister(), logger: silent, now });
  const claim = (now: Date, options: { limit?: number; perWebhook?: number; leaseMs?: number } = {}) =>
    claimDueWebhookDeliveries(db.db, { now, leaseUntil: new Date(now.getTime() + (options.leaseMs ?? 60_000)), limit: options.limit ?? 100, perWebhook: options.perWebhook ?? 100 });
  const append = () => appendDocumentChange(db.db, "document.created", document++);

  it("a new webhook starts at the log's head: it gets what comes after its creation, once", async () => {
    const before = await append();
    const { row: webhook } = await buildWebhook(db.db, { apiKeyId: await buildApiKeyId(db.db), url: "http://127.0.0.1:8099/" });
    expect(webhook.lastSeq).toBe(before.seq);
    const first = await append();
    const second = await append();
    expect(await enqueue()).toEqual({ queued: 2, more: false });
    expect((await readDeliveries(db.db, webhook.id)).map((d) => [d.changeSeq, d.status, d.attempts])).toEqual([
      [first.seq, "pending", 0],
      [second.seq, "pending", 0],
    ]);
    expect((await readWebhook(db.db, webhook.id)).lastSeq).toBe(second.seq);
    // Nothing new: nothing queued twice.
    expect(await enqueue()).toEqual({ queued: 0, more: false });
  });

  it("two enqueuers at once queue each change once", async () => {
    const keyId = await buildApiKeyId(db.db);
    const webhooks = await Promise.all([1, 2, 3].map((n) => buildWebhook(db.db, { apiKeyId: keyId, url: `http://127.0.0.1:8099/${n}` })));
    for (let i = 0; i < 12; i++) await append();
    const results = await Promise.all([enqueue(), enqueue(), enqueue()]);
    expect(results.reduce((sum, r) => sum + r.queued, 0)).toBe(36);
    for (const { row } of webhooks) expect(await readDeliveries(db.db, row.id)).toHaveLength(12);
  });

  it("inactive webhooks and webhooks of revoked keys are neither enqueued nor claimed", async () => {
    const revokedKey = await buildApiKeyId(db.db, "Ingetrokken");
    const { row: ofRevoked } = await buildWebhook(db.db, { apiKeyId: revokedKey, url: "http://127.0.0.1:8099/revoked" });
    const { row: disabled } = await buildWebhook(db.db, { apiKeyId: await buildApiKeyId(db.db), url: "http://127.0.0.1:8099/disabled" });
    await append();
    expect(await enqueue()).toEqual({ queued: 2, more: false });
    const revoked = (await listApiKeys(db.db)).find((key) => key.id === revokedKey);
    await revokeApiKey(db.db, revoked!.prefix, T0);
    await disableWebhookSubscription(db.db, disabled.id, "Testing", T0);
    // The deliveries queued before are due, but neither is claimed.
    expect(await claim(at(1))).toEqual([]);
    const later = await append();
    expect(await enqueue()).toEqual({ queued: 0, more: false });
    expect(await readDelivery(db.db, disabled.id, later.seq)).toBeNull();
    expect(await readDelivery(db.db, ofRevoked.id, later.seq)).toBeNull();
  });

  it("a claim takes a lease: the row is not due again until the lease ends, then with one more attempt", async () => {
    const { row: webhook } = await buildWebhook(db.db, { apiKeyId: await buildApiKeyId(db.db), url: "http://127.0.0.1:8099/" });
    const change = await append();
    await enqueue();
    const [claimed, ...rest] = await claim(at(0), { leaseMs: 30_000 });
    expect(rest).toEqual([]);
    expect(claimed?.delivery).toEqual({ id: expect.any(Number), attempts: 1 });
    expect(await readDelivery(db.db, webhook.id, change.seq)).toMatchObject({ attempts: 1, leasedUntil: at(30_000), nextAttemptAt: at(30_000), lastAttemptAt: at(0) });
    expect(claimed?.change.seq).toBe(change.seq);
    expect(claimed?.subscription.url).toBe(webhook.url);
    // The worker dies: until the lease ends nobody takes the row, then the next worker does.
    expect(await claim(at(29_999))).toEqual([]);
    const [again] = await claim(at(30_000));
    expect(again?.delivery.attempts).toBe(2);
    // The first worker's late outcome is not recorded over the second's lease.
    const late = await db.db.transaction((tx) => recordDeliveryOutcome(tx, { id: claimed!.delivery.id, attempts: 1 }, { status: "delivered", nextAttemptAt: null, responseStatus: 200, lastError: null }, at(31_000)));
    expect(late).toBe(false);
    const current = await db.db.transaction((tx) => recordDeliveryOutcome(tx, { id: again!.delivery.id, attempts: 2 }, { status: "delivered", nextAttemptAt: null, responseStatus: 200, lastError: null }, at(31_000)));
    expect(current).toBe(true);
    expect(await readDelivery(db.db, webhook.id, change.seq)).toMatchObject({ status: "delivered", attempts: 2, leasedUntil: null, deliveredAt: at(31_000) });
  });

  it("at most `perWebhook` in flight per webhook, leases held counting; other webhooks are served beside a backlog", async () => {
    const keyId = await buildApiKeyId(db.db);
    const { row: busy } = await buildWebhook(db.db, { apiKeyId: keyId, url: "http://127.0.0.1:8099/busy" });
    const backlog = [];
    for (let i = 0; i < 10; i++) backlog.push(await append());
    await enqueue();
    const { row: quiet } = await buildWebhook(db.db, { apiKeyId: keyId, url: "http://127.0.0.1:8099/quiet" });
    await append();
    await enqueue(at(1));
    const first = await claim(at(2), { perWebhook: 3 });
    expect(first.filter((c) => c.subscription.id === busy.id).map((c) => c.change.seq)).toEqual(backlog.slice(0, 3).map((c) => c.seq));
    expect(first.filter((c) => c.subscription.id === quiet.id)).toHaveLength(1);
    // The three leases of `busy` are still held: nothing more of it.
    expect((await claim(at(3), { perWebhook: 3 })).map((c) => c.subscription.id)).toEqual([]);
    // One ends: one more.
    const done = first.find((c) => c.subscription.id === busy.id)!;
    await db.db.transaction((tx) => recordDeliveryOutcome(tx, { id: done.delivery.id, attempts: 1 }, { status: "delivered", nextAttemptAt: null, responseStatus: 200, lastError: null }, at(4)));
    expect((await claim(at(5), { perWebhook: 3 })).map((c) => c.change.seq)).toEqual([backlog[3]!.seq]);
  });

  it("two claims at once never take the same delivery", async () => {
    const keyId = await buildApiKeyId(db.db);
    for (let n = 0; n < 4; n++) await buildWebhook(db.db, { apiKeyId: keyId, url: `http://127.0.0.1:8099/${n}` });
    for (let i = 0; i < 25; i++) await append();
    await enqueue();
    const claims = await Promise.all([claim(at(1), { limit: 40 }), claim(at(1), { limit: 40 }), claim(at(1), { limit: 40 })]);
    const ids = claims.flat().map((c) => c.delivery.id);
    expect(new Set(ids).size).toBe(ids.length);
    // With perWebhook unlimited and three claimers of 40, all 100 are taken once (or left for the next claim).
    const rest = await claim(at(1), { limit: 100 });
    expect(ids.length + rest.length).toBe(100);
  });

  describe("outcomes over HTTP", () => {
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await startWebhookReceiver();
    });
    afterAll(async () => {
      await receiver?.close();
    });

    function deps(clock: () => Date, delaysMs: number[]): DeliverDeps {
      return {
        db: db.db,
        policy: { allowNetworks: LOOPBACK_NETWORKS },
        retry: { ...DEFAULT_RETRY_POLICY, delaysMs, jitter: 0 },
        clock,
        random: () => 0.5,
        timeoutMs: 2_000,
        maxResponseBytes: 1024,
        userAgent: "Vangnet-Webhooks/test",
      };
    }

    it("a delivery that runs out of its schedule fails, saying after how many attempts", async () => {
      receiver.route("/down", () => ({ status: 502, body: "Bad Gateway" }));
      const { row: webhook } = await buildWebhook(db.db, { apiKeyId: await buildApiKeyId(db.db), url: `${receiver.url}/down` });
      const change = await append();
      await enqueue();
      let now = at(0);
      const clock = () => now;
      const [first] = await claim(now);
      await attemptDelivery(first!, deps(clock, [1_000]));
      expect(await readDelivery(db.db, webhook.id, change.seq)).toMatchObject({ status: "pending", nextAttemptAt: at(1_000), lastError: "HTTP 502: Bad Gateway" });
      now = at(1_000);
      const [second] = await claim(now);
      await attemptDelivery(second!, deps(clock, [1_000]));
      expect(await readDelivery(db.db, webhook.id, change.seq)).toMatchObject({ status: "failed", attempts: 2, responseStatus: 502, lastError: "HTTP 502: Bad Gateway (gave up after 2 attempts)" });
      expect(await claim(at(10_000))).toEqual([]);
      // Two failures an instant apart are no reason to disable the webhook.
      expect(await readWebhook(db.db, webhook.id)).toMatchObject({ active: true, consecutiveFailures: 2, failingSince: at(0) });
    });

    it("a webhook failing for three days without a success is disabled with the reason", async () => {
      receiver.route("/broken", () => ({ status: 500 }));
      const { row: webhook } = await buildWebhook(db.db, { apiKeyId: await buildApiKeyId(db.db), url: `${receiver.url}/broken` });
      const change = await append();
      await enqueue();
      let now = at(0);
      const clock = () => now;
      const schedule = [36 * 3_600_000, 36 * 3_600_000, 36 * 3_600_000];
      await attemptDelivery((await claim(now))[0]!, deps(clock, schedule));
      now = at(36 * 3_600_000);
      await attemptDelivery((await claim(now))[0]!, deps(clock, schedule));
      expect((await readWebhook(db.db, webhook.id)).active).toBe(true);
      now = at(72 * 3_600_000);
      await attemptDelivery((await claim(now))[0]!, deps(clock, schedule));
      const disabled = await readWebhook(db.db, webhook.id);
      expect(disabled).toMatchObject({
        active: false,
        disabledAt: at(72 * 3_600_000),
        disabledReason: "Deliveries have failed since 2026-11-30T12:00:00.000Z without a success (3 failed attempts in a row); last error: HTTP 500",
      });
      // Its delivery keeps its place (pending) but is not claimed while the webhook is disabled.
      expect(await readDelivery(db.db, webhook.id, change.seq)).toMatchObject({ status: "pending", attempts: 3 });
      expect(await claim(at(200 * 3_600_000))).toEqual([]);
    });
  });
});
