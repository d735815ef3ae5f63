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
          { value: 25, period: "UNKNOWN", per: "DEPENDANT" },
        ],
        confidence: expect.any(Number),
      },
    ]);
  });

  it("lets a newsroom keep only confident measures", async () => {
    const count = async (minConfidence: number) =>
      (await api.graphql<{ measures: { totalCount: number } }>(`{ measures(first: 1, filter: { minConfidence: ${minConfidence} }) { totalCount } }`)).body.data?.measures.totalCount;
    // A standing measure on the page's own subject: the rules give it 0.7 or more (scrapers/normalise/confidence.ts).
    expect(await count(0.7)).toBe(1);
    expect(await count(0.95)).toBe(0);
  });
});
