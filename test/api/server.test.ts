import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

describe(`HTTP server (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDb();
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });

  it("is alive at once (/healthz 200 \"starting\"), not ready (/readyz and /graphql 503) until the database is, then ready", async () => {
    const starting = await fetch(`${api.url}/healthz`);
    expect(starting.status).toBe(200);
    expect(await starting.json()).toMatchObject({ status: "starting", database: "not ready" });
    const notReady = await fetch(`${api.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, reason: "the database is opening or being migrated" });
    const early = await api.graphql('{ municipality(nis: "44021") { name } }');
    expect(early.status).toBe(503);
    expect(early.body.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");

    api.server.setDatabase(db);
    const readyz = await fetch(`${api.url}/readyz`);
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toEqual({ ready: true, database: testDriver });
    const ready = await fetch(`${api.url}/healthz`);
    expect(ready.status).toBe(200);
    // A server that knows of no first harvest (the demo, these tests) says so.
    expect(await ready.json()).toEqual({
      status: "ok",
      database: testDriver,
      harvest: { state: "off", sourcesDone: 0, sourcesTotal: 0, startedAt: null, finishedAt: null },
    });
    const query = await api.graphql('{ municipality(nis: "44021") { name } }');
    expect(query.body).toEqual({ data: { municipality: { name: "Gent" } } });
  });

  it("lets any origin call /graphql and read its rate-limit and cache headers, preflight included", async () => {
    api.server.setDatabase(db);
    const preflight = await fetch(`${api.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "https://nieuws.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
    const answer = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { origin: "https://nieuws.example", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-expose-headers")).toBe("RateLimit-Limit,RateLimit-Remaining,RateLimit-Reset,RateLimit-Policy,Retry-After,ETag,X-Cache");
    expect(answer.headers.get("ratelimit-remaining")).not.toBeNull();
  });

  it("serves cacheable GET queries and blocks simple cross-site requests (CSRF prevention)", async () => {
    api.server.setDatabase(db);
    const query = encodeURIComponent('{ municipality(nis: "24062") { name } }');
    const preflighted = await fetch(`${api.url}/graphql?query=${query}`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toMatchObject({ data: { municipality: { name: "Leuven" } } });

    const simple = await fetch(`${api.url}/graphql?query=${query}`);
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/);
  });

  it("documents every type, field and argument of the schema", async () => {
    api.server.setDatabase(db);
    const { body } = await api.graphql<{
      __schema: {
        types: {
          name: string;
          description: string | null;
          fields:
            | { name: string; description: string | null; args: { name: string; description: string | null }[] }[]
            | null;
        }[];
      };
    }>(`{ __schema { types { name description fields { name description args { name description } } } } }`);
    const undocumented: string[] = [];
    for (const type of body.data?.__schema.types ?? []) {
      if (type.name.startsWith("__") || ["String", "Int", "Boolean", "ID", "Float"].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      for (const field of type.fields ?? []) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of field.args)
          if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("answers JSON 404 for a route it does not have, while the landing page's own files are served", async () => {
    for (const path of ["/nope", "/assets/missing.js", "/feeds/changes.rss"]) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(await response.json(), path).toEqual({
        error: "not_found",
        message: `no route GET ${path}; GraphQL is at /graphql, health at /healthz, the feeds at /feeds/changes.atom and /feeds/changes.json, bulk files at /bulk/, the landing page at /`,
      });
    }
    expect((await fetch(`${api.url}/`)).status).toBe(200);
  });
});
