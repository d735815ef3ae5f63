import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SERVING_OPTIONS } from "../../api/serving-options.js";
import type { DbHandle } from "../../db/client.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const limits = DEFAULT_SERVING_OPTIONS.limits;
const repeat = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(" ");

/** A valid query nested `levels` × 2 deep that costs little: coverage lists have no `first`. */
const deepQuery = (levels: number) => `{ municipality(nis: "44021") { ${"coverage { municipality { ".repeat(levels)}name${" } }".repeat(levels)} } }`;
const wideSelection = `nodes { id nis name province provinceCode validFrom validTo successor { nis name } predecessors { nis name } sources { __typename } coverage { __typename } }
  edges { cursor node { id nis name province provinceCode validFrom validTo } } totalCount pageInfo { hasNextPage endCursor }`;
const manyDirectives = `{ municipalities(first: 1) { nodes {
  ${["id", "nis", "name", "province", "provinceCode", "validFrom", "validTo"].map((f) => `${f} @include(if: true) @skip(if: false)`).join(" ")}
  successor @include(if: true) @skip(if: false) { nis @include(if: true) @skip(if: false) name @include(if: true) @skip(if: false) }
  predecessors @include(if: true) @skip(if: false) { nis @include(if: true) @skip(if: false) name @include(if: true) @skip(if: false) }
} } }`;

interface HostileCase {
  name: string;
  body: unknown;
  status: number;
  code: string;
}

/** Hostile requests: each must be refused with its code before any SQL statement is sent. */
const hostile: HostileCase[] = [
  { name: "deep nesting", body: { query: deepQuery(15) }, status: 400, code: "QUERY_TOO_DEEP" },
  { name: "a wide query (four aliased pages of 100 with every field)", body: { query: `{ ${repeat(4, (i) => `m${i}: municipalities(first: 100, includeMerged: ${i % 2 === 0}) { ${wideSelection} }`)} }` }, status: 400, code: "QUERY_TOO_COMPLEX" },
  { name: "nested pages of 100", body: { query: "{ municipalities(first: 100) { nodes { documents(first: 100) { nodes { title measures { action } } } } } }" }, status: 400, code: "QUERY_TOO_COMPLEX" },
  { name: "a huge `first`", body: { query: "{ municipalities(first: 1000000) { nodes { name } } }" }, status: 400, code: "QUERY_TOO_COMPLEX" },
  { name: "a huge `first` in a variable", body: { query: "query($n: Int!) { municipalities(first: $n) { nodes { name } } }", variables: { n: 10_000_000 } }, status: 400, code: "QUERY_TOO_COMPLEX" },
  { name: "an unset `first` variable counted as 100, nested", body: { query: "query($n: Int!) { municipalities(first: 100) { nodes { documents(first: $n) { nodes { title } } } } }" }, status: 400, code: "QUERY_TOO_COMPLEX" },
  { name: "fragments that fan out exponentially", body: { query: `query { ...F0 } ${repeat(40, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`)} fragment F40 on Query { municipalities(first: 1) { nodes { name } } }` }, status: 400, code: "QUERY_TOO_COMPLEX" },
  { name: "40 aliases", body: { query: `{ ${repeat(40, (i) => `m${i}: municipality(nis: "44021") { name }`)} }` }, status: 400, code: "TOO_MANY_ALIASES" },
  { name: "thousands of aliases", body: { query: `{ ${repeat(3000, (i) => `a${i}: __typename`)} }` }, status: 400, code: "TOO_MANY_TOKENS" },
  { name: "a huge number of tokens", body: { query: `{ municipalities(first: 1) { nodes { ${repeat(5000, () => "name")} } } }` }, status: 400, code: "TOO_MANY_TOKENS" },
  { name: "a document of many operations", body: { query: repeat(600, (i) => `query Q${i} { municipalities(first: 1) { totalCount } }`), operationName: "Q0" }, status: 400, code: "TOO_MANY_TOKENS" },
  { name: "directive abuse", body: { query: manyDirectives }, status: 400, code: "TOO_MANY_DIRECTIVES" },
  { name: "circular fragments", body: { query: "query { ...A } fragment A on Query { municipalities(first: 1) { nodes { name } } ...B } fragment B on Query { ...A }" }, status: 400, code: "GRAPHQL_VALIDATION_FAILED" },
  { name: "an introspection bomb", body: { query: `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }` }, status: 400, code: "GRAPHQL_VALIDATION_FAILED" },
  { name: "a batch (JSON array)", body: [{ query: "{ municipalities(first: 1) { totalCount } }" }, { query: "{ municipalities(first: 2) { totalCount } }" }], status: 400, code: "BATCHING_NOT_SUPPORTED" },
  { name: "a body over 256 kB", body: { query: `{ municipalities(first: 1) { totalCount } } # ${"x".repeat(300_000)}` }, status: 413, code: "PAYLOAD_TOO_LARGE" },
  { name: "malformed JSON", body: '{"query": "{ municipalities(first: 1) { totalCount } }"', status: 400, code: "BAD_REQUEST" },
];

