import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPressRelease, buildSource } from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/** NIS arguments are checked against the municipality register, which needs no database. */
describe(`municipality arguments (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let statements = 0;

  beforeAll(async () => {
    db = await createTestDb({ onQuery: () => statements++ });
    await buildSource(db.db, { id: "news:de-pinte", kind: "feed", name: "De Pinte nieuws", startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *", municipalityNis: "44012" });
    // A press release of De Pinte from 2023, before it merged into Nazareth-De Pinte (44086).
    await buildPressRelease(db.db, {
      uri: "https://example.org/de-pinte/2023",
      sourceId: "news:de-pinte",
      municipalityNis: "44012",
      title: "Bericht",
      text: "De gemeente opent een sociale kruidenier.",
      publishedAt: "2023-05-01T08:00:00Z",
    });
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it.each([
    ["documents", `{ documents(first: 5, filter: { municipalities: ["44021", "99999"] }) { totalCount } }`, "filter.municipalities"],
    ["measures", `{ measures(first: 5, filter: { municipalities: ["99999"] }) { totalCount } }`, "filter.municipalities"],
    ["sources", `{ sources(first: 5, municipalities: ["99999"]) { totalCount } }`, "municipalities"],
    ["coverage", `{ coverage(first: 5, municipalities: ["99999"]) { totalCount } }`, "municipalities"],
    ["changes", `{ changes(first: 5, filter: { municipalities: ["99999"] }) { nodes { seq } } }`, "filter.municipalities"],
  ])("refuses an unknown NIS code in %s before any SQL statement", async (_, query, argument) => {
    statements = 0;
    const response = await api.graphql(query);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(response.body.errors?.[0]?.message).toContain('unknown municipality "99999"');
    expect(statements).toBe(0);
  });

  it("accepts a municipality merged away, and counts its documents in its successor's coverage too", async () => {
    const documents = await api.graphql<{ documents: { totalCount: number } }>(`{ documents(first: 1, filter: { municipalities: ["44012"] }) { totalCount } }`);
    expect(documents.body.errors).toBeUndefined();
    expect(documents.body.data?.documents.totalCount).toBe(1);

    const coverage = await api.graphql<{ coverage: { nodes: { municipality: { nis: string }; kind: string; documentCount: number; sourceCount: number }[] } }>(
      `{ coverage(first: 10, municipalities: ["44086", "44012", "44048"]) { nodes { municipality { nis } kind documentCount sourceCount } } }`,
    );
    expect(coverage.body.errors).toBeUndefined();
    expect(coverage.body.data?.coverage.nodes.filter((n) => n.kind === "PRESS_RELEASE")).toEqual([
      { municipality: { nis: "44012" }, kind: "PRESS_RELEASE", documentCount: 1, sourceCount: 1 },
      { municipality: { nis: "44048" }, kind: "PRESS_RELEASE", documentCount: 0, sourceCount: 0 },
      { municipality: { nis: "44086" }, kind: "PRESS_RELEASE", documentCount: 1, sourceCount: 0 },
    ]);
    const nested = await api.graphql<{ municipality: { coverage: { kind: string; documentCount: number }[] } }>(`{ municipality(nis: "44086") { coverage { kind documentCount } } }`);
    expect(nested.body.data?.municipality.coverage).toEqual([
      { kind: "COUNCIL_DECISION", documentCount: 0 },
      { kind: "PRESS_RELEASE", documentCount: 1 },
    ]);
  });
});
