import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMeasure, buildPressRelease, buildSource } from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

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
      id title text
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
  let sent: string[] = [];

  beforeAll(async () => {
    db = await createTestDb({
      onQuery: (query) => {
        statements++;
        sent.push(query);
      },
    });
    for (const [nis, name] of towns) {
      await buildSource(db.db, { id: `news:${name.toLowerCase()}`, kind: "feed", name: `${name} nieuws`, startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *", municipalityNis: nis });
    }
    // 120 releases, each with two themes, a mention and two measures (an amount, a quantity), so
    // that every batched field has rows to load.
    for (let i = 0; i < 120; i++) {
      const [nis, name] = towns[i % towns.length] as (typeof towns)[number];
      const rent = `De stad ${name} verhoogt de huursubsidie met ${1000 + i} euro per jaar.`;
      const shelter = `Ook de nachtopvang krijgt ${i + 2} extra bedden.`;
      const release = await buildPressRelease(db.db, {
        uri: `https://example.org/${name.toLowerCase()}/${i}`,
        sourceId: `news:${name.toLowerCase()}`,
        municipalityNis: nis,
        title: `Bericht ${i}`,
        text: `${rent} ${shelter}`,
        publishedAt: new Date(Date.UTC(2026, 0, 1 + i)),
        themes: [{ code: "housing", field: "text", quote: "huursubsidie" }, { code: "homelessness", field: "text", quote: "nachtopvang" }],
        mentions: [{ nis }],
      });
      await buildMeasure(db.db, { theme: "housing", action: "increase", evidence: [{ document: release, quote: rent, amounts: [{ euro: 1000 + i, period: "year" }] }] });
      await buildMeasure(db.db, { theme: "homelessness", action: "expand", evidence: [{ document: release, quote: shelter, quantities: [{ value: i + 2, unit: "beds", text: `${i + 2} extra bedden` }] }] });
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

  it("reads a page's texts only when the query asks for them, in one statement for the page", async () => {
    const page = async (fields: string) => {
      sent = [];
      const response = await api.graphql<{ documents: { nodes: { title: string; text?: string }[] } }>(`{ documents(first: 10) { nodes { ${fields} } } }`);
      expect(response.body.errors).toBeUndefined();
      return { nodes: response.body.data?.documents.nodes ?? [], sent: [...sent] };
    };
    const readsText = (query: string) => /"documents"\."text"|"text"/.test(query);

    const titles = await page("title");
    expect(titles.nodes).toHaveLength(10);
    expect(titles.sent.filter(readsText)).toEqual([]);

    const texts = await page("title text");
    expect(texts.sent.filter(readsText)).toHaveLength(1);
    // Bericht i was written with the rent of 1000 + i euro (see beforeAll).
    for (const node of texts.nodes) {
      const i = Number(node.title.replace("Bericht ", ""));
      expect(node.text).toContain(`huursubsidie met ${1000 + i} euro per jaar`);
    }
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
