import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate.js";
import { listDocuments } from "../../db/queries/documents.js";
import { syncSources } from "../../db/queries/sources.js";
import { writeRelease } from "../helpers/document-writes.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-30T12:00:00Z");

/** What a Dutch reader types finds the texts that write it as part of a compound, or elliptically. */
describe(`Dutch search with compound parts (${testDriver})`, () => {
  let db: TestDb;
  const texts: Record<string, string> = {
    opvang: "Vanaf september zijn er 40 extra kinderopvangplaatsen in de Stationsstraat.",
    dak: "Het OCMW geeft een installatiepremie aan dak- en thuislozen die een woning vinden.",
    schuld: "Wie zijn rekeningen niet meer kan betalen, kan terecht bij de schuldhulpverlening van het Sociaal Huis.",
    huur: "De gemeente verhoogt de huurpremies voor gezinnen met een laag inkomen.",
    gas: "Wij leveren bulkpropaangas aan particulieren.",
    name: "Het dienstencentrum De Vuurmolen organiseert een kookles.",
  };
  const search = async (words: string) => (await listDocuments(db.db, { search: words }, { order: "relevance", limit: 10 })).map((row) => row.uri.replace("test:", "")).sort();

  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [{ id: "test:compounds", kind: "listing", name: "Compounds", startUrl: "http://127.0.0.1:9/", schedule: "0 0 1 1 *", enabled: false, municipalityNis: null, config: {} }]);
    for (const [key, text] of Object.entries(texts)) {
      await db.db.transaction((tx) =>
        writeRelease(tx, { uri: `test:${key}`, sourceId: "test:compounds", municipalityNis: null, content: { title: "Bericht", lead: null, text, publishedAt: "2026-11-01T00:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW),
      );
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each([
    ["kinderopvang", ["opvang"]],
    ["opvangplaats", ["opvang"]],
    ["daklozen", ["dak"]],
    ["thuislozen", ["dak"]],
    ["schuldhulp", ["schuld"]],
    ["huurpremie", ["huur"]],
    ["huurpremies", ["huur"]],
    ["huurpremie gezinnen", ["huur"]],
  ])("%s finds %j", async (words, expected) => {
    expect(await search(words)).toEqual(expected);
  });

  it("a compound typed whole finds the text that has its parts apart", async () => {
    // "schuldhulp" and "sociaal huis" are in the text, "schuldhulploket" is not.
    expect(await search("schuldhulploket")).toEqual([]);
    expect(await search("hulpverlening")).toEqual(["schuld"]);
  });

  it("does not make short words or names match inside other words", async () => {
    expect(await search("gas")).toEqual([]);
    expect(await search("mol")).toEqual([]);
  });

  it("ranks a text that uses the word itself above one that has it only as a compound part", async () => {
    await db.db.transaction((tx) =>
      writeRelease(tx, { uri: "test:whole", sourceId: "test:compounds", municipalityNis: null, content: { title: "Bericht", lead: null, text: "Over de premie voor de huur: een huurpremie.", publishedAt: "2026-10-01T00:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW),
    );
    const rows = await listDocuments(db.db, { search: "premie" }, { order: "relevance", limit: 10 });
    // huurpremies and installatiepremie (the dak- en thuislozen text) have it as their last part.
    expect(rows[0]?.uri).toBe("test:whole");
    expect(rows.slice(1).map((row) => row.uri).sort()).toEqual(["test:dak", "test:huur"]);
  });

  it("migrate fills the search terms of documents stored before they existed", async () => {
    await db.db.execute(sql`update documents set search_terms = null`);
    await db.db.execute(sql`delete from system_state where key = 'search_terms_version'`);
    expect(await search("daklozen")).toEqual([]);
    const report = await migrate(db);
    // Every document had terms to add (nouns at least), the one of the ranking test included.
    expect(report.searchTermsRefreshed).toBe(Object.keys(texts).length + 1);
    expect(await search("daklozen")).toEqual(["dak"]);
    expect((await migrate(db)).searchTermsRefreshed).toBe(0);
  });
});
