import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSources } from "../../db/queries/sources.js";
import { RULES_VERSION } from "../../scrapers/normalise/analyse.js";
import { reanalyseSourceDocuments } from "../../scrapers/normalise/reanalyse.js";
import { type DecisionContent, type PressReleaseContent, reanalyse, writeDecision, writeRelease } from "../helpers/document-writes.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const GENT = "44021";

const releaseText =
  "De stad Gent trekt het budget voor huursubsidie op van 1,2 naar 1,8 miljoen euro per jaar. " +
  "Zo krijgen meer huurders op de private huurmarkt een tegemoetkoming. Schepen Van Damme licht het reglement toe.";

function release(uri: string, text: string, publishedAt = "2024-03-12T09:00:00Z"): PressReleaseContent {
  return { title: "Meer huursubsidie voor Gentse huurders", lead: null, text, publishedAt, modifiedAt: null, author: null, attachments: [] };
}

function decision(operativeText: string): DecisionContent {
  return {
    title: "Wijziging reglement huursubsidie",
    shortTitle: null,
    description: null,
    motivation: "Het reglement huursubsidie moet aangepast worden aan de private huurmarkt.",
    operativeText,
    legalBasis: [],
    publicationDate: null,
    isPublic: true,
    sessionStart: "2024-02-26T19:00:00Z",
    governingBodyUri: null,
    votes: [],
  };
}

