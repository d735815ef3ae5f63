import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readChangeFilter } from "../../api/change-filter.js";
import { presentChangeJson } from "../../api/changes/change-json.js";
import { createWebhookDispatcher, type WebhookDispatcher } from "../../api/webhooks/dispatcher.js";
import { createWebhookSecret } from "../../api/webhooks/webhook-secret.js";
import { listChanges } from "../../db/queries/change-log.js";
import { deleteWebhookSubscriptionOfKey, rotateWebhookSecretOfKey } from "../../db/queries/webhook-subscriptions.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";
import { appendDocumentChange, buildApiKeyId, buildWebhook, LOOPBACK_NETWORKS, readDelivery, readDeliveries, readWebhook } from "../helpers/webhook-fixtures.js";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.js";

const ANTWERPEN = { nis: "11002", name: "Antwerpen", successorNis: null };
const BORSBEEK = { nis: "11007", name: "Borsbeek", successorNis: "11002" };
const GENT = { nis: "44021", name: "Gent", successorNis: null };

/** The retry schedule of these tests: the production shape, in milliseconds instead of minutes and hours. */
const FAST_RETRIES = [150, 300, 600, 1_200, 2_400, 4_800];

/** A receiver on loopback answering per scenario; one dispatcher delivering with a fast schedule. */
describe(`webhook deliveries to a receiver (${testDriver})`, () => {
  let db: TestDb;
  let receiver: WebhookReceiver;
  let dispatcher: WebhookDispatcher;
  let apiKeyId: number;
  const created: number[] = [];
  let nextDocument = 1_000;

  beforeAll(async () => {
    db = await createTestDb();
    receiver = await startWebhookReceiver();
    apiKeyId = await buildApiKeyId(db.db);
    dispatcher = createWebhookDispatcher({
      db: db.db,
      logger: pino({ level: "silent" }),
      policy: { allowNetworks: LOOPBACK_NETWORKS },
      concurrency: 8,
      timeoutMs: 500,
      leaseMs: 5_000,
      pollIntervalMs: 50,
      retry: { delaysMs: FAST_RETRIES, jitter: 0 },
      userAgent: "Vangnet-Webhooks/test",
    });
    dispatcher.start();
  });
  afterEach(async () => {
    // Each scenario's webhook stops receiving with it, so the next scenario's events reach only its own.
    for (const id of created.splice(0)) await deleteWebhookSubscriptionOfKey(db.db, apiKeyId, id);
  });
  afterAll(async () => {
    await dispatcher?.stop();
    await receiver?.close();
    await db?.close();
  });

  async function webhookAt(path: string, behaviour: Parameters<WebhookReceiver["route"]>[1], filter?: Record<string, unknown>) {
    const webhook = await buildWebhook(db.db, { apiKeyId, url: `${receiver.url}${path}`, filter });
    receiver.route(path, behaviour, [webhook.secret]);
    created.push(webhook.row.id);
    return webhook;
  }

  const append = (overrides: Parameters<typeof appendDocumentChange>[3] = {}, event: "document.created" | "document.updated" = "document.created") => {
    const row = appendDocumentChange(db.db, event, nextDocument++, overrides);
    void row.then(() => dispatcher.poke());
    return row;
  };

  const deliveryOf = (webhookId: number, seq: number) => readDelivery(db.db, webhookId, seq);

  it("200: delivered once, signed, with the change as the body's data", async () => {
    const { row: webhook } = await webhookAt("/ok", () => ({ status: 200 }));
    const change = await append({ title: "Huurpremie verhoogd", municipality: GENT, themes: ["housing"] });
    await waitFor(async () => (await deliveryOf(webhook.id, change.seq))?.status === "delivered");

    const [request, ...more] = receiver.at("/ok");
    expect(more).toEqual([]);
    expect(request?.verifiedWith).toHaveLength(1);
    expect(request?.headers).toMatchObject({
      "webhook-id": `msg_${webhook.id}_${change.seq}`,
      "content-type": "application/json",
      "user-agent": "Vangnet-Webhooks/test",
    });
    expect(request?.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(request?.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(JSON.parse(request?.body ?? "")).toEqual({
      type: "document.created",
      timestamp: new Date(change.occurredAt).toISOString(),
      data: JSON.parse(JSON.stringify(presentChangeJson(change))),
    });
    const delivery = await deliveryOf(webhook.id, change.seq);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, responseStatus: 200, lastError: null, leasedUntil: null });
    expect(delivery?.deliveredAt).toBeInstanceOf(Date);
    const after = await readWebhook(db.db, webhook.id);
    expect(after).toMatchObject({ active: true, consecutiveFailures: 0, failingSince: null });
    expect(after.lastSuccessAt).toEqual(delivery?.deliveredAt);

    // Nothing more comes for it: a later change for another webhook is delivered, this one's count stays 1.
    const { row: other } = await webhookAt("/ok-later", () => ({ status: 200 }));
    const later = await append();
    await waitFor(async () => (await deliveryOf(other.id, later.seq))?.status === "delivered");
    expect(receiver.at("/ok").filter((r) => r.seq === String(change.seq))).toHaveLength(1);
  });

  it("500 then 200: retried with the same webhook-id, delivered at the second attempt", async () => {
    const { row: webhook } = await webhookAt("/flaky", (_request, previous) => (previous === 0 ? { status: 500, body: "database down" } : { status: 204 }));
    const change = await append();
    await waitFor(async () => (await deliveryOf(webhook.id, change.seq))?.status === "delivered");
    const requests = receiver.at("/flaky");
    expect(requests.map((r) => r.answered)).toEqual([500, 204]);
    expect(new Set(requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([`msg_${webhook.id}_${change.seq}`]));
    expect(requests.every((r) => r.verifiedWith.length === 1)).toBe(true);
    expect(await deliveryOf(webhook.id, change.seq)).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 204, lastError: null });
    expect(await readWebhook(db.db, webhook.id)).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  it("410: the webhook is disabled at once with the reason, and nothing more is attempted", async () => {
    const { row: webhook } = await webhookAt("/gone", () => ({ status: 410 }));
    const change = await append();
    await waitFor(async () => (await readWebhook(db.db, webhook.id)).active === false);
    const disabled = await readWebhook(db.db, webhook.id);
    expect(disabled.disabledReason).toMatch(/^The endpoint answered 410 Gone on \d{4}-\d\d-\d\dT[\d:.]+Z; no more deliveries are made\.$/);
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await deliveryOf(webhook.id, change.seq)).toMatchObject({
      status: "failed",
      attempts: 1,
      responseStatus: 410,
      lastError: "HTTP 410 Gone: the endpoint asked not to be called again",
    });
    // Another change reaches another webhook, and not the disabled one.
    const { row: control } = await webhookAt("/control", () => ({ status: 200 }));
    const next = await append();
    await waitFor(async () => (await deliveryOf(control.id, next.seq))?.status === "delivered");
    expect(receiver.at("/gone")).toHaveLength(1);
    expect(await deliveryOf(webhook.id, next.seq)).toBeNull();
  });

  it("429 with Retry-After: 2: the next attempt is due 2 s after the answer, not on the schedule", async () => {
    const { row: webhook } = await webhookAt("/busy", (_request, previous) => (previous === 0 ? { status: 429, headers: { "Retry-After": "2" } } : { status: 200 }));
    const change = await append();
    await waitFor(async () => (await deliveryOf(webhook.id, change.seq))?.responseStatus === 429);
    const waiting = await deliveryOf(webhook.id, change.seq);
    const answeredAt = (await readWebhook(db.db, webhook.id)).lastDeliveryAt;
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, leasedUntil: null, lastError: "HTTP 429" });
    // The schedule's first retry would be 150 ms after the answer; Retry-After says 2 s.
    expect(waiting!.nextAttemptAt.getTime() - answeredAt!.getTime()).toBe(2_000);
    await waitFor(async () => (await deliveryOf(webhook.id, change.seq))?.status === "delivered");
    expect(receiver.at("/busy").map((r) => r.answered)).toEqual([429, 200]);
  });

  it("301: the redirect is not followed, and counts as a failure", async () => {
    receiver.route("/moved-here", () => ({ status: 200 }));
    const { row: webhook } = await webhookAt("/moved", () => ({ status: 301, headers: { Location: `${receiver.url}/moved-here` } }));
    const change = await append();
    await waitFor(async () => ((await deliveryOf(webhook.id, change.seq))?.attempts ?? 0) >= 3 && (await deliveryOf(webhook.id, change.seq))?.leasedUntil === null);
    expect(receiver.at("/moved-here")).toEqual([]);
    expect(await deliveryOf(webhook.id, change.seq)).toMatchObject({
      status: "pending",
      responseStatus: 301,
      lastError: `HTTP 301: redirects are not followed (Location: ${receiver.url}/moved-here)`,
    });
    const failing = await readWebhook(db.db, webhook.id);
    expect(failing.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(failing.failingSince).toBeInstanceOf(Date);
    expect(failing.lastSuccessAt).toBeNull();
  });

  it("a receiver that never answers: the attempt times out, is recorded and retried with the same webhook-id", async () => {
    const { row: webhook } = await webhookAt("/silent", () => "hang");
    const change = await append();
    await waitFor(async () => ((await deliveryOf(webhook.id, change.seq))?.attempts ?? 0) >= 2 && (await deliveryOf(webhook.id, change.seq))?.leasedUntil === null);
    expect(await deliveryOf(webhook.id, change.seq)).toMatchObject({
      status: "pending",
      responseStatus: null,
      lastError: "timeout: no complete response within 500 ms (DNS, connection, headers and body together)",
    });
    const ids = receiver.at("/silent").map((r) => r.headers["webhook-id"]);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids)).toEqual(new Set([`msg_${webhook.id}_${change.seq}`]));
  });

  it("a filtered webhook receives exactly what `changes` lists for the same filter", async () => {
    const filter = { municipalities: ["11002"], themes: ["housing"], events: ["document.created", "document.updated"] };
    const { row: webhook } = await webhookAt("/filtered", () => ({ status: 200 }), filter);
    const appended = [
      await append({ municipality: ANTWERPEN, themes: ["housing"] }),
      await append({ municipality: BORSBEEK, themes: ["housing", "energy"] }),
      await append({ municipality: GENT, themes: ["housing"] }),
      await append({ municipality: ANTWERPEN, themes: ["food_aid"] }),
      await append({ municipality: ANTWERPEN, themes: ["housing"] }, "document.updated"),
      await append({ municipality: null, themes: ["housing"] }),
    ];
    const last = appended.at(-1)!.seq;
    await waitFor(async () => {
      const state = await readWebhook(db.db, webhook.id);
      const deliveries = await readDeliveries(db.db, webhook.id);
      return state.lastSeq >= last && deliveries.every((d) => d.status === "delivered");
    });
    const expected = await listChanges(db.db, readChangeFilter(filter, municipalityRegister()), { limit: 100, afterSeq: webhook.lastSeq });
    // Worked out by hand: Antwerpen housing, Borsbeek (merged into Antwerpen) housing, and the update in Antwerpen.
    expect(expected.map((row) => row.seq)).toEqual([appended[0]!.seq, appended[1]!.seq, appended[4]!.seq]);
    expect(receiver.at("/filtered").map((r) => Number(r.seq))).toEqual(expect.arrayContaining(expected.map((row) => row.seq)));
    expect(receiver.at("/filtered")).toHaveLength(3);
  });

  it("after a rotation, each delivery carries a signature with the old secret and one with the new", async () => {
    const { row: webhook, secret: old } = await webhookAt("/rotated", () => ({ status: 200 }));
    const fresh = createWebhookSecret();
    await rotateWebhookSecretOfKey(db.db, apiKeyId, webhook.id, { secret: fresh, previousUntil: new Date(Date.now() + 60_000) });
    receiver.route("/rotated", () => ({ status: 200 }), [old, fresh]);
    const change = await append();
    await waitFor(async () => (await deliveryOf(webhook.id, change.seq))?.status === "delivered");
    const [request] = receiver.at("/rotated");
    expect(request?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(request?.verifiedWith).toEqual([old, fresh]);
  });
});
