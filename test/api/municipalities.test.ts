import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

interface Page {
  municipalities: {
    totalCount: number;
    nodes: { nis: string; name: string }[];
    edges: { cursor: string; node: { nis: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const pageQuery = `
  query Page($first: Int!, $after: String, $province: String, $includeMerged: Boolean) {
    municipalities(first: $first, after: $after, province: $province, includeMerged: $includeMerged) {
      totalCount
      nodes { nis name }
      edges { cursor node { nis } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

describe(`municipalities over HTTP (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDb();
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });

  async function readAll(variables: Record<string, unknown>) {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body } = await api.graphql<Page>(pageQuery, { ...variables, first: 100, after });
      expect(body.errors).toBeUndefined();
      const page = body.data?.municipalities as Page["municipalities"];
      seen.push(...page.nodes.map((n) => n.nis));
      pages++;
      if (!page.pageInfo.hasNextPage) return { seen, pages, totalCount: page.totalCount };
      after = page.pageInfo.endCursor;
    }
  }

  it("answers the merger example: Nazareth-De Pinte and its two predecessors", async () => {
    const { status, body } = await api.graphql(
      `{ municipality(nis: "44086") { nis name province provinceCode validFrom validTo successor { nis } predecessors { nis name } } }`,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        municipality: {
          nis: "44086",
          name: "Nazareth-De Pinte",
          province: "Oost-Vlaanderen",
          provinceCode: "VOV",
          validFrom: "2025-01-01",
          validTo: null,
          successor: null,
          predecessors: [
            { nis: "44012", name: "De Pinte" },
            { nis: "44048", name: "Nazareth" },
          ],
        },
      },
    });
  });

  it("shows a merged municipality with its end date and successor", async () => {
    const { body } = await api.graphql(
      `{ municipality(nis: "11007") { name validFrom validTo successor { nis name } predecessors { nis } } }`,
    );
    expect(body.data).toEqual({
      municipality: {
        name: "Borsbeek",
        validFrom: "2019-01-01",
        validTo: "2024-12-31",
        successor: { nis: "11002", name: "Antwerpen" },
        predecessors: [],
      },
    });
    const antwerpen = await api.graphql(`{ municipality(nis: "11002") { validTo predecessors { nis name } } }`);
    expect(antwerpen.body.data).toEqual({
      municipality: { validTo: null, predecessors: [{ nis: "11007", name: "Borsbeek" }] },
    });
  });

  it("pages through all 285 current municipalities in NIS order without gaps or duplicates", async () => {
    const { seen, pages, totalCount } = await readAll({});
    expect(totalCount).toBe(285);
    expect(pages).toBe(3);
    expect(seen.length).toBe(285);
    expect(new Set(seen).size).toBe(285);
    expect([...seen].sort()).toEqual(seen);
    expect(seen).not.toContain("11007");
    expect(seen).toContain("44086");
  });

  it("includes merged municipalities on request", async () => {
    const { seen, totalCount } = await readAll({ includeMerged: true });
    expect(totalCount).toBe(312);
    expect(seen).toContain("11007");
  });

  it("filters by province code or name, case-insensitively", async () => {
    for (const province of ["VWV", "be-vwv", "West-Vlaanderen", "west-vlaanderen"]) {
      const { body } = await api.graphql<Page>(pageQuery, { first: 100, province });
      expect(body.data?.municipalities.totalCount).toBe(62);
      expect(body.data?.municipalities.nodes.every((n) => n.nis.startsWith("3"))).toBe(true);
    }
  });

  it("fills edges, cursors and pageInfo consistently", async () => {
    const { body } = await api.graphql<Page>(pageQuery, { first: 2 });
    const page = body.data?.municipalities as Page["municipalities"];
    expect(page.nodes.map((n) => n.nis)).toEqual(["11001", "11002"]);
    expect(page.edges.map((e) => e.node.nis)).toEqual(["11001", "11002"]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0]?.cursor,
      endCursor: page.edges[1]?.cursor,
    });
    const next = await api.graphql<Page>(pageQuery, { first: 2, after: page.pageInfo.endCursor });
    expect(next.body.data?.municipalities.nodes.map((n) => n.nis)).toEqual(["11004", "11005"]);
    expect(next.body.data?.municipalities.pageInfo.hasPreviousPage).toBe(true);

    const empty = await api.graphql<Page>(pageQuery, { first: 0 });
    expect(empty.body.data?.municipalities).toMatchObject({
      totalCount: 285,
      nodes: [],
      pageInfo: { hasNextPage: true, startCursor: null, endCursor: null },
    });
  });

  it("returns null for a well-formed NIS code that no municipality has", async () => {
    const { body } = await api.graphql(`{ municipality(nis: "99999") { name } }`);
    expect(body).toEqual({ data: { municipality: null } });
  });

  it.each([
    ["first above 100", pageQuery, { first: 101 }, "BAD_USER_INPUT", "first"],
    ["negative first", pageQuery, { first: -1 }, "BAD_USER_INPUT", "first"],
    ["unknown province", pageQuery, { first: 5, province: "Henegouwen" }, "BAD_USER_INPUT", "province"],
    ["garbage cursor", pageQuery, { first: 5, after: "not a cursor!" }, "INVALID_CURSOR", "after"],
    [
      "cursor of another list",
      pageQuery,
      { first: 5, after: Buffer.from("document:12").toString("base64url") },
      "INVALID_CURSOR",
      "after",
    ],
    ["malformed NIS", `{ municipality(nis: "44-86") { name } }`, {}, "BAD_USER_INPUT", "nis"],
  ])("rejects %s with a clear error and a stable code", async (_label, query, variables, code, argument) => {
    const { body } = await api.graphql(query, variables);
    expect(body.data?.municipalities ?? body.data?.municipality ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code, argument });
    expect(body.errors?.[0]?.message).toContain(`"${argument}"`);
    expect(body.errors?.[0]?.extensions).not.toHaveProperty("stacktrace");
  });

  it("rejects a missing `first` before running anything", async () => {
    const { status, body } = await api.graphql("{ municipalities { totalCount } }");
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
