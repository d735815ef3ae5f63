import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeRelease } from "../helpers/document-writes.js";
import { syncSources } from "../../db/queries/sources.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const towns = [
  ["44021", "Gent"],
  ["24062", "Leuven"],
  ["11002", "Antwerpen"],
  ["34022", "Kortrijk"],
] as const;

const nestedQuery = `query($first: Int!) {
  documents(first: $first) {
    totalCount
    nodes {
      id title
      municipality { name predecessors { nis } sources { sourceId } }
      themes { score theme { code documentCount } }
      mentionedMunicipalities { mentions municipality { nis } }
      measures { action theme { code } amounts { value period } evidence { confidence document { id title } } }
      source { name documentCount }
      revisions { number }
      pages { url }
      ... on PressRelease { lead backedBy { confidence } }
    }
  }
}`;

describe(`batching (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let statements = 0;

  beforeAll(async () => {
    db = await createTestDb({ onQuery: () => statements++ });
    await syncSources(
      db.db,
      towns.map(([nis, name]) => ({ id: `news:${name.toLowerCase()}`, kind: "feed", name: `${name} nieuws`, startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *", enabled: true, municipalityNis: nis, config: {} })),
    );
    for (let i = 0; i < 120; i++) {
      const [nis, name] = towns[i % towns.length] as (typeof towns)[number];
      const text = `De stad ${name} verhoogt de huursubsidie met ${1000 + i} euro per jaar. Ook de nachtopvang krijgt ${i + 2} extra bedden.`;
      const uri = `https://example.org/${name.toLowerCase()}/${i}`;
      await db.db.transaction(async (tx) => {
        await writeRelease(
          tx,
          { uri, sourceId: `news:${name.toLowerCase()}`, municipalityNis: nis, html: "", content: { title: `Bericht ${i}`, lead: null, text, publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), modifiedAt: null, author: null, attachments: [] } },
          NOW,
        );
      });
    }
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  async function countStatements(first: number) {
    statements = 0;
    const response = await api.graphql<{ documents: { nodes: { measures: unknown[] }[] } }>(nestedQuery, { first });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.documents.nodes).toHaveLength(first);
    expect(response.body.data?.documents.nodes.every((n) => n.measures.length > 0)).toBe(true);
    return statements;
  }

  it("sends as many SQL statements for 100 documents as for 5: the number depends on the query's shape, not on the rows", async () => {
    const forFive = await countStatements(5);
    const forHundred = await countStatements(100);
    expect(forHundred).toBe(forFive);
    // One list query, one count, and one statement per batched field and level.
    expect(forHundred).toBeLessThanOrEqual(20);
  });

  it("batches the municipality fields too: documents, measures, sources and coverage of 100 municipalities", async () => {
    const query = `query($first: Int!) { municipalities(first: $first, includeMerged: true) { nodes { nis successor { nis } predecessors { nis }
      sources { sourceId status } coverage { kind documentCount status } } } }`;
    const count = async (first: number) => {
      statements = 0;
      const response = await api.graphql<{ municipalities: { nodes: unknown[] } }>(query, { first });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.municipalities.nodes).toHaveLength(first);
      return statements;
    };
    const forFive = await count(5);
    expect(await count(100)).toBe(forFive);
  });
});
