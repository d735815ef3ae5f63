import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSources } from "../../db/queries/sources.js";
import { writeRelease } from "../helpers/document-writes.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const TEMSE = "46025";
const NOW = new Date("2026-11-30T12:00:00Z");

/** An information page stored through the write path: its measure says who may use it, whom each amount is for, and how sure the reading is. */
describe(`measure conditions, amount units and confidence over GraphQL (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;

  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [{ id: "news:temse", kind: "listing", name: "Temse", startUrl: "http://127.0.0.1:9/", schedule: "0 0 1 1 *", enabled: false, municipalityNis: TEMSE, config: {} }]);
    const text =
      "Huurtoelage. Het OCMW geeft een huurtoelage van 100 euro per maand, verhoogd met 25 euro per persoon ten laste. " +
      "Voorwaarden: u bent ingeschreven in het bevolkingsregister van Temse, u heeft een leefloon of de verhoogde tegemoetkoming " +
      "en uw inkomen is lager dan 1.500 euro per maand.";
    await db.db.transaction((tx) =>
      writeRelease(tx, { uri: "https://www.temse.be/huurtoelage", sourceId: "news:temse", municipalityNis: TEMSE, content: { title: "Huurtoelage", lead: null, text, publishedAt: "2026-03-01T09:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW),
    );
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it("exposes the conditions, the amounts with period and unit (the income ceiling is a condition, not an amount paid), and the confidence", async () => {
    const response = await api.graphql<{ measures: { nodes: unknown[] } }>(
      `{ measures(first: 5) { nodes { action theme { code } conditions { incomeCeiling statuses residenceRequired } amounts { value period per } confidence } } }`,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.measures.nodes).toEqual([
      {
        action: "IN_FORCE",
        theme: { code: "housing" },
        conditions: { incomeCeiling: 1500, statuses: ["LEEFLOON", "VERHOOGDE_TEGEMOETKOMING"], residenceRequired: true },
        amounts: [
          { value: 100, period: "MONTH", per: null },
          // An increment per dependant counts over the period of the allowance it increments.
          { value: 25, period: "MONTH", per: "DEPENDANT" },
        ],
        confidence: expect.any(Number),
      },
    ]);
  });

  /** The stored measure's confidence, as the fitted model gives it (scrapers/normalise/confidence.ts). */
  const storedConfidence = async () =>
    (await api.graphql<{ measures: { nodes: { confidence: number }[] } }>(`{ measures(first: 1) { nodes { confidence } } }`)).body.data!.measures.nodes[0]!.confidence;

  it("lets a newsroom keep only confident measures", async () => {
    const count = async (minConfidence: number) =>
      (await api.graphql<{ measures: { totalCount: number } }>(`{ measures(first: 1, filter: { minConfidence: ${minConfidence} }) { totalCount } }`)).body.data?.measures.totalCount;
    const confidence = await storedConfidence();
    // A standing measure on the page's own subject, its municipality and theme named: a confident reading.
    expect(confidence).toBeGreaterThanOrEqual(0.5);
    expect(await count(confidence - 0.005)).toBe(1);
    expect(await count(Math.min(1, confidence + 0.01))).toBe(0);
  });

  it("filters the change channels on the measure's confidence: changes(filter:) and the feed's minConfidence", async () => {
    const changes = async (filter: string) => {
      const response = await api.graphql<{ changes: { nodes: { event: string; payload: string }[] } }>(`{ changes(first: 20, filter: ${filter}) { nodes { event payload } } }`);
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.changes.nodes;
    };
    const confidence = await storedConfidence();
    const above = Math.min(1, confidence + 0.01);
    const confident = await changes(`{ minConfidence: ${confidence - 0.005} }`);
    // Only measure events carry a confidence: the document events do not match.
    expect(confident.map((c) => c.event)).toEqual(["measure.created"]);
    const { measure } = JSON.parse(confident[0]!.payload) as { measure: { confidence: number; amounts: { period: string; per: string | null }[] } };
    expect(measure.confidence).toBeCloseTo(confidence, 2);
    expect(measure.amounts).toEqual([expect.objectContaining({ period: "month", per: null }), expect.objectContaining({ period: "month", per: "dependant" })]);
    expect(await changes(`{ minConfidence: ${above} }`)).toEqual([]);
    const bad = await api.graphql(`{ changes(first: 1, filter: { minConfidence: 2 }) { totalCount } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const feed = async (query: string) => fetch(`${api.url}/feeds/changes.json?${query}`);
    const items = (await (await feed(`minConfidence=${confidence - 0.005}`)).json()) as { items: unknown[] };
    expect(items.items).toHaveLength(1);
    expect(((await (await feed(`minConfidence=${above}`)).json()) as { items: unknown[] }).items).toHaveLength(0);
    for (const wrong of ["minConfidence=abc", "minConfidence=2", "minConfidence=0.5&minConfidence=0.6"]) {
      const response = await feed(wrong);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/minConfidence/);
    }
  });
});
