import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const NUL = "\u0000";

interface HostileCase {
  name: string;
  body: { query?: string; variables?: Record<string, unknown>; operationName?: string; extensions?: Record<string, unknown> };
  /** HTTP status: 400 for requests refused before execution, 200 for an argument a resolver refuses (a field error). */
  status: number;
  code: string;
  /** The argument `extensions.argument` names, when the error is about one. */
  argument?: string;
  message?: RegExp;
}

const search = (value: string): HostileCase["body"] => ({ query: "query($s: String) { documents(first: 1, filter: { search: $s }) { totalCount } }", variables: { s: value } });
const node = (key: string): HostileCase["body"] => ({ query: "query($id: ID!) { node(id: $id) { id } }", variables: { id: b64(key) } });
const documentsAfter = (key: string, filter = ""): HostileCase["body"] => ({
  query: `query($after: String) { documents(first: 1, after: $after${filter}) { totalCount } }`,
  variables: { after: b64(key) },
});
const after = (field: string, key: string): HostileCase["body"] => ({ query: `query($after: String) { ${field}(first: 1, after: $after) { totalCount } }`, variables: { after: b64(key) } });

/**
 * Input that used to reach PostgreSQL or a parser unchecked and come back as
 * INTERNAL_SERVER_ERROR. Each must be refused with its own code, without any SQL statement.
 */
