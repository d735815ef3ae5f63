import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfBrusselsDay } from "../../schema/dutch-text.js";
import { buildDecision, buildMeasure, buildPressRelease, buildSource } from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const KORTENBERG = "24055";
const releaseText =
  "Kortenberg voert een huursubsidie in voor private huurders met een laag inkomen: 150 euro per maand. " +
  "Huurders kunnen de huursubsidie aanvragen bij het Sociaal Huis.";
const operativeText = "De gemeenteraad voert een energiepremie van 200 euro in voor gezinnen met een verhoogde tegemoetkoming.";

type Docs = { documents: { totalCount: number; nodes: { uri: string; publishedAt: string; publishedOn: string }[] } };
type Measures = { measures: { totalCount: number; nodes: { announcedOn: string }[] } };

/**
 * A date-only publication is a Brussels calendar day: "Gepubliceerd op 3 november 2026" and a
 * decision's `eli:date_publication` 2026-11-03 are both published on 3 November, whatever the time
 * zone of the server or the client, and the `from`/`to` filters of documents and measures agree.
 * The store keeps such a day as the moment it starts in Brussels (how a byline becomes that
 * moment: test/scrapers/news/article-dates.test.ts); the documents here are built so.
 */
describe(`publication days (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;

  beforeAll(async () => {
    db = await createTestDb();
    await buildSource(db.db, { id: "news:kortenberg", kind: "listing", name: "Kortenberg nieuws", startUrl: "http://127.0.0.1:9/nieuws", schedule: "0 * * * *", municipalityNis: KORTENBERG });
    await buildSource(db.db, { id: "lblod:kortenberg", kind: "lblod", name: "Kortenberg", startUrl: "http://127.0.0.1:9/lblod", schedule: "0 3 * * *", municipalityNis: KORTENBERG });
    const thirdOfNovember = startOfBrusselsDay("2026-11-03");
    const release = await buildPressRelease(db.db, {
      uri: "https://www.kortenberg.be/nieuws/huursubsidie",
      sourceId: "news:kortenberg",
      municipalityNis: KORTENBERG,
      title: "Kortenberg voert huursubsidie in",
      text: releaseText,
      publishedAt: thirdOfNovember,
    });
    // 00:30 on 4 November in Brussels.
    await buildPressRelease(db.db, {
      uri: "https://www.kortenberg.be/nieuws/laat",
      sourceId: "news:kortenberg",
      municipalityNis: KORTENBERG,
      title: "Laat bericht",
      text: "Het Sociaal Huis is gesloten op 11 november.",
      publishedAt: "2026-11-03T23:30:00.000Z",
    });
    const decision = await buildDecision(db.db, {
      uri: "https://data.kortenberg.be/id/besluiten/26.1103.1",
      sourceId: "lblod:kortenberg",
      municipalityNis: KORTENBERG,
      title: "Reglement energiepremie",
      motivation: "De energiefacturen blijven hoog voor gezinnen met een laag inkomen.",
      operativeText,
      isPublic: true,
      seenIn: ["besluitenlijst"],
      publishedAt: thirdOfNovember,
    });
    // Each states a measure, announced on its publication day.
    await buildMeasure(db.db, { theme: "housing", action: "introduce", evidence: [{ document: release, quote: releaseText.split(" Huurders")[0], amounts: [{ euro: 150, period: "month" }] }] });
    await buildMeasure(db.db, { theme: "debt_energy", action: "introduce", evidence: [{ document: decision, quote: operativeText, amounts: [{ euro: 200, period: "once" }] }] });
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  const query = async <T>(text: string) => {
    const response = await api.graphql<T>(text);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  };
  const documentsOn = (filter: string) =>
    query<Docs>(`{ documents(first: 10, orderBy: PUBLISHED_ASC, filter: { ${filter} }) { totalCount nodes { uri publishedAt publishedOn } } }`);

  it("serves a date-only press release and decision as published on their day, at the same moment", async () => {
    const data = await documentsOn(`from: "2026-11-03", to: "2026-11-03"`);
    expect(data.documents.nodes.map((n) => [n.publishedAt, n.publishedOn]).sort()).toEqual([
      ["2026-11-02T23:00:00.000Z", "2026-11-03"],
      ["2026-11-02T23:00:00.000Z", "2026-11-03"],
    ]);
  });

  it("puts a release of 00:30 Brussels time on its Brussels day", async () => {
    const data = await documentsOn(`from: "2026-11-04"`);
    expect(data.documents.nodes).toEqual([{ uri: "https://www.kortenberg.be/nieuws/laat", publishedAt: "2026-11-03T23:30:00.000Z", publishedOn: "2026-11-04" }]);
  });

  it("filters documents by Brussels day on both ends", async () => {
    expect((await documentsOn(`to: "2026-11-02"`)).documents.totalCount).toBe(0);
    expect((await documentsOn(`to: "2026-11-03"`)).documents.totalCount).toBe(2);
    expect((await documentsOn(`from: "2026-11-05"`)).documents.totalCount).toBe(0);
  });

  it("announces the measures of both documents on 3 November, and filters them by that day", async () => {
    const onDay = await query<Measures>(`{ measures(first: 10, filter: { from: "2026-11-03", to: "2026-11-03" }) { totalCount nodes { announcedOn } } }`);
    expect(onDay.measures.totalCount).toBe(2);
    expect(onDay.measures.nodes.map((n) => n.announcedOn)).toEqual(["2026-11-03", "2026-11-03"]);
    const dayBefore = await query<Measures>(`{ measures(first: 10, filter: { to: "2026-11-02" }) { totalCount nodes { announcedOn } } }`);
    expect(dayBefore.measures.totalCount).toBe(0);
  });
});
