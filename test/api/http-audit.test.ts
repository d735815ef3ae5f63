import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/**
 * Where Vangnet knowingly departs from a SHOULD or a MAY of the GraphQL-over-HTTP spec; the
 * README ("GraphQL over HTTP") gives the reasons. Any other departure fails this test.
 */
const EXPECTED_WARNINGS = [
  "572B SHOULD use 200 status code on document parsing failure when accepting application/json",
  "FDE2 SHOULD use 200 status code on document validation failure when accepting application/json",
  "7B9B SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
];
const EXPECTED_NOTICES = [
  "5A70 MAY accept application/x-www-form-urlencoded formatted GET requests",
  "D6D5 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json",
  "6A70 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json",
];

describe(`GraphQL over HTTP compliance: graphql-http's server audits (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDb();
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it("passes every MUST, and departs only where the README says why", async () => {
    const results = [];
    for (const audit of serverAudits({ url: `${api.url}/graphql` })) {
      const result = await audit.fn();
      results.push({ audit: `${audit.id} ${audit.name}`, status: result.status, reason: result.status === "ok" ? "" : result.reason });
    }
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.status === "error")).toEqual([]);
    expect(results.filter((r) => r.status === "warn").map((r) => r.audit)).toEqual(EXPECTED_WARNINGS);
    expect(results.filter((r) => r.status === "notice").map((r) => r.audit)).toEqual(EXPECTED_NOTICES);
  });

  it("refuses the GETs those notices are about only for want of a CSRF header: with one they work", async () => {
    const query = encodeURIComponent("query($first: Int!) { municipalities(first: $first) { totalCount } }");
    const variables = encodeURIComponent(JSON.stringify({ first: 1 }));
    const bare = await fetch(`${api.url}/graphql?query=${query}&variables=${variables}`, { headers: { accept: "application/graphql-response+json" } });
    expect(bare.status).toBe(400);
    expect(await bare.text()).toMatch(/Cross-Site Request Forgery/);
    const preflights: Record<string, string>[] = [{ "apollo-require-preflight": "true" }, { "x-apollo-operation-name": "Count" }, { "content-type": "application/json" }];
    for (const header of preflights) {
      const preflighted = await fetch(`${api.url}/graphql?query=${query}&variables=${variables}`, { headers: { accept: "application/graphql-response+json", ...header } });
      expect(preflighted.status).toBe(200);
      expect(preflighted.headers.get("content-type")).toBe("application/graphql-response+json; charset=utf-8");
    }
  });

  it("keeps CSRF prevention on for simple POSTs too", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": contentType }, body: '{"query":"{ __typename }"}' });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    }
  });
});