const hostile: HostileCase[] = [
  // Characters PostgreSQL cannot store or compare: refused before execution, naming the argument.
  { name: "NUL in filter.search (variable)", body: search(`huur${NUL}subsidie`), status: 400, code: "BAD_USER_INPUT", argument: "filter.search", message: /U\+0000/ },
  { name: "NUL in filter.search (literal)", body: { query: '{ documents(first: 1, filter: { search: "huur\\u0000" }) { totalCount } }' }, status: 400, code: "BAD_USER_INPUT", argument: "filter.search" },
  { name: "NUL in a variable's default value", body: { query: 'query($s: String = "a\\u0000b") { documents(first: 1, filter: { search: $s }) { totalCount } }' }, status: 400, code: "BAD_USER_INPUT", argument: "filter.search" },
  { name: "NUL in a whole filter given as a variable", body: { query: "query($f: DocumentFilter) { documents(first: 1, filter: $f) { totalCount } }", variables: { f: { search: NUL } } }, status: 400, code: "BAD_USER_INPUT", argument: "filter.search" },
  { name: "a lone high surrogate in filter.search", body: search("huur\ud800"), status: 400, code: "BAD_USER_INPUT", argument: "filter.search", message: /U\+D800/ },
  { name: "a lone low surrogate in filter.search", body: search("\udc00huur"), status: 400, code: "BAD_USER_INPUT", argument: "filter.search", message: /U\+DC00/ },
  { name: "NUL in document(uri:)", body: { query: "query($uri: String!) { document(uri: $uri) { id } }", variables: { uri: `https://example.org/${NUL}` } }, status: 400, code: "BAD_USER_INPUT", argument: "uri" },
  { name: "NUL in exchanges(programme:)", body: { query: "query($p: String) { exchanges(first: 1, programme: $p) { totalCount } }", variables: { p: NUL } }, status: 400, code: "BAD_USER_INPUT", argument: "programme" },
  { name: "NUL in changes(filter.events)", body: { query: "query($e: [String!]) { changes(first: 1, filter: { events: $e }) { totalCount } }", variables: { e: ["document.created", `document.created${NUL}`] } }, status: 400, code: "BAD_USER_INPUT", argument: "filter.events" },
  { name: "NUL in changes(filter.entityTypes)", body: { query: '{ changes(first: 1, filter: { entityTypes: ["document\\u0000"] }) { totalCount } }' }, status: 400, code: "BAD_USER_INPUT", argument: "filter.entityTypes" },
  { name: "NUL in municipality(nis:)", body: { query: "query($nis: ID!) { municipality(nis: $nis) { name } }", variables: { nis: `4408${NUL}` } }, status: 400, code: "BAD_USER_INPUT", argument: "nis" },
  { name: "NUL in node(id:)", body: { query: "query($id: ID!) { node(id: $id) { id } }", variables: { id: NUL } }, status: 400, code: "BAD_USER_INPUT", argument: "id" },
  // GraphQL's grammar allows any Unicode scalar value in a string, NUL included.
  { name: "a raw NUL inside a string of the query text", body: { query: `{ municipality(nis: "4408${NUL}6") { name } }` }, status: 400, code: "BAD_USER_INPUT", argument: "nis" },
  // A lone surrogate cannot even be written as a GraphQL string: the lexer refuses it.
  { name: "a lone surrogate escape in a string literal", body: { query: '{ documents(first: 1, filter: { search: "\\uD800" }) { totalCount } }' }, status: 400, code: "GRAPHQL_PARSE_FAILED" },
  { name: "NUL in a cursor (after:)", body: { query: "query($a: String) { municipalities(first: 1, after: $a) { totalCount } }", variables: { a: NUL } }, status: 400, code: "BAD_USER_INPUT", argument: "after" },

  // Global ids whose key no row can have: beyond bigint, beyond what the API can serve, negative, or with NUL inside.
  { name: "a document id beyond bigint", body: node("Document:99999999999999999999"), status: 200, code: "BAD_USER_INPUT", argument: "id" },
  { name: "a measure id of 2^63", body: node("Measure:9223372036854775808"), status: 200, code: "BAD_USER_INPUT", argument: "id" },
  { name: "a session id beyond 2^53", body: node("Session:9007199254740993"), status: 200, code: "BAD_USER_INPUT", argument: "id" },
  { name: "a negative vote id", body: node("Vote:-1"), status: 200, code: "BAD_USER_INPUT", argument: "id" },
  { name: "a source id with NUL inside the base64", body: node(`Source:news:${NUL}`), status: 200, code: "BAD_USER_INPUT", argument: "id" },

  // Cursors that decode but carry numbers or dates the database would refuse.
  { name: "a document cursor with an id beyond bigint", body: documentsAfter("document.published_desc:p2026-01-01T00:00:00.000Z|99999999999999999999"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a document cursor on 30 February", body: documentsAfter("document.published_desc:p2026-02-30T00:00:00.000Z|1"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a document cursor at 25:99", body: documentsAfter("document.published_asc:p2026-01-01T25:99:00.000Z|1", ", orderBy: PUBLISHED_ASC"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a document cursor in year 99999", body: documentsAfter("document.published_desc:p99999-01-01T00:00:00.000Z|1"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a relevance cursor with an infinite rank", body: documentsAfter("document.relevance:r1e999|1", ', filter: { search: "huur" }'), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a relevance cursor with a rank that is no number", body: documentsAfter("document.relevance:r--|1", ', filter: { search: "huur" }'), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a measure cursor on 30 February", body: after("measures", "measure:2026-02-30|1"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a measure cursor in year 0", body: after("measures", "measure:0000-01-01|1"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a measure cursor with an id beyond bigint", body: after("measures", "measure:2026-01-01|99999999999999999999"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "an exchange cursor beyond bigint", body: after("exchanges", "exchange:99999999999999999999"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a change cursor beyond bigint", body: after("changes", "change:99999999999999999999"), status: 200, code: "INVALID_CURSOR", argument: "after" },
  { name: "a source cursor with NUL inside the base64", body: after("sources", `source:news:${NUL}`), status: 200, code: "INVALID_CURSOR", argument: "after" },

  // Dates PostgreSQL has no day for: there is no year 0.
  { name: "year 0 in a Date literal", body: { query: '{ documents(first: 1, filter: { from: "0000-01-01" }) { totalCount } }' }, status: 400, code: "GRAPHQL_VALIDATION_FAILED", message: /0001-01-01/ },
  { name: "year 0 in a Date variable", body: { query: "query($d: Date) { measureStats(groupBy: [], filter: { to: $d }) { count } }", variables: { d: "0000-02-29" } }, status: 400, code: "BAD_USER_INPUT", message: /0001-01-01/ },

  // Filter values that would silently match nothing.
  { name: "an unknown change event", body: { query: '{ changes(first: 1, filter: { events: ["measure.updated"] }) { totalCount } }' }, status: 200, code: "BAD_USER_INPUT", argument: "filter.events", message: /"measure\.updated".*document\.created.*measure\.changed.*measure\.deleted/ },
  { name: "an unknown change entity type", body: { query: '{ changes(first: 1, filter: { entityTypes: ["measures"] }) { totalCount } }' }, status: 200, code: "BAD_USER_INPUT", argument: "filter.entityTypes", message: /"measures".*agenda_item.*document.*measure.*session/ },

  // Operations the schema has no root type for: the spec's validation error (Operation Type Existence).
  // The schema has mutations (webhooks) since issue 13: an unknown one is a validation error, and nothing runs.
  { name: "an unknown mutation", body: { query: "mutation { createDocument }" }, status: 400, code: "GRAPHQL_VALIDATION_FAILED", message: /^Cannot query field "createDocument" on type "Mutation"\.$/ },
  { name: "a subscription over HTTP", body: { query: "subscription { changes { cursor } }" }, status: 400, code: "GRAPHQL_VALIDATION_FAILED", message: /^Subscriptions are served over WebSocket at \/graphql/ },
  { name: "a mutation beside a query, selected by name", body: { query: "query Q { __typename } mutation M { x }", operationName: "Q" }, status: 400, code: "GRAPHQL_VALIDATION_FAILED" },

  // Automatic persisted queries: the protocol's own answers.
  { name: "a persisted query whose hash does not match", body: { query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: sha256("{ somethingElse }") } } }, status: 400, code: "BAD_REQUEST", message: /sha does not match/ },
  { name: "a persisted query of version 2", body: { query: "{ __typename }", extensions: { persistedQuery: { version: 2, sha256Hash: sha256("{ __typename }") } } }, status: 400, code: "BAD_REQUEST", message: /Unsupported persisted query version/ },
  { name: "a persisted query that is no object", body: { query: "{ __typename }", extensions: { persistedQuery: "yes" } }, status: 400, code: "BAD_REQUEST" },
  { name: "an unknown persisted query hash (the client then sends the query)", body: { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }, status: 200, code: "PERSISTED_QUERY_NOT_FOUND" },
];

describe(`hostile input, refused with its own code and no SQL (${testDriver})`, () => {
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
    const response = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  }

  it("counts the SQL a query sends (so that zero below means something)", async () => {
    statements = 0;
    const { status } = await post({ query: "{ measures(first: 1) { totalCount } }" });
    expect(status).toBe(200);
    expect(statements).toBeGreaterThan(0);
  });

  it.each(hostile)("refuses $name with $status $code", async ({ body, status, code, argument, message }) => {
    statements = 0;
    const response = await post(body);
    expect({ status: response.status, codes: response.body.errors?.map((e) => e.extensions?.code) }).toEqual({ status, codes: [code] });
    const error = response.body.errors?.[0];
    if (argument) expect(error?.extensions?.argument).toBe(argument);
    if (message) expect(error?.message).toMatch(message);
    expect(statements).toBe(0);
    // And the server goes on serving.
    const next = await post({ query: "{ municipality(nis: \"44086\") { name } }" });
    expect(next).toEqual({ status: 200, body: { data: { municipality: { name: "Nazareth-De Pinte" } }, extensions: expect.anything() } });
  });

  it("refuses NUL in a GET query's variables the same way", async () => {
    statements = 0;
    const query = encodeURIComponent("query($uri: String!) { document(uri: $uri) { id } }");
    const variables = encodeURIComponent(JSON.stringify({ uri: NUL }));
    const response = await fetch(`${api.url}/graphql?query=${query}&variables=${variables}`, { headers: { "apollo-require-preflight": "1" } });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string; argument: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", argument: "uri" });
    expect(body.errors[0]?.message).toBe('Argument "uri" (variable $uri): contains U+0000 (NUL) at position 1, which PostgreSQL cannot store or compare; remove it.');
    expect(statements).toBe(0);
  });

  it("still serves the cursors, ids and persisted queries it hands out", async () => {
    const first = await post({ query: "{ documents(first: 1) { pageInfo { endCursor } } measures(first: 1) { pageInfo { endCursor } } municipalities(first: 1) { pageInfo { endCursor } nodes { id } } }" });
    const data = first.body.data as { municipalities: { pageInfo: { endCursor: string }; nodes: { id: string }[] } };
    expect(first.status).toBe(200);
    const next = await post({ query: "query($a: String, $id: ID!) { municipalities(first: 1, after: $a) { totalCount } node(id: $id) { id } }", variables: { a: data.municipalities.pageInfo.endCursor, id: data.municipalities.nodes[0]?.id } });
    expect(next.body.errors).toBeUndefined();
    // A character outside the BMP is a surrogate pair, which is well-formed text.
    const emoji = await post(search("huursubsidie 😀"));
    expect(emoji).toMatchObject({ status: 200, body: { data: { documents: { totalCount: 0 } } } });
    const query = "{ municipality(nis: \"44086\") { nis } }";
    const registered = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
    expect(registered.body.data).toEqual({ municipality: { nis: "44086" } });
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
    expect(byHash.body.data).toEqual({ municipality: { nis: "44086" } });
  });
});
