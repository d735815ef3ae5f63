import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMeasure, buildPressRelease, buildSource } from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const KORTENBERG = "24055";

/** A newsroom alerts only on measures read with enough confidence from a document still published. */
describe(`measure confidence and filter {minConfidence} (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;

  beforeAll(async () => {
    db = await createTestDb();
    await buildSource(db.db, { id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *" });
    const release = (slug: string, status: "active" | "withdrawn" = "active") =>
      buildPressRelease(db.db, { uri: `https://example.org/${slug}`, sourceId: "news:test", municipalityNis: KORTENBERG, title: slug, text: `Tekst van ${slug}.`, publishedAt: "2026-03-01T09:00:00Z", status });
    const [sure, unsure, withdrawn] = [await release("sure"), await release("unsure"), await release("withdrawn", "withdrawn")];
    const measure = (fingerprint: string, evidence: [typeof sure, number][]) =>
      buildMeasure(db.db, {
        fingerprint,
        municipalityNis: KORTENBERG,
        theme: "housing",
        action: "introduce",
        summary: fingerprint,
        announcedOn: "2026-03-01",
        evidence: evidence.map(([document, confidence], index) => ({ document, quote: "Bewijs.", spanStart: index, spanEnd: index + 5, confidence })),
      });
    // Confident in one document, unsure in another: the most confident reading counts.
    await measure("confident", [[unsure, 0.35], [sure, 0.8]]);
    await measure("doubtful", [[unsure, 0.4]]);
    // Confident only in a document that was withdrawn since: not listed at all.
    await measure("withdrawn", [[withdrawn, 0.9]]);
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  const summaries = async (filter: string) => {
    const response = await api.graphql<{ measures: { totalCount: number; nodes: { summary: string; confidence: number }[] } }>(`{ measures(first: 10, filter: ${filter}) { totalCount nodes { summary confidence } } }`);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.measures;
  };

  it("gives each measure its most confident reading in a published document", async () => {
    const all = await summaries("{}");
    expect(all.nodes.map((n) => [n.summary, n.confidence]).sort()).toEqual([
      ["confident", 0.8],
      ["doubtful", 0.4],
    ]);
  });

  it("keeps only measures read at or above minConfidence", async () => {
    expect(await summaries("{ minConfidence: 0.7 }")).toEqual({ totalCount: 1, nodes: [{ summary: "confident", confidence: 0.8 }] });
    expect((await summaries("{ minConfidence: 0.4 }")).totalCount).toBe(2);
    expect((await summaries("{ minConfidence: 0.95 }")).totalCount).toBe(0);
  });

  it.each([1.5, -0.1])("refuses minConfidence %s with BAD_USER_INPUT", async (value) => {
    const response = await api.graphql(`{ measures(first: 1, filter: { minConfidence: ${value} }) { totalCount } }`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.body.errors?.[0]?.message).toMatch(/minConfidence.*between 0 and 1/);
  });
});