describe(`query limits, before any SQL (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let statements = 0;

  beforeAll(async () => {
    db = await createTestDb({ onQuery: () => statements++ });
    const counted: DbHandle = { ...db, rows: (query, params) => (statements++, db.rows(query, params)) };
    api = await startTestApi(counted);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  async function post(body: unknown) {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { response, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: { cost?: { requested: number; limit: number; points: number } } } };
  }

  it("counts the SQL a query sends (so that zero below means something)", async () => {
    statements = 0;
    const { response, body } = await post({ query: "{ municipalities(first: 2) { totalCount nodes { name } } }" });
    expect(response.status).toBe(200);
    expect(statements).toBeGreaterThan(0);
    expect(body.extensions?.cost).toEqual({ requested: 1 + 2 * 3, limit: limits.maxCost, points: 1 });
  });

  it.each(hostile)("refuses $name with $code and no SQL", async ({ body, status, code }) => {
    statements = 0;
    const started = performance.now();
    const { response, body: result } = await post(body);
    expect(response.status).toBe(status);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.extensions?.code)).toContain(code);
    expect(statements).toBe(0);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
  });

  it("refuses a hostile GET the same way, without asking the change log (no SQL)", async () => {
    statements = 0;
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent(deepQuery(15))}`, { headers: { "apollo-require-preflight": "1" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("QUERY_TOO_DEEP");
    expect(statements).toBe(0);
  });

  it("explains a rejection with the numbers", async () => {
    const deep = await post({ query: deepQuery(15) });
    expect(deep.body.errors?.[0]).toMatchObject({ message: `Query is nested 32 levels deep; the limit is ${limits.maxDepth}. Ask for fewer nested levels or split the query.`, extensions: { code: "QUERY_TOO_DEEP", limit: limits.maxDepth, found: 32 } });
    const huge = await post({ query: "{ municipalities(first: 1000000) { nodes { name } } }" });
    expect(huge.body.errors?.[0]?.message).toMatch(/^Query cost 2000001 is over the limit of 10000\. .*`first`/);
    expect(huge.body.errors?.[0]?.extensions).toEqual({ code: "QUERY_TOO_COMPLEX", cost: { requested: 2_000_001, limit: limits.maxCost, points: 20_001 } });
    expect(huge.body.extensions?.cost?.requested).toBe(2_000_001);
    const tokens = await post({ query: `{ ${repeat(3000, () => "__typename")} }` });
    expect(tokens.body.errors).toEqual([{ message: `Query has more than ${limits.maxTokens} tokens (names, punctuation and values); the limit is ${limits.maxTokens}. Send a smaller query.`, extensions: { code: "TOO_MANY_TOKENS", limit: limits.maxTokens } }]);
  });

  it("lets a query at the limits through", async () => {
    const atDepth = await post({ query: deepQuery(5) }); // 12 levels
    expect(atDepth.response.status).toBe(200);
    const aliases = await post({ query: `{ ${repeat(limits.maxAliases, (i) => `m${i}: municipality(nis: "44021") { name }`)} }` });
    expect(aliases.response.status).toBe(200);
    // 1 + 100 × (1 + 1 + 97 × 1) = 9901: just under 10 000.
    const costly = await post({ query: `{ municipalities(first: 100) { nodes { documents(first: 97) { totalCount } } } }` });
    expect(costly.body.extensions?.cost).toEqual({ requested: 1 + 100 * (1 + 1 + 97), limit: limits.maxCost, points: 100 });
    expect(costly.response.status).toBe(200);
  });

  it("keeps introspection working: GraphiQL's full introspection query passes every limit", async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
    const { response, body } = await post({ query });
    expect(body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(body.extensions?.cost?.requested).toBeLessThan(limits.maxCost / 10);
  });

  it("runs every example query of the landing page within the limits", async () => {
    const sandbox: { window: { VANGNET_EXAMPLES?: { id: string; query: string; variables: Record<string, unknown> }[] } } = { window: {} };
    runInNewContext(readFileSync(join(import.meta.dirname, "../../api/web/public/examples.js"), "utf8"), sandbox);
    expect(sandbox.window.VANGNET_EXAMPLES?.length).toBeGreaterThan(0);
    for (const example of sandbox.window.VANGNET_EXAMPLES ?? []) {
      const { response, body } = await post({ query: example.query, variables: example.variables });
      expect({ id: example.id, status: response.status, errors: body.errors }).toEqual({ id: example.id, status: 200, errors: undefined });
    }
  });
});
