import { listChanges } from "../../db/queries/change-log.js";
import { syncSources } from "../../db/queries/sources.js";
import type { ChangeRow } from "../../db/queries/change-log.js";
import { buildSession } from "./builders.js";
import { type DecisionContent, writeDecision, writeRelease } from "./document-writes.js";
import type { TestDb } from "./test-db.js";

/**
 * The changes the feed tests read, written through the real write path (documents analysed by the
 * real normalisation): in Gent a rent subsidy raised from 150 to 200 euro a month (a release and
 * its new version: a `measure.changed`), in Borsbeek (merged into Antwerpen) a social grocery, in
 * Kortenberg a decision whose title and operative part change (its title has markup characters),
 * and a Gent council session (no document, no source).
 */

export const NOW = new Date("2026-11-20T12:00:00Z");
export const GENT = "44021";
export const ANTWERPEN = "11002";
export const BORSBEEK = "11007";
export const KORTENBERG = "24055";
export const HUURPREMIE_URL = "https://stad.gent/huurpremie";
export const NEWS_SOURCE = { id: "news:feeds-test", name: "Stad Gent nieuws", startUrl: "http://127.0.0.1:9/nieuws" };
export const LBLOD_SOURCE = { id: "lblod:feeds-test", name: "Kortenberg besluiten", startUrl: "http://127.0.0.1:9/besluiten" };
export const DECISION_URI = "http://data.lblod.info/id/besluiten/kortenberg-1";
export const DECISION_TITLE = "Reglement <sociale> kruidenier & voedselhulp";

function decision(operativeText: string, title: string): DecisionContent {
  return {
    title,
    shortTitle: null,
    description: null,
    motivation: "De gemeente wil gezinnen in armoede helpen met voedselhulp.",
    operativeText,
    legalBasis: [],
    publicationDate: null,
    isPublic: true,
    sessionStart: "2026-10-26T19:00:00Z",
    governingBodyUri: null,
    votes: [],
  };
}

export async function writeFeedFixtures(db: TestDb): Promise<void> {
  await syncSources(db.db, [
    { ...NEWS_SOURCE, kind: "listing", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} },
    { ...LBLOD_SOURCE, kind: "lblod", schedule: "0 * * * *", enabled: true, municipalityNis: KORTENBERG, config: {} },
  ]);
  const release = (uri: string, municipalityNis: string, title: string, text: string) =>
    db.db.transaction((tx) =>
      writeRelease(tx, { uri, sourceId: NEWS_SOURCE.id, municipalityNis, content: { title, lead: null, text, publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW),
    );
  await release(HUURPREMIE_URL, GENT, "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.");
  await release(HUURPREMIE_URL, GENT, "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.");
  await release("https://www.borsbeek.be/kruidenier", BORSBEEK, "Sociale kruidenier", "De gemeente Borsbeek opent een sociale kruidenier voor gezinnen in armoede.");
  const writeKortenberg = (operative: string, title: string) =>
    db.db.transaction((tx) => writeDecision(tx, { uri: DECISION_URI, sourceId: LBLOD_SOURCE.id, municipalityNis: KORTENBERG, content: decision(operative, title) }, NOW));
  await writeKortenberg("De gemeenteraad keurt het reglement goed.", "Reglement sociale kruidenier");
  await writeKortenberg("De gemeenteraad keurt het gewijzigde reglement goed.", DECISION_TITLE);
  await buildSession(db.db, { municipalityNis: GENT, plannedStart: new Date("2026-12-14T19:00:00Z") });
}

/** Every change, newest first, as the feeds list them. */
export async function allChangesNewestFirst(db: TestDb): Promise<ChangeRow[]> {
  return (await listChanges(db.db, {}, { limit: 1000 })).reverse();
}
