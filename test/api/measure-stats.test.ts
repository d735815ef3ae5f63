import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltAmount, buildMeasure, buildPressRelease, buildSource, type DocumentRow, type MeasureOverrides } from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const KORTENBERG = "24055";
const LEUVEN = "24062";

/** An amount in euro (a range from `value` to `max`), written as "<value> euro". */
const euro = (value: number, period: NonNullable<BuiltAmount["period"]>, max?: number, per?: BuiltAmount["per"]): BuiltAmount => ({
  euro: value,
  ...(max === undefined ? {} : { maxEuro: max }),
  ...(per === undefined ? {} : { per }),
  period,
  text: `${value} euro`,
});

type Data = Record<string, never>;

/**
 * Measures built with their evidence in press releases, two of which are withdrawn, so that the
 * expected figures can be worked out by hand (see the table in the first test).
 */
describe(`measure statistics per period, without withdrawn evidence (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  const ids: Record<string, number> = {};

  async function ok<T = Data>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const response = await api.graphql<T>(query, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  }

  beforeAll(async () => {
    db = await createTestDb();
    await buildSource(db.db, { id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *" });
    const release = (slug: string, municipalityNis: string, publishedAt: string, status: "active" | "withdrawn" = "active") =>
      buildPressRelease(db.db, { uri: `https://example.org/${slug}`, sourceId: "news:test", municipalityNis, title: slug, text: `Tekst van ${slug}.`, publishedAt, status });
    const d1 = await release("d1", KORTENBERG, "2026-03-01T09:00:00Z");
    const d2 = await release("d2", KORTENBERG, "2026-04-01T09:00:00Z");
    const d3 = await release("d3", KORTENBERG, "2026-05-01T09:00:00Z", "withdrawn");
    const d4 = await release("d4", LEUVEN, "2026-06-01T09:00:00Z");
    const d5 = await release("d5", LEUVEN, "2025-06-01T09:00:00Z", "withdrawn");

    const measure = async (name: string, municipalityNis: string, theme: string, action: MeasureOverrides["action"], evidence: [DocumentRow, BuiltAmount[]][]) => {
      const built = await buildMeasure(db.db, {
        fingerprint: name,
        municipalityNis,
        theme,
        action,
        summary: `Maatregel ${name}.`,
        announcedOn: "2026-03-01",
        evidence: evidence.map(([document, amounts], index) => ({ document, quote: `Bewijs ${name}.`, spanStart: index, spanEnd: index + 10, confidence: 0.9, amounts })),
      });
      ids[name] = built.id;
    };
    await measure("M1", KORTENBERG, "debt_energy", "expand", [[d1, [euro(1_800_000, "year")]]]);
    await measure("M2", KORTENBERG, "housing", "introduce", [[d1, [euro(150, "month")]], [d2, [euro(150, "month")]]]);
    await measure("M3", KORTENBERG, "homelessness", "introduce", [[d3, [euro(40_000, "year")]]]);
    await measure("M4", KORTENBERG, "housing", "increase", [[d2, [euro(20_000, "year", 24_000), euro(95, "year", undefined, "child")]], [d3, [euro(500, "once")]]]);
    await measure("M5", LEUVEN, "housing", "introduce", [[d4, [euro(150, "month"), euro(1_000, "once")]]]);
    await measure("M6", LEUVEN, "childcare_family", "cut", [[d5, [euro(250_000, "year")]]]);
    await measure("M7", LEUVEN, "food_aid", "announce", [[d4, []]]);
    await measure("M8", LEUVEN, "debt_energy", "reduce", [[d4, [euro(30, "month")]], [d5, [euro(5_000_000, "once")]]]);
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  /*
   * | measure | municipality | evidence (document: amounts)                      | counted? |
   * |---------|--------------|---------------------------------------------------|----------|
   * | M1      | Kortenberg   | d1: 1 800 000/year                                | yes      |
   * | M2      | Kortenberg   | d1: 150/month; d2: 150/month (stated twice)       | yes      |
   * | M3      | Kortenberg   | d3 (withdrawn): 40 000/year                       | no       |
   * | M4      | Kortenberg   | d2: 20 000–24 000/year, 95/year/child; d3 (withdrawn): 500 once | yes, without the 500 |
   * | M5      | Leuven       | d4: 150/month, 1 000 once                         | yes      |
   * | M6      | Leuven       | d5 (withdrawn): 250 000/year                      | no       |
   * | M7      | Leuven       | d4: no amount                                     | yes      |
   * | M8      | Leuven       | d4: 30/month; d5 (withdrawn): 5 000 000 once       | yes, without the 5 M |
   *
   * Each measure adds, per period and unit, the largest amount it states in a published document
   * (a range by its maximum), once however often it is stated:
   * ONCE 1 000 (M5); MONTH 150 + 150 + 30 = 330 (M2, M5, M8); YEAR 1 800 000 + 24 000 =
   * 1 824 000 (M1, M4); YEAR per child 95 (M4), not added to the budgets. Periods come shortest
   * first. Six measures counted, five with an amount (not M7).
   */
  it("sums amounts per period, never across periods, and leaves withdrawn evidence out", async () => {
    const data = await ok<{ measureStats: unknown[] }>(`{ measureStats(groupBy: []) { count countWithAmount amounts { period per count sum } } }`);
    expect(data.measureStats).toEqual([
      {
        count: 6,
        countWithAmount: 5,
        amounts: [
          { period: "ONCE", per: null, count: 1, sum: 1_000 },
          { period: "MONTH", per: null, count: 3, sum: 330 },
          { period: "YEAR", per: null, count: 2, sum: 1_824_000 },
          { period: "YEAR", per: "CHILD", count: 1, sum: 95 },
        ],
      },
    ]);
  });

  it("splits each group's sums by period and unit", async () => {
    const data = await ok<{ measureStats: unknown[] }>(`{ measureStats(groupBy: [MUNICIPALITY]) { municipality { nis } count countWithAmount amounts { period count sum } } }`);
    expect(data.measureStats).toEqual([
      {
        municipality: { nis: KORTENBERG },
        count: 3,
        countWithAmount: 3,
        amounts: [
          { period: "MONTH", count: 1, sum: 150 },
          { period: "YEAR", count: 2, sum: 1_824_000 },
          { period: "YEAR", count: 1, sum: 95 },
        ],
      },
      { municipality: { nis: LEUVEN }, count: 3, countWithAmount: 2, amounts: [{ period: "ONCE", count: 1, sum: 1_000 }, { period: "MONTH", count: 2, sum: 180 }] },
    ]);
    const housing = await ok<{ measureStats: unknown[] }>(`{ measureStats(groupBy: [THEME, ACTION], filter: { themes: ["housing"] }) { theme { code } action count amounts { period sum } } }`);
    expect(housing.measureStats).toEqual([
      // Groups in the order of their dimensions: the action's database word, `increase` before `introduce`.
      { theme: { code: "housing" }, action: "INCREASE", count: 1, amounts: [{ period: "YEAR", sum: 24_000 }, { period: "YEAR", sum: 95 }] },
      { theme: { code: "housing" }, action: "INTRODUCE", count: 2, amounts: [{ period: "ONCE", sum: 1_000 }, { period: "MONTH", sum: 300 }] },
    ]);
  });

  it("lists and counts the same measures as the statistics: none whose evidence is all withdrawn", async () => {
    const data = await ok<{ measures: { totalCount: number; nodes: { id: string }[] }; municipality: { measures: { totalCount: number } } }>(
      `{ measures(first: 20) { totalCount nodes { id } } municipality(nis: "${KORTENBERG}") { measures(first: 20) { totalCount } } }`,
    );
    const globalId = (name: string) => Buffer.from(`Measure:${ids[name]}`).toString("base64url");
    expect(data.measures.totalCount).toBe(6);
    expect(new Set(data.measures.nodes.map((n) => n.id))).toEqual(new Set(["M1", "M2", "M4", "M5", "M7", "M8"].map(globalId)));
    expect(data.municipality.measures.totalCount).toBe(3);
    // An amount stated only in a withdrawn document does not make a measure pass the amount filter.
    const large = await ok<{ measures: { nodes: { id: string }[] } }>(`{ measures(first: 20, filter: { minAmount: 1000000 }) { nodes { id } } }`);
    expect(large.measures.nodes.map((n) => n.id)).toEqual([globalId("M1")]);
    // A withdrawn measure is kept, not deleted: its id and its withdrawn document still answer.
    const kept = await ok<{ node: { summary: string; evidence: { document: { status: string } }[] } }>(
      `query($id: ID!) { node(id: $id) { ... on Measure { summary evidence { document { status } } } } }`,
      { id: globalId("M3") },
    );
    expect(kept.node).toEqual({ summary: "Maatregel M3.", evidence: [{ document: { status: "WITHDRAWN" } }] });
  });
});
