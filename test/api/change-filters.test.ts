import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSources } from "../../db/queries/sources.js";
import { writeRelease } from "../helpers/document-writes.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const GENT = "44021";
const ANTWERPEN = "11002";
const BORSBEEK = "11007"; // merged into Antwerpen in 2025

interface ChangeNode {
  event: string;
  documentKind: string | null;
  title: string | null;
  uri: string | null;
  themes: string[];
  action: string | null;
  fieldChanges: { field: string; before: string; after: string }[];
}

/** A newsroom filters the change log on what it covers, and reads each change without a second query. */
describe(`changes: filters and self-describing fields (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [{ id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} }]);
    const release = (uri: string, municipalityNis: string, title: string, text: string) =>
      db.db.transaction((tx) =>
        writeRelease(tx, { uri, sourceId: "news:test", municipalityNis, content: { title, lead: null, text, publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW),
      );
    await release("https://stad.gent/huurpremie", GENT, "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.");
    await release("https://stad.gent/huurpremie", GENT, "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.");
    await release("https://www.borsbeek.be/kruidenier", BORSBEEK, "Sociale kruidenier", "De gemeente Borsbeek opent een sociale kruidenier voor gezinnen in armoede.");
    api = await startTestApi(db);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  const FIELDS = "event documentKind title uri themes action fieldChanges { field before after }";
  async function changes(filter: string): Promise<ChangeNode[]> {
    const response = await api.graphql<{ changes: { nodes: ChangeNode[] } }>(`{ changes(first: 50, filter: ${filter}) { nodes { ${FIELDS} } } }`);
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.changes.nodes ?? [];
  }

  it("a changed measure says which fields changed, from what to what", async () => {
    const [changed] = await changes(`{ events: ["measure.changed"] }`);
    expect(changed).toMatchObject({ documentKind: "PRESS_RELEASE", themes: ["housing"], action: "INCREASE" });
    expect(changed?.title).toBe("De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.");
    const amounts = changed?.fieldChanges.find((c) => c.field === "amounts");
    expect(JSON.parse(amounts?.before ?? "null")).toEqual([{ cents: "15000", maxCents: null, previousCents: "12000", period: "month", per: null }]);
    expect(JSON.parse(amounts?.after ?? "null")).toEqual([{ cents: "20000", maxCents: null, previousCents: "12000", period: "month", per: null }]);
  });

  it("filters on theme, action, document kind and province", async () => {
    expect((await changes(`{ themes: ["food_aid"], entityTypes: ["document"] }`)).map((c) => [c.event, c.uri])).toEqual([
      ["document.created", "https://www.borsbeek.be/kruidenier"],
      ["document.analysed", "https://www.borsbeek.be/kruidenier"],
    ]);
    expect((await changes(`{ actions: [INCREASE] }`)).map((c) => c.event)).toEqual(["measure.created", "measure.changed"]);
    expect(await changes(`{ kinds: [COUNCIL_DECISION] }`)).toEqual([]);
    expect((await changes(`{ provinces: ["Antwerpen"], events: ["document.created"] }`)).map((c) => c.title)).toEqual(["Sociale kruidenier"]);
  });

  it("filters on a Dutch full-text search of the document concerned, measure events included", async () => {
    // "huurpremie" is in the Gent release only; its measure events name that release.
    expect((await changes(`{ search: "huurpremie" }`)).map((c) => c.event)).toEqual(["document.created", "document.analysed", "measure.created", "document.updated", "document.analysed", "measure.changed"]);
    expect((await changes(`{ search: "kruidenier", events: ["document.created"] }`)).map((c) => c.uri)).toEqual(["https://www.borsbeek.be/kruidenier"]);
    expect(await changes(`{ search: "kinderopvang" }`)).toEqual([]);
    const tooLong = await api.graphql(`{ changes(first: 1, filter: { search: "${"a".repeat(501)}" }) { totalCount } }`);
    expect(tooLong.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a successor municipality includes the municipalities merged into it", async () => {
    expect((await changes(`{ municipalities: ["${ANTWERPEN}"], events: ["document.created"] }`)).map((c) => c.uri)).toEqual(["https://www.borsbeek.be/kruidenier"]);
  });

  it("refuses an unknown theme with the allowed values", async () => {
    const response = await api.graphql(`{ changes(first: 1, filter: { themes: ["voedsel"] }) { totalCount } }`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.body.errors?.[0]?.message).toMatch(/"voedsel".*food_aid/);
  });
});
