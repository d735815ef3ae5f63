import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSources } from "../../db/queries/sources.js";
import { redactRevisionHistory } from "../../scrapers/normalise/redact-history.js";
import { type DecisionContent, writeDecision, writeRelease } from "../helpers/document-writes.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const LATER = new Date("2026-11-21T12:00:00Z");

function decision(motivation: string): DecisionContent {
  return {
    title: "Individuele steun",
    shortTitle: null,
    description: null,
    motivation,
    operativeText: "Artikel 1. De steun wordt toegekend.",
    legalBasis: ["https://codex.vlaanderen.be/Zoeken/Document.aspx?DID=1035569"],
    publicationDate: "2026-11-19",
    isPublic: false,
    sessionStart: null,
    governingBodyUri: null,
    votes: [],
  };
}

/**
 * History written under older, weaker privacy rules: revision 1 holds a recipient's name that
 * those rules let through (written here straight through the query module, as they stored it).
 */
describe(`earlier revisions are redacted again by the current rules (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [
      { id: "lblod:test", kind: "lblod", name: "Test", startUrl: "http://127.0.0.1/", schedule: "0 3 * * *", enabled: true, municipalityNis: "44021", config: {} },
      { id: "news:test", kind: "feed", name: "Test news", startUrl: "http://127.0.0.1/rss", schedule: "0 3 * * *", enabled: true, municipalityNis: "44021", config: {} },
    ]);
    const links = { sessionId: null, agendaItemId: null, governingBodyId: null, administrativeUnitId: null };
    const base = { uri: "http://data.lblod.info/id/besluiten/steun-1", sourceId: "lblod:test", municipalityNis: "44021", links, seenIn: ["notulen"], runId: null, captureId: null };
    await db.db.transaction((tx) => writeDecision(tx, { ...base, content: decision("Een leefloon werd toegekend aan Fatima Benali, geboren op 3 maart 1961.") }, NOW));
    await db.db.transaction((tx) => writeDecision(tx, { ...base, content: decision("Een leefloon werd toegekend aan [naam verwijderd].") }, LATER));

    const article = (text: string, author: string) => ({
      title: "Steun",
      lead: null,
      text,
      publishedAt: null,
      modifiedAt: null,
      author,
      attachments: [{ url: "https://stad.example/docs/85073003328-beslissing.pdf", title: "Beslissing voor Ahmed El Amrani", mediaType: "application/pdf", text: null }],
    });
    const release = { uri: "https://stad.example/nieuws/steun", sourceId: "news:test", municipalityNis: "44021" };
    await db.db.transaction((tx) =>
      writeRelease(tx, { ...release, html: "<p>Het OCMW kent een huurwaarborg toe aan Ahmed El Amrani.</p>", content: article("Het OCMW kent een huurwaarborg toe aan Ahmed El Amrani.", "Redactie") }, NOW),
    );
    await db.db.transaction((tx) => writeRelease(tx, { ...release, html: "<p>Het OCMW helpt huurders.</p>", content: article("Het OCMW helpt huurders met een waarborg.", "Redactie") }, LATER));
  });
  afterAll(() => db.close());

  it("rewrites every text of an earlier revision, keeps its links, and reports it in the change log", async () => {
    expect(await redactRevisionHistory(db.db, "lblod:test", null)).toBe(1);
    expect(await redactRevisionHistory(db.db, "news:test", null)).toBe(1);

    const [first] = await db.rows<{ text: string; fields: DecisionContent }>(
      "select r.text, r.fields from document_revisions r join documents d on d.id = r.document_id where d.uri = $1 and r.revision = 1",
      ["http://data.lblod.info/id/besluiten/steun-1"],
    );
    expect(first?.fields.motivation).toBe("Een leefloon werd toegekend aan [naam verwijderd], geboren op [geboortedatum verwijderd].");
    expect(first?.text).not.toMatch(/Benali|1961/);
    expect(first?.fields.legalBasis).toEqual(["https://codex.vlaanderen.be/Zoeken/Document.aspx?DID=1035569"]);

    const [old] = await db.rows<{ text: string; html: string; fields: { attachments: { url: string; title: string }[] } }>(
      "select r.text, r.html, r.fields from document_revisions r join documents d on d.id = r.document_id where d.uri = $1 and r.revision = 1",
      ["https://stad.example/nieuws/steun"],
    );
    expect(old?.text).toBe("Het OCMW kent een huurwaarborg toe aan [naam verwijderd].");
    expect(old?.html).toBe("<p>Het OCMW kent een huurwaarborg toe aan [naam verwijderd].</p>");
    // The name the body gave away is redacted in the attachment's title too; its URL stays a working link.
    expect(old?.fields.attachments).toEqual([expect.objectContaining({ url: "https://stad.example/docs/85073003328-beslissing.pdf", title: "Beslissing voor [naam verwijderd]" })]);

    const changes = await db.rows<{ event: string; payload: { document: { uri: string; kind: string; revision: number }; revisions: number[] } }>(
      "select event, payload from change_log where event = 'document.redacted' order by seq",
    );
    expect(changes.map((c) => ({ uri: c.payload.document.uri, kind: c.payload.document.kind, current: c.payload.document.revision, revisions: c.payload.revisions }))).toEqual([
      { uri: "http://data.lblod.info/id/besluiten/steun-1", kind: "council_decision", current: 2, revisions: [1] },
      { uri: "https://stad.example/nieuws/steun", kind: "press_release", current: 2, revisions: [1] },
    ]);
    // Nothing left to do: a second pass rewrites nothing and reports nothing.
    expect(await redactRevisionHistory(db.db, "lblod:test", null)).toBe(0);
    expect(await db.rows("select seq from change_log where event = 'document.redacted'")).toHaveLength(2);
  });
});
