import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueWebhookDeliveries } from "../../api/webhooks/enqueue.js";
import { createApiKey } from "../../db/queries/api-keys.js";
import { appendChange } from "../../db/queries/change-log.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { documentEntry } from "../helpers/change-entries.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-30T12:00:00.000Z");
const LOOPBACK = ["127.0.0.0/8", "::1/128"];
/** A port above 1024 on loopback: the policy allows it in this test, and nothing is sent to it here. */
const RECEIVER = "http://127.0.0.1:8099/hooks";

const WEBHOOK_FIELDS = "id url description active disabledReason consecutiveFailures createdAt lastDeliveryAt lastSuccessAt previousSecretExpiresAt filter { events entityTypes municipalities provinces themes kinds actions minConfidence search }";
const CREATE = `mutation($url: String!, $filter: ChangeFilter, $description: String) {
  createWebhook(url: $url, filter: $filter, description: $description) { secret webhook { ${WEBHOOK_FIELDS} } }
}`;

interface WebhookNode {
  id: string;
  url: string;
  description: string | null;
  active: boolean;
  filter: Record<string, unknown>;
  previousSecretExpiresAt: string | null;
}

/** Webhooks over GraphQL: an API key's own, with a secret shown once. */
describe(`webhooks: the GraphQL side (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let strictApi: TestApi;
  let keyA: Record<string, string>;
  let keyB: Record<string, string>;
  let keyFull: Record<string, string>;
  let keyPaged: Record<string, string>;
  beforeAll(async () => {
    db = await createTestDb();
    const bearer = async (name: string) => ({ authorization: `Bearer ${(await createApiKey(db.db, { name, tier: "standard" })).key}` });
    keyA = await bearer("De Standaard");
    keyB = await bearer("Het Nieuwsblad");
    keyFull = await bearer("Apache");
    keyPaged = await bearer("Knack");
    api = await startTestApi(db, { clock: () => NOW, webhooks: { policy: { allowNetworks: LOOPBACK }, maxPerKey: 4 } });
    // As production runs: no allow-list.
    strictApi = await startTestApi(db, { clock: () => NOW });
  });
  afterAll(async () => {
    await api?.close();
    await strictApi?.close();
    await db?.close();
  });

  async function create(headers: Record<string, string>, variables: Record<string, unknown>) {
    return api.graphql<{ createWebhook: { secret: string; webhook: WebhookNode } }>(CREATE, variables, headers);
  }

  async function created(headers: Record<string, string>, variables: Record<string, unknown>) {
    const response = await create(headers, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.createWebhook as { secret: string; webhook: WebhookNode };
  }

  it("without an API key, every webhook field and mutation is UNAUTHENTICATED", async () => {
    for (const query of [`{ webhooks { id } }`, `{ webhookDeliveries(webhookId: "x", first: 1) { totalCount } }`, `mutation { deleteWebhook(id: "x") { deletedWebhookId } }`]) {
      const response = await api.graphql(query);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.body.errors?.[0]?.message).toMatch(/^Webhooks belong to an API key: send one as `Authorization: Bearer <key>`/);
    }
    expect((await create({}, { url: RECEIVER })).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("creates a webhook and shows its Standard Webhooks secret once", async () => {
    const { secret, webhook } = await created(keyA, {
      url: RECEIVER,
      description: "  Sociale kruideniers  ",
      filter: { themes: ["food_aid"], municipalities: ["11002"], kinds: ["PRESS_RELEASE"], actions: ["INTRODUCE"], minConfidence: 0.7, search: " kruidenier " },
    });
    // `whsec_` and the base64 of 32 random bytes (44 characters with one `=` of padding).
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(webhook).toMatchObject({
      url: RECEIVER,
      description: "Sociale kruideniers",
      active: true,
      disabledReason: null,
      consecutiveFailures: 0,
      lastDeliveryAt: null,
      lastSuccessAt: null,
      previousSecretExpiresAt: null,
      filter: { events: [], entityTypes: [], municipalities: ["11002"], provinces: [], themes: ["food_aid"], kinds: ["PRESS_RELEASE"], actions: ["INTRODUCE"], minConfidence: 0.7, search: "kruidenier" },
    });
    expect(Buffer.from(webhook.id, "base64url").toString()).toMatch(/^Webhook:\d+$/);
    // The secret is no field of a webhook: asking for it is a validation error.
    const asked = await api.graphql(`{ webhooks { secret } }`, undefined, keyA);
    expect(asked.status).toBe(400);
    expect(asked.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    // Stored for signing, as shown.
    const [stored] = await db.rows<{ secret: string }>("select secret from webhook_subscriptions where url = $1 and description = $2", [RECEIVER, "Sociale kruideniers"]);
    expect(stored?.secret).toBe(secret);
  });

  it("each key lists its own webhooks only, oldest first", async () => {
    const second = await created(keyA, { url: `${RECEIVER}/2` });
    const other = await created(keyB, { url: `${RECEIVER}/b` });
    const listed = async (headers: Record<string, string>) => (await api.graphql<{ webhooks: WebhookNode[] }>(`{ webhooks { id url } }`, undefined, headers)).body.data?.webhooks.map((w) => w.url);
    expect(await listed(keyA)).toEqual([RECEIVER, `${RECEIVER}/2`]);
    expect(await listed(keyB)).toEqual([`${RECEIVER}/b`]);
    expect(second.webhook.id).not.toBe(other.webhook.id);
  });

  it("another key's webhook is NOT_FOUND, as one that does not exist", async () => {
    const { webhook } = await created(keyB, { url: `${RECEIVER}/private` });
    for (const query of [
      `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 5) { totalCount } }`,
      `mutation($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }`,
      `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`,
    ]) {
      const response = await api.graphql(query, { id: webhook.id }, keyA);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(response.body.errors?.[0]?.message).toMatch(/has no webhook/);
    }
    // Still there for its owner.
    const own = await api.graphql<{ webhooks: { id: string }[] }>(`{ webhooks { id } }`, undefined, keyB);
    expect(own.body.data?.webhooks.map((w) => w.id)).toContain(webhook.id);
    // An id that is no webhook id at all is the caller's mistake, named.
    const forged = await api.graphql(`mutation { deleteWebhook(id: "RG9jdW1lbnQ6MQ") { deletedWebhookId } }`, undefined, keyA);
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "id" });
  });

  it("deletes a webhook: gone from the list, and a second delete is NOT_FOUND", async () => {
    const { webhook } = await created(keyB, { url: `${RECEIVER}/gone` });
    const deleted = await api.graphql<{ deleteWebhook: { deletedWebhookId: string } }>(`mutation($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }`, { id: webhook.id }, keyB);
    expect(deleted.body.data?.deleteWebhook.deletedWebhookId).toBe(webhook.id);
    const listed = await api.graphql<{ webhooks: { id: string }[] }>(`{ webhooks { id } }`, undefined, keyB);
    expect(listed.body.data?.webhooks.map((w) => w.id)).not.toContain(webhook.id);
    const again = await api.graphql(`mutation($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }`, { id: webhook.id }, keyB);
    expect(again.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("rotates a secret: a new one shown once, the old one signing for 24 hours more", async () => {
    const { secret: first, webhook } = await created(keyB, { url: `${RECEIVER}/rotating` });
    const rotated = await api.graphql<{ rotateWebhookSecret: { secret: string; previousSecretExpiresAt: string; webhook: WebhookNode } }>(
      `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret previousSecretExpiresAt webhook { id previousSecretExpiresAt } } }`,
      { id: webhook.id },
      keyB,
    );
    const payload = rotated.body.data?.rotateWebhookSecret;
    expect(payload?.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(payload?.secret).not.toBe(first);
    expect(payload?.previousSecretExpiresAt).toBe("2026-12-01T12:00:00.000Z");
    expect(payload?.webhook).toEqual({ id: webhook.id, previousSecretExpiresAt: "2026-12-01T12:00:00.000Z" });
    const [stored] = await db.rows<{ secret: string; previous_secret: string }>("select secret, previous_secret from webhook_subscriptions where url = $1", [`${RECEIVER}/rotating`]);
    expect(stored).toEqual({ secret: payload?.secret, previous_secret: first });
  });

  it("refuses a URL the address policy refuses, saying why", async () => {
    const refusal = async (target: TestApi, url: string) => {
      const response = await target.graphql(CREATE, { url }, keyA);
      expect(response.body.data ?? null).toBeNull();
      const [error] = response.body.errors ?? [];
      expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "url" });
      return error?.message;
    };
    // Without the allow-list, as in production: loopback in any notation.
    expect(await refusal(strictApi, "http://127.0.0.1:8099/")).toMatch(/^Argument "url": refused \(address\): /);
    expect(await refusal(strictApi, "http://2130706433:8099/")).toMatch(/refused \(address\)/);
    expect(await refusal(strictApi, "http://[::ffff:127.0.0.1]:8099/")).toMatch(/refused \(address\)/);
    expect(await refusal(strictApi, "http://169.254.169.254/latest/meta-data/")).toMatch(/refused \(address\)/);
    expect(await refusal(api, "ftp://127.0.0.1:8099/")).toMatch(/^Argument "url": refused \(scheme\): the URL's scheme is ftp; webhook URLs must use http or https$/);
    expect(await refusal(api, "http://newsroom:hunter2@127.0.0.1:8099/")).toMatch(/^Argument "url": refused \(credentials\): /);
    expect(await refusal(api, "not a url")).toMatch(/^Argument "url": refused \(malformed\): /);
    expect(await refusal(api, "http://127.0.0.1:22/")).toMatch(/refused \(port\)/);
  });

  it("refuses a filter that `changes` refuses, and an over-long description", async () => {
    const theme = await create(keyA, { url: RECEIVER, filter: { themes: ["wonen"] } });
    expect(theme.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.themes" });
    const municipality = await create(keyA, { url: RECEIVER, filter: { municipalities: ["99999"] } });
    expect(municipality.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.municipalities" });
    const description = await create(keyA, { url: RECEIVER, description: "x".repeat(501) });
    expect(description.body.errors?.[0]).toMatchObject({ message: 'Argument "description": at most 500 characters, got 501', extensions: { code: "BAD_USER_INPUT" } });
  });

  it("a key may have at most the configured number of webhooks", async () => {
    for (const n of [1, 2, 3, 4]) await created(keyFull, { url: `${RECEIVER}/${n}` });
    const fifth = await create(keyFull, { url: `${RECEIVER}/5` });
    expect(fifth.body.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_REACHED", limit: 4 });
    expect(fifth.body.errors?.[0]?.message).toMatch(/already has 4 webhooks, the most a key may have; delete one first\.$/);
  });

  it("pages through a webhook's deliveries, newest change first", async () => {
    const { webhook } = await created(keyPaged, { url: `${RECEIVER}/paged`, filter: { events: ["document.created"] } });
    // Five creations after the webhook (one update between, which the filter leaves out).
    const seqs: number[] = [];
    for (const id of [901, 902, 903, 904, 905]) {
      const row = await db.db.transaction((tx) => appendChange(tx, documentEntry("document.created", id)));
      seqs.push(row.seq);
      if (id === 902) await db.db.transaction((tx) => appendChange(tx, documentEntry("document.updated", id)));
    }
    await enqueueWebhookDeliveries({ db: db.db, municipalities: municipalityRegister(), logger: pino({ level: "silent" }), now: NOW });
    const rowId = Number(Buffer.from(webhook.id, "base64url").toString().split(":")[1]);
    type Page = { webhookDeliveries: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string }; nodes: Record<string, unknown>[] } };
    const page = async (after?: string) =>
      (
        await api.graphql<Page>(
          `query($id: ID!, $after: String) { webhookDeliveries(webhookId: $id, first: 2, after: $after) {
            totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
            nodes { messageId webhookId changeSeq changeCursor event status attempts nextAttemptAt attemptInProgress lastAttemptAt responseStatus lastError deliveredAt }
          } }`,
          { id: webhook.id, after },
          keyPaged,
        )
      ).body.data?.webhookDeliveries;
    const first = await page();
    expect(first?.totalCount).toBe(5);
    expect(first?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first?.nodes[0]).toEqual({
      messageId: `msg_${rowId}_${seqs[4]}`,
      webhookId: webhook.id,
      changeSeq: String(seqs[4]),
      changeCursor: Buffer.from(`change:${seqs[4]}`).toString("base64url"),
      event: "document.created",
      status: "PENDING",
      attempts: 0,
      nextAttemptAt: NOW.toISOString(),
      attemptInProgress: false,
      lastAttemptAt: null,
      responseStatus: null,
      lastError: null,
      deliveredAt: null,
    });
    const second = await page(first?.pageInfo.endCursor);
    const third = await page(second?.pageInfo.endCursor);
    const all = [first, second, third].flatMap((p) => p?.nodes.map((n) => n.changeSeq) ?? []);
    expect(all).toEqual([...seqs].reverse().map(String));
    expect(third?.pageInfo.hasNextPage).toBe(false);
    const forged = await api.graphql(`query($id: ID!) { webhookDeliveries(webhookId: $id, first: 2, after: "bm9wZQ") { totalCount } }`, { id: webhook.id }, keyPaged);
    expect(forged.body.errors?.[0]?.extensions?.code).toBe("INVALID_CURSOR");
  });

  it("a key's webhooks are never cached nor shared, even over GET", async () => {
    const get = (headers: Record<string, string>) => fetch(`${api.url}/graphql?query=${encodeURIComponent("{ webhooks { url } }")}`, { headers: { "apollo-require-preflight": "1", ...headers } });
    const a = await get(keyA);
    expect(a.headers.get("cache-control")).toBe("private, no-store");
    expect(a.headers.get("x-cache")).toBeNull();
    const b = await get(keyB);
    expect(b.headers.get("x-cache")).toBeNull();
    const urls = (await b.json()) as { data: { webhooks: { url: string }[] } };
    expect(urls.data.webhooks.map((w) => w.url)).not.toContain(RECEIVER);
    // A mutation over GET is refused before it runs (Apollo: 405, only POST may change anything).
    const mutation = await fetch(`${api.url}/graphql?query=${encodeURIComponent('mutation { deleteWebhook(id: "x") { deletedWebhookId } }')}`, { headers: { "apollo-require-preflight": "1", ...keyA } });
    expect(mutation.status).toBe(405);
    // A public query over GET is still cached.
    await fetch(`${api.url}/graphql?query=${encodeURIComponent("{ themes { code } }")}`, { headers: { "apollo-require-preflight": "1", ...keyA } });
    const themes = await fetch(`${api.url}/graphql?query=${encodeURIComponent("{ themes { code } }")}`, { headers: { "apollo-require-preflight": "1", ...keyA } });
    expect(themes.headers.get("cache-control")).toMatch(/^public, max-age=/);
  });
});
