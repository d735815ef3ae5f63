import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSources } from "../../db/queries/sources.js";
import { MIGRATIONS_FOLDER } from "../../db/migrate.js";
import { type DecisionContent, writeDecision, writeRelease } from "../helpers/document-writes.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const KORTENBERG = "24055";
const migration = readFileSync(join(MIGRATIONS_FOLDER, "0007_brussels_publication_days.sql"), "utf8").split("--> statement-breakpoint");

const decision: DecisionContent = {
  title: "Reglement energiepremie",
  shortTitle: null,
  description: null,
  motivation: null,
  operativeText: "De gemeenteraad voert een energiepremie van 200 euro in voor gezinnen met een verhoogde tegemoetkoming.",
  legalBasis: [],
  publicationDate: "2026-11-03",
  isPublic: true,
  sessionStart: null,
  governingBodyUri: null,
  votes: [],
};
const releaseText = "Kortenberg voert een huursubsidie in voor private huurders met een laag inkomen: 150 euro per maand.";

/**
 * Migration 0007 brings rows stored before publication days were Brussels days to the rule: a
 * decision's date-only publication at midnight UTC, a measure announced on the UTC day of a
 * date-only press release (one day early).
 */
describe(`migration 0007: publication days stored the old way (${testDriver})`, () => {
  let db: TestDb;
  let decisionId = 0;

  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [
      { id: "news:kortenberg", kind: "listing", name: "Kortenberg nieuws", startUrl: "http://127.0.0.1:9/nieuws", schedule: "0 * * * *", enabled: true, municipalityNis: KORTENBERG, config: {} },
      { id: "lblod:kortenberg", kind: "lblod", name: "Kortenberg", startUrl: "http://127.0.0.1:9/lblod", schedule: "0 3 * * *", enabled: true, municipalityNis: KORTENBERG, config: {} },
    ]);
    await db.db.transaction(async (tx) => {
      await writeRelease(
        tx,
        {
          uri: "https://www.kortenberg.be/nieuws/huursubsidie",
          sourceId: "news:kortenberg",
          municipalityNis: KORTENBERG,
          html: "",
          content: { title: "Huursubsidie", lead: null, text: releaseText, publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] },
        },
        NOW,
      );
      const written = await writeDecision(tx, { uri: "https://data.kortenberg.be/id/besluiten/26.1103.1", sourceId: "lblod:kortenberg", municipalityNis: KORTENBERG, content: decision }, NOW);
      decisionId = written.id;
    });
    // What the code before wrote: the decision's day at midnight UTC, the measures on the UTC day.
    await db.rows("update documents set published_at = '2026-11-03T00:00:00Z' where id = $1", [decisionId]);
    await db.rows("update measures set announced_on = '2026-11-02'");
  });
  afterAll(async () => {
    await db?.close();
  });

  const state = async () => ({
    publishedAt: (await db.rows<{ at: string }>("select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') as at from documents order by id")).map((r) => r.at),
    announcedOn: (await db.rows<{ day: string }>("select announced_on::text as day from measures order by id")).map((r) => r.day),
  });

  it("moves them to the start of the Brussels day and to the Brussels day, and leaves the rest alone", async () => {
    expect(await state()).toEqual({ publishedAt: ["2026-11-02T23:00", "2026-11-03T00:00"], announcedOn: ["2026-11-02", "2026-11-02"] });
    for (const statement of migration) await db.rows(statement);
    expect(await state()).toEqual({ publishedAt: ["2026-11-02T23:00", "2026-11-02T23:00"], announcedOn: ["2026-11-03", "2026-11-03"] });
  });

  it("changes nothing when run again", async () => {
    const before = await state();
    for (const statement of migration) await db.rows(statement);
    expect(await state()).toEqual(before);
  });
});