describe(`normalisation results in the database (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [
      { id: "gent-news", kind: "feed", name: "Gent nieuws", startUrl: "http://127.0.0.1/rss", schedule: "0 * * * *", enabled: true, municipalityNis: GENT, config: {} },
      { id: "vvsg-news", kind: "listing", name: "VVSG nieuws", startUrl: "http://127.0.0.1/nieuws", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} },
      { id: "gent-lblod", kind: "lblod", name: "Gent besluiten", startUrl: "http://127.0.0.1/", schedule: "0 2 * * *", enabled: true, municipalityNis: GENT, config: {} },
    ]);
  });
  afterAll(() => db.close());

  const changesSince = async (seq: number) =>
    db.rows<{ event: string; entity_type: string }>("select event, entity_type from change_log where seq > $1 order by seq", [seq]);
  const lastSeq = async () => Number((await db.rows<{ seq: string | null }>("select max(seq) as seq from change_log"))[0]?.seq ?? 0);

  async function storeRelease(uri: string, text: string, publishedAt?: string) {
    return db.db.transaction(async (tx) => {
      const written = await writeRelease(tx, { uri, sourceId: "gent-news", municipalityNis: GENT, content: release(uri, text, publishedAt) }, NOW);
      return { id: written.id, outcome: written.analysis };
    });
  }

  let releaseId = 0;
  let measureId = 0;

  it("stores themes, mentioned municipalities, the measure with its amount and the evidence of a press release", async () => {
    const before = await lastSeq();
    const { id, outcome } = await storeRelease("https://stad.gent/nl/nieuws/huursubsidie", releaseText);
    releaseId = id;
    expect(outcome).toMatchObject({ changed: true, measuresCreated: 1, measuresDeleted: 0 });

    const themes = await db.rows<{ code: string; evidence_field: string; evidence_text: string; rules_version: string }>(
      "select t.code, dt.evidence_field, dt.evidence_text, dt.rules_version from document_themes dt join themes t on t.id = dt.theme_id where dt.document_id = $1",
      [id],
    );
    expect(themes.map((t) => t.code)).toEqual(["housing"]);
    expect(themes[0]?.rules_version).toBe(RULES_VERSION);

    const mentioned = await db.rows<{ municipality_nis: string; role: string; mentions: number }>(
      "select municipality_nis, role, mentions from document_municipalities where document_id = $1 order by role",
      [id],
    );
    // "Gent" in the text and "Gentse" in the title is read in the text only: one mention.
    expect(mentioned).toEqual([
      { municipality_nis: GENT, role: "mentioned", mentions: 1 },
      { municipality_nis: GENT, role: "publisher", mentions: 1 },
    ]);

    const [measure] = await db.rows<{ id: string; municipality_nis: string; action: string; summary: string; announced_on: string }>(
      "select m.id, m.municipality_nis, m.action, m.summary, to_char(m.announced_on, 'YYYY-MM-DD') as announced_on from measures m join measure_evidence e on e.measure_id = m.id where e.document_id = $1",
      [id],
    );
    expect(measure).toMatchObject({ municipality_nis: GENT, action: "increase", announced_on: "2024-03-12" });
    expect(measure?.summary).toBe("De stad Gent trekt het budget voor huursubsidie op van 1,2 naar 1,8 miljoen euro per jaar.");
    measureId = Number(measure?.id);

    const amounts = await db.rows<{ cents: string; previous_cents: string; period: string; text: string }>(
      "select cents::text, previous_cents::text, period, text from measure_amounts where measure_id = $1",
      [measureId],
    );
    expect(amounts).toEqual([{ cents: "180000000", previous_cents: "120000000", period: "year", text: "1,2 naar 1,8 miljoen euro" }]);

    const [evidence] = await db.rows<{ span_start: number; span_end: number; quote: string }>(
      "select span_start, span_end, quote from measure_evidence where measure_id = $1",
      [measureId],
    );
    expect(releaseText.slice(evidence?.span_start, evidence?.span_end)).toBe(evidence?.quote);

    expect((await changesSince(before)).map((c) => c.event)).toEqual(["document.created", "document.analysed", "measure.created"]);
    // The measure's change names its municipality, for feeds filtered by municipality.
    const [created] = await db.rows<{ entity_id: string; municipality_nis: string }>("select entity_id, municipality_nis from change_log where event = 'measure.created'");
    expect(created).toEqual({ entity_id: String(measureId), municipality_nis: GENT });
  });

  it("writes nothing when the same document is analysed again", async () => {
    const before = await lastSeq();
    const outcome = await db.db.transaction((tx) => reanalyse(tx, releaseId, NOW));
    expect(outcome).toEqual({ changed: false, measuresCreated: 0, measuresChanged: 0, measuresDeleted: 0, linksChanged: false });
    expect(await changesSince(before)).toEqual([]);
  });

  it("links the press release to the council decision backing it, and adds the decision as evidence of the same measure", async () => {
    const before = await lastSeq();
    const decisionId = await db.db.transaction(async (tx) => {
      const written = await writeDecision(
        tx,
        {
          uri: "https://data.gent.be/id/besluiten/24.0226.1",
          sourceId: "gent-lblod",
          municipalityNis: GENT,
          content: decision("De gemeenteraad verhoogt het budget voor de huursubsidie van 1,2 naar 1,8 miljoen euro per jaar."),
        },
        NOW,
      );
      return written.id;
    });
    const links = await db.rows<{ from_document_id: string; to_document_id: string; relation: string; confidence: number }>(
      "select from_document_id, to_document_id, relation, confidence from document_links",
    );
    expect(links.map((l) => [Number(l.from_document_id), Number(l.to_document_id), l.relation])).toEqual([[releaseId, decisionId, "backed_by"]]);
    expect(links[0]?.confidence).toBeGreaterThanOrEqual(0.45);

    const evidence = await db.rows<{ document_id: string }>("select document_id from measure_evidence where measure_id = $1 order by document_id", [measureId]);
    expect(evidence.map((e) => Number(e.document_id))).toEqual([releaseId, decisionId]);
    expect((await db.rows("select id from measures")).length).toBe(1);
    expect((await changesSince(before)).map((c) => c.event)).toEqual(["document.created", "document.analysed", "document.linked"]);
  });

  it("removes the evidence of a document whose new version no longer states the measure, keeping the measure while other evidence remains", async () => {
    const before = await lastSeq();
    await storeRelease("https://stad.gent/nl/nieuws/huursubsidie", "De stad Gent nodigt huurders uit op een infoavond over wonen in de stad. Inschrijven kan online.");
    const evidence = await db.rows<{ document_id: string }>("select document_id from measure_evidence where measure_id = $1", [measureId]);
    expect(evidence.map((e) => Number(e.document_id))).not.toContain(releaseId);
    expect(evidence).toHaveLength(1);
    const events = (await changesSince(before)).map((c) => c.event);
    expect(events).toContain("document.updated");
    expect(events).toContain("document.analysed");
    expect(events).not.toContain("measure.deleted");
  });

  it("stores the exchanges of a VVSG listing with their subsidies, and flags a stated total that does not add up", async () => {
    const listing = [
      "Twaalf lokale besturen leren van elkaar.",
      "Uitwisselingsprogramma armoedebestrijding",
      "Editie 2024",
      "Aalst-Dendermonde: preventie van uithuiszettingen (Aalst deelt haar aanpak). Toegekende subsidie: 18.870€",
      "Gent - Sint-Niklaas: outreach naar gezinnen in armoede. Toegekende subsidie: € 20.000",
      "Totaal toegekend: 40.000 euro",
    ].join("\n");
    const id = await db.db.transaction(async (tx) => {
      const written = await writeRelease(
        tx,
        { uri: "https://www.vvsg.be/nieuws/uitwisselingen-2024", sourceId: "vvsg-news", municipalityNis: null, html: "<p>…</p>", content: { ...release("", listing, "2024-05-02T08:00:00Z"), title: "Uitwisselingen 2024" } },
        NOW,
      );
      return written.id;
    });
    const rows = await db.rows<{ programme: string; edition: string; topic: string; a: string; b: string; subsidy: string; mismatch: boolean; span_start: number; span_end: number }>(
      "select programme, edition, topic, municipality_a_nis as a, municipality_b_nis as b, subsidy_cents::text as subsidy, total_mismatch as mismatch, span_start, span_end from exchanges where document_id = $1 order by span_start",
      [id],
    );
    expect(rows.map((r) => [r.a, r.b, r.topic, r.programme, r.edition, r.subsidy, r.mismatch])).toEqual([
      ["41002", "42006", "preventie van uithuiszettingen", "Uitwisselingsprogramma armoedebestrijding", "Editie 2024", "1887000", true],
      ["44021", "46021", "outreach naar gezinnen in armoede", "Uitwisselingsprogramma armoedebestrijding", "Editie 2024", "2000000", true],
    ]);
    // 18 870 + 20 000 = 38 870, not the stated 40 000.
    expect(listing.slice(rows[0]?.span_start, rows[0]?.span_end)).toMatch(/^Aalst-Dendermonde: preventie/);
  });

  it("re-analysing a source writes change rows only where the output changed, and records the rules version", async () => {
    await db.rows("update documents set rules_version = 'older-rules'");
    const before = await lastSeq();
    const totals = await reanalyseSourceDocuments(db.db, "gent-news", null, () => NOW);
    expect(totals).toEqual({ documents: 1, changed: 0, measuresCreated: 0, measuresChanged: 0, measuresDeleted: 0, linksChanged: 0, failures: [] });
    expect(await changesSince(before)).toEqual([]);
    const versions = await db.rows<{ rules_version: string }>("select rules_version from documents where source_id = 'gent-news'");
    expect(versions).toEqual([{ rules_version: RULES_VERSION }]);
  });

  it("moves what was analysed under taxonomy v1 to the v2 themes of the same code on reprocess: one event per document, no measure made again", async () => {
    // As taxonomy v1 left them: theme rows of version 1, and a hash of an analysis without the version.
    await db.rows("update document_themes dt set theme_id = v1.id from themes cur join themes v1 on v1.code = cur.code and v1.taxonomy_version = 1 where dt.theme_id = cur.id and cur.taxonomy_version = 2");
    await db.rows("update measures m set theme_id = v1.id from themes cur join themes v1 on v1.code = cur.code and v1.taxonomy_version = 1 where m.theme_id = cur.id and cur.taxonomy_version = 2");
    await db.rows("update documents set analysis_hash = 'taxonomy-v1' where source_id = 'gent-news'");
    const measuresBefore = await db.rows<{ id: string; code: string }>("select m.id::text, t.code from measures m join themes t on t.id = m.theme_id order by m.id");
    const before = await lastSeq();
    const totals = await reanalyseSourceDocuments(db.db, "gent-news", null, () => NOW);
    expect(totals).toMatchObject({ documents: 1, changed: 1, measuresCreated: 0, measuresDeleted: 0, failures: [] });
    expect(await changesSince(before)).toEqual([{ event: "document.analysed", entity_type: "document" }]);
    const versions = await db.rows<{ version: number }>(
      "select distinct t.taxonomy_version as version from document_themes dt join themes t on t.id = dt.theme_id join documents d on d.id = dt.document_id where d.source_id = 'gent-news'",
    );
    expect(versions).toEqual([{ version: 2 }]);
    const measuresAfter = await db.rows<{ id: string; code: string; version: number }>("select m.id::text, t.code, t.taxonomy_version as version from measures m join themes t on t.id = m.theme_id join measure_evidence e on e.measure_id = m.id join documents d on d.id = e.document_id where d.source_id = 'gent-news' order by m.id");
    for (const measure of measuresAfter) {
      expect(measure.version).toBe(2);
      expect(measuresBefore).toContainEqual({ id: measure.id, code: measure.code });
    }
  });

  it("moves a measure to its document's publication day once that day is read (it had the scrape day)", async () => {
    const uri = "https://stad.gent/nl/nieuws/huurpremie-2026";
    const text = "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.";
    const announced = async () =>
      (await db.rows<{ announced_on: string }>(
        "select to_char(m.announced_on, 'YYYY-MM-DD') as announced_on from measures m join measure_evidence e on e.measure_id = m.id join documents d on d.id = e.document_id where d.uri = $1",
        [uri],
      )).map((r) => r.announced_on);
    // Without a publication date the document's day is the day it was first seen (NOW, 20 November).
    await db.db.transaction((tx) => writeRelease(tx, { uri, sourceId: "gent-news", municipalityNis: GENT, content: { ...release(uri, text), publishedAt: null } }, NOW));
    expect(await announced()).toEqual(["2026-11-20"]);
    // The byline is read at last: published 3 November 2026, the start of that day in Brussels.
    await storeRelease(uri, text, "2026-11-02T23:00:00.000Z");
    expect(await announced()).toEqual(["2026-11-03"]);
  });
});
