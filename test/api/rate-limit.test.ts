import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ServingOverrides } from "../../api/serving-options.js";
import { createApiKey, findApiKeyByPrefix, revokeApiKey } from "../../db/queries/api-keys.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const CHEAP = "{ municipalities(first: 1) { totalCount } }";
/** 1 + 100 × (nodes + documents + 7 × totalCount) = 901, so 10 points. */
const TEN_POINTS = "{ municipalities(first: 100) { nodes { documents(first: 7) { totalCount } } } }";

describe(`rate limits and API keys (${testDriver})`, () => {
  let db: TestDb;
  const apis: TestApi[] = [];

  async function startApi(serving: ServingOverrides = {}): Promise<TestApi> {
    const api = await startTestApi(db, { serving: { ...serving, rateLimit: { anonymous: 5, standard: 20, partner: 50, windowSeconds: 60, ...serving.rateLimit } } });
    apis.push(api);
    return api;
  }
  const remaining = (response: { headers: Headers }) => Number(response.headers.get("ratelimit-remaining"));

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterEach(async () => {
    for (const api of apis.splice(0)) await api.close();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("sets the RateLimit headers on every /graphql response: success, error, refusal, GET", async () => {
    const api = await startApi();
    const ok = await api.graphql(CHEAP);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ratelimit-limit")).toBe("5");
    expect(ok.headers.get("ratelimit-remaining")).toBe("4");
    expect(Number(ok.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(59);
    expect(ok.headers.get("ratelimit-policy")).toBe("5;w=60");

    const invalid = await api.graphql("{ nothingHere }");
    expect(invalid.status).toBe(400);
    expect(remaining(invalid)).toBe(3);
    const csrf = await fetch(`${api.url}/graphql?query=${encodeURIComponent(CHEAP)}`);
    expect(csrf.status).toBe(400);
    expect(remaining(csrf)).toBe(2);
    const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent(CHEAP)}`, { headers: { "apollo-require-preflight": "1" } });
    expect(get.status).toBe(200);
    expect(remaining(get)).toBe(1);
    // A browser on another origin may read them.
    expect(get.headers.get("access-control-expose-headers")).toContain("RateLimit-Remaining");
  });

  it("answers 429 with Retry-After and a RATE_LIMITED error once the budget is spent, and serves again after the window", async () => {
    const api = await startApi({ rateLimit: { windowSeconds: 2 } });
    for (let i = 0; i < 5; i++) expect((await api.graphql(CHEAP)).status).toBe(200);
    const refused = await api.graphql(CHEAP);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(2);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(refused.body.errors).toEqual([
      { message: expect.stringMatching(/^Rate limit reached: callers without an API key \(per IP address\) may spend 5 points per 2 s.*an API key has a higher limit\.$/), extensions: { code: "RATE_LIMITED" } },
    ]);
    await new Promise((resolve) => setTimeout(resolve, Number(refused.headers.get("ratelimit-reset")) * 1000 + 100));
    const again = await api.graphql(CHEAP);
    expect(again.status).toBe(200);
    expect(again.headers.get("ratelimit-remaining")).toBe("4");
  });

  it("spends a query's cost in points: hundreds of cost, at least one", async () => {
    const { key } = await createApiKey(db.db, { name: "cost test", tier: "standard" });
    const api = await startApi();
    const auth = { authorization: `Bearer ${key}` };
    const first = await api.graphql(TEN_POINTS, undefined, auth);
    expect(first.status).toBe(200);
    expect(first.extensions?.cost).toEqual({ requested: 901, limit: 10_000, points: 10 });
    expect(first.headers.get("ratelimit-limit")).toBe("20");
    expect(remaining(first)).toBe(10);
    for (let i = 0; i < 5; i++) await api.graphql(CHEAP, undefined, auth);
    // 5 points left: the request pays its first point, then the query's other 9 are refused.
    const refused = await api.graphql(TEN_POINTS, undefined, auth);
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: "RATE_LIMITED" });
    expect(refused.body.errors?.[0]?.message).toMatch(/API keys of the standard tier may spend 20 points per 60 s, and this request needs 10\./);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect((await api.graphql(CHEAP, undefined, auth)).status).toBe(429);
  });

  it("counts keys apart from anonymous callers, by tier, with the key in Authorization or X-Api-Key", async () => {
    const standard = await createApiKey(db.db, { name: "standard", tier: "standard" });
    const partner = await createApiKey(db.db, { name: "partner", tier: "partner", contact: "data@example.org" });
    const api = await startApi();
    for (let i = 0; i < 5; i++) await api.graphql(CHEAP);
    expect((await api.graphql(CHEAP)).status).toBe(429);

    const byHeader = await api.graphql(CHEAP, undefined, { "x-api-key": standard.key });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get("ratelimit-limit")).toBe("20");
    const byBearer = await api.graphql(CHEAP, undefined, { authorization: `Bearer ${standard.key}` });
    expect(remaining(byBearer)).toBe(18);
    const partnerResponse = await api.graphql(CHEAP, undefined, { authorization: `bearer ${partner.key}` });
    expect(partnerResponse.headers.get("ratelimit-limit")).toBe("50");
    expect(remaining(partnerResponse)).toBe(49);
  });

  it("refuses an unknown, malformed or revoked key with 401 UNAUTHENTICATED instead of treating it as anonymous", async () => {
    const { key, row } = await createApiKey(db.db, { name: "to revoke", tier: "partner" });
    const api = await startApi({ rateLimit: { keyCacheTtlMs: 0 } });
    expect((await api.graphql(CHEAP, undefined, { authorization: `Bearer ${key}` })).status).toBe(200);

    const unknown = await api.graphql(CHEAP, undefined, { authorization: `Bearer ${key.slice(0, -2)}xx` });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(unknown.body).toEqual({ errors: [{ message: "Unknown API key. Check the key, or leave it out to use the anonymous tier.", extensions: { code: "UNAUTHENTICATED" } }] });
    const malformed = await api.graphql(CHEAP, undefined, { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` });
    expect(malformed.status).toBe(401);
    expect(malformed.body.errors?.[0]?.message).toBe("The Authorization header must read `Bearer <API key>`.");

    await revokeApiKey(db.db, row.prefix, new Date("2026-11-20T10:00:00Z"));
    const revoked = await api.graphql(CHEAP, undefined, { "x-api-key": key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors?.[0]).toEqual({ message: `API key ${row.prefix} was revoked on 2026-11-20.`, extensions: { code: "UNAUTHENTICATED" } });
  });

  it("remembers a key lookup for the cache time, so a revocation nobody announced takes effect within it", async () => {
    const { key, row } = await createApiKey(db.db, { name: "cached", tier: "standard" });
    const api = await startApi({ rateLimit: { keyCacheTtlMs: 60_000 } });
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": key })).status).toBe(200);
    // Revoked by hand in SQL, not through revokeApiKey (which notifies every process).
    await db.rows("update api_keys set revoked_at = now() where id = $1", [row.id]);
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": key })).status).toBe(200);
    const fresh = await startApi({ rateLimit: { keyCacheTtlMs: 60_000 } });
    expect((await fresh.graphql(CHEAP, undefined, { "x-api-key": key })).status).toBe(401);
  });

  it("records when a key was last used", async () => {
    const { key, row } = await createApiKey(db.db, { name: "used", tier: "standard" });
    expect(row.lastUsedAt).toBeNull();
    const api = await startApi();
    await api.graphql(CHEAP, undefined, { "x-api-key": key });
    await expect.poll(async () => (await findApiKeyByPrefix(db.db, row.prefix))?.lastUsedAt, { timeout: 2_000 }).toBeInstanceOf(Date);
  });

  it("counts anonymous callers by the address the proxy reports only when told to trust the proxy", async () => {
    const direct = await startApi();
    for (let i = 0; i < 5; i++) await direct.graphql(CHEAP, undefined, { "x-forwarded-for": `203.0.113.${i}` });
    expect((await direct.graphql(CHEAP, undefined, { "x-forwarded-for": "203.0.113.99" })).status).toBe(429);

    const proxied = await startApi({ trustProxy: "loopback" });
    for (let i = 0; i < 5; i++) await proxied.graphql(CHEAP, undefined, { "x-forwarded-for": "203.0.113.1" });
    expect((await proxied.graphql(CHEAP, undefined, { "x-forwarded-for": "203.0.113.1" })).status).toBe(429);
    const other = await proxied.graphql(CHEAP, undefined, { "x-forwarded-for": "203.0.113.2" });
    expect(other.status).toBe(200);
    expect(remaining(other)).toBe(4);
  });
});
