import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentEntry } from "../helpers/change-entries.js";
import type { ServingOverrides } from "../../api/serving-options.js";
import type { DbHandle } from "../../db/client.js";
import { municipalities } from "../../db/tables/reference.js";
import { buildChange } from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const COUNT = "{ municipalities(first: 1, includeMerged: true) { totalCount nodes { name } } }";
const PREFLIGHT = { "apollo-require-preflight": "1" };

describe(`HTTP caching of GET queries (${testDriver})`, () => {
  let db: TestDb;
  let statements = 0;
  const apis: TestApi[] = [];

  async function startApi(responseCache: ServingOverrides["responseCache"] = {}): Promise<TestApi> {
    const counted: DbHandle = { ...db, rows: (query, params) => (statements++, db.rows(query, params)) };
    const api = await startTestApi(counted, { serving: { responseCache, rateLimit: { anonymous: 10_000 } } });
    apis.push(api);
    return api;
  }
  const get = (api: TestApi, query: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { ...PREFLIGHT, ...headers } });

  beforeAll(async () => {
    db = await createTestDb({ onQuery: () => statements++ });
  });
  afterEach(async () => {
    for (const api of apis.splice(0)) await api.close();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("gives a successful GET an ETag and Cache-Control: public, serves it again from memory without SQL, and still charges it", async () => {
    const api = await startApi({ versionCheckIntervalMs: 60_000 });
    const miss = await get(api, COUNT);
    expect(miss.status).toBe(200);
    expect(miss.headers.get("cache-control")).toBe("public, max-age=60");
    expect(miss.headers.get("etag")).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    expect(miss.headers.get("vary")).toBe("Accept");
    expect(miss.headers.get("x-cache")).toBe("MISS");
    const missBody = await miss.text();

    statements = 0;
    const hit = await get(api, COUNT);
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(await hit.text()).toBe(missBody);
    expect(hit.headers.get("etag")).toBe(miss.headers.get("etag"));
    expect(statements).toBe(0);
    expect(Number(hit.headers.get("ratelimit-remaining"))).toBe(Number(miss.headers.get("ratelimit-remaining")) - 1);

    // Other variables, another operation name, another media type: their own entries or types.
    const other = await get(api, "{ municipalities(first: 2, includeMerged: true) { totalCount nodes { name } } }");
    expect(other.headers.get("x-cache")).toBe("MISS");
    const graphqlResponse = await get(api, COUNT, { accept: "application/graphql-response+json" });
    expect(graphqlResponse.headers.get("content-type")).toBe("application/graphql-response+json; charset=utf-8");
    expect(await graphqlResponse.text()).toBe(missBody);
  });

  it("answers If-None-Match with 304 and no body, also when the client adds Cache-Control: no-cache (as fetch does)", async () => {
    const api = await startApi();
    const first = await get(api, COUNT);
    const etag = first.headers.get("etag") as string;

    const viaFetch = await get(api, COUNT, { "if-none-match": etag });
    expect(viaFetch.status).toBe(304);
    expect(await viaFetch.text()).toBe("");
    expect(viaFetch.headers.get("etag")).toBe(etag);
    expect(viaFetch.headers.get("cache-control")).toBe("public, max-age=60");

    const plain = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const url = new URL(`${api.url}/graphql?query=${encodeURIComponent(COUNT)}`);
      const req = request(url, { headers: { ...PREFLIGHT, "if-none-match": `"something-else", ${etag}` } }, (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(plain).toEqual({ status: 304, body: "" });

    const changed = await get(api, COUNT, { "if-none-match": 'W/"not-this-one"' });
    expect(changed.status).toBe(200);
  });

  it("marks POSTs and errors no-store and keeps them out of the cache", async () => {
    const api = await startApi();
    const post = await api.graphql(COUNT);
    expect(post.status).toBe(200);
    expect(post.headers.get("cache-control")).toBe("no-store");
    expect(post.headers.get("x-cache")).toBeNull();

    const invalid = await get(api, "{ municipalities(first: 1) { nope } }");
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("cache-control")).toBe("no-store");
    for (let i = 0; i < 2; i++) {
      const failing = await get(api, "{ municipalities(first: 101) { totalCount } }");
      expect(((await failing.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
      expect(failing.headers.get("cache-control")).toBe("no-store");
      expect(failing.headers.get("x-cache")).toBeNull();
    }
  });

  it("drops cached responses once the change log moves on (checked at most once per interval)", async () => {
    const api = await startApi({ versionCheckIntervalMs: 300 });
    const before = (await (await get(api, COUNT)).json()) as { data: { municipalities: { totalCount: number } } };
    expect((await get(api, COUNT)).headers.get("x-cache")).toBe("HIT");

    await db.db.insert(municipalities).values({ nis: "99999", name: "Proefgemeente", provinceCode: "VOV", validFrom: "2026-01-01" });
    // Reference data has no event of its own; any change row moves the log's latest seq.
    await buildChange(db.db, async () => documentEntry("document.updated", 0));
    await new Promise((resolve) => setTimeout(resolve, 350));

    statements = 0;
    const after = await get(api, COUNT);
    expect(after.headers.get("x-cache")).toBe("MISS");
    expect(statements).toBeGreaterThan(0);
    expect(((await after.json()) as typeof before).data.municipalities.totalCount).toBe(before.data.municipalities.totalCount + 1);
    // Several hits within the interval read the change log once at most.
    statements = 0;
    for (let i = 0; i < 5; i++) expect((await get(api, COUNT)).headers.get("x-cache")).toBe("HIT");
    expect(statements).toBeLessThanOrEqual(1);
  });

  it("drops everything at once when a writer in the same process says so", async () => {
    const api = await startApi({ versionCheckIntervalMs: 60_000 });
    await get(api, COUNT);
    expect((await get(api, COUNT)).headers.get("x-cache")).toBe("HIT");
    api.server.invalidateResponseCache();
    expect((await get(api, COUNT)).headers.get("x-cache")).toBe("MISS");
  });

  it("keeps within its memory bound, least recently used out first", async () => {
    const api = await startApi({ maxBytes: 2_000, versionCheckIntervalMs: 60_000 });
    // Each answer is about 300 bytes: the bound holds five or six.
    const query = (n: number) => `{ municipalities(first: ${n}) { nodes { nis name } } }`;
    await get(api, query(1));
    for (let n = 2; n <= 10; n++) await get(api, query(n));
    expect((await get(api, query(10))).headers.get("x-cache")).toBe("HIT");
    expect((await get(api, query(1))).headers.get("x-cache")).toBe("MISS");
  });

  it("can be turned off", async () => {
    const api = await startApi({ maxBytes: 0 });
    await get(api, COUNT);
    const again = await get(api, COUNT);
    expect(again.headers.get("x-cache")).toBeNull();
    expect(again.headers.get("etag")).toMatch(/^W\//);
    expect(again.headers.get("cache-control")).toBe("public, max-age=60");
  });
});
