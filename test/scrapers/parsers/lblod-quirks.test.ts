import { describe, expect, it } from "vitest";
import { lblodPage } from "../../../schema/lblod.js";
import { parseLblodPage } from "../../../scrapers/parsers/lblod/parse-page.js";

const page = (body: string, prefix = "besluit: http://data.vlaanderen.be/ns/besluit# eli: http://data.europa.eu/eli/ontology# prov: http://www.w3.org/ns/prov# dct: http://purl.org/dc/terms/") =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body prefix="${prefix}">${body}</body></html>`;

describe("LBLOD parser quirks", () => {
  it("reads single-quoted attributes, the https namespace and an undeclared dc: prefix", async () => {
    const html = page(`
      <div typeof='besluit:Zitting' resource='http://data.lblod.info/id/zittingen/1'>
        <span property='besluit:geplandeStart' datatype='xsd:dateTime' content='2026-10-28T20:00:00'></span>
        <div property='besluit:behandelt' typeof='besluit:Agendapunt' resource='http://data.lblod.info/id/agendapunten/1'>
          <span property='dc:title'>Reglement huursubsidie</span>
          <span property='https://data.vlaanderen.be/ns/besluit#geplandOpenbaar' content='false' datatype='xsd:boolean'></span>
        </div>
      </div>`);
    const parsed = await parseLblodPage(html, "http://127.0.0.1/zittingen/1/agenda");
    expect(lblodPage.safeParse(parsed).success).toBe(true);
    // 20:00 without offset is Brussels time: UTC+1 on 28 October 2026 (winter time since the 25th).
    expect(parsed.sessions[0]?.plannedStart).toBe("2026-10-28T19:00:00.000Z");
    expect(parsed.agendaItems).toEqual([
      {
        uri: "http://data.lblod.info/id/agendapunten/1",
        sessionUri: "http://data.lblod.info/id/zittingen/1",
        title: "Reglement huursubsidie",
        description: null,
        plannedPublic: false,
        position: 1,
      },
    ]);
    expect(parsed.kind).toBe("agenda");
  });

  it("links treatment, decision and vote, with counts from aantal* or from the listed voters", async () => {
    const html = page(`
      <div typeof="besluit:BehandelingVanAgendapunt" resource="http://x/behandelingen/1">
        <span property="dct:subject" resource="http://x/agendapunten/1"></span>
        <span property="besluit:openbaar" content="true" datatype="xsd:boolean"></span>
        <div property="prov:generated" typeof="besluit:Besluit" resource="http://x/besluiten/1">
          <span property="eli:title">Toelage schoolkosten</span>
          <div property="besluit:motivering"><p>Gezinnen met een laag inkomen.</p>

          <p>Het budget stijgt.</p></div>
          <a property="eli:cites" href="https://codex.vlaanderen.be/1">decreet</a>
          <span property="eli:date_publication" datatype="xsd:date" content="2026-11-02"></span>
        </div>
        <div property="besluit:heeftStemming" typeof="besluit:Stemming" resource="http://x/stemmingen/1">
          <span property="besluit:gevolg">goedgekeurd</span>
          <span property="besluit:aantalVoorstanders" content="21" datatype="xsd:integer"></span>
          <span property="besluit:heeftTegenstander" resource="http://x/persoon/a"></span>
          <span property="besluit:heeftTegenstander" resource="http://x/persoon/b"></span>
          <span property="besluit:heeftOnthouders" resource="http://x/persoon/c"></span>
        </div>
      </div>`);
    const parsed = await parseLblodPage(html, "http://127.0.0.1/zittingen/1/notulen");
    expect(parsed.decisions[0]).toMatchObject({
      uri: "http://x/besluiten/1",
      title: "Toelage schoolkosten",
      motivation: "Gezinnen met een laag inkomen.\nHet budget stijgt.",
      legalBasis: ["https://codex.vlaanderen.be/1"],
      publicationDate: "2026-11-02",
      treatmentUri: "http://x/behandelingen/1",
      agendaItemUri: "http://x/agendapunten/1",
    });
    expect(parsed.votes[0]).toMatchObject({ outcome: "goedgekeurd", countFor: 21, countAgainst: 2, countAbstain: 1, treatmentUri: "http://x/behandelingen/1" });
    expect(parsed.treatments[0]?.public).toBe(true);
    expect(parsed.kind).toBe("notulen");
  });

  it("attaches a vote given on the agenda item itself", async () => {
    const html = page(`
      <div typeof="besluit:Agendapunt" resource="http://x/agendapunten/9">
        <span property="dct:title">Nachtopvang</span>
        <div property="besluit:heeftStemming" typeof="besluit:Stemming" resource="http://x/stemmingen/9">
          <span property="besluit:gevolg">verworpen</span>
        </div>
      </div>`);
    const parsed = await parseLblodPage(html, "http://127.0.0.1/x");
    expect(parsed.votes).toEqual([
      expect.objectContaining({ uri: "http://x/stemmingen/9", agendaItemUri: "http://x/agendapunten/9", treatmentUri: null, outcome: "verworpen" }),
    ]);
  });

  it("reads a session index: publication links and pagination, absolute and de-duplicated", async () => {
    const html = page(
      `<ul>
        <li><a property="lblodBesluit:linkToPublication" href="/Kortenberg/Gemeente/zittingen/1/agenda">agenda</a></li>
        <li><a property="lblodBesluit:linkToPublication" href="/Kortenberg/Gemeente/zittingen/1/agenda">agenda</a></li>
        <li><a property="lblodBesluit:linkToPublication" href="zittingen/1/notulen#top">notulen</a></li>
      </ul><a rel="next" href="?page=1">volgende</a>`,
      "lblodBesluit: http://lblod.data.gift/vocabularies/besluit/",
    );
    const parsed = await parseLblodPage(html, "http://127.0.0.1:8080/Kortenberg/Gemeente/");
    expect(parsed.kind).toBe("index");
    expect(parsed.links).toEqual([
      { url: "http://127.0.0.1:8080/Kortenberg/Gemeente/zittingen/1/agenda", rel: "publication" },
      { url: "http://127.0.0.1:8080/Kortenberg/Gemeente/zittingen/1/notulen", rel: "publication" },
      { url: "http://127.0.0.1:8080/Kortenberg/Gemeente/?page=1", rel: "next-page" },
    ]);
  });

  it("does not throw on a truncated page or garbage values; it reads what it can", async () => {
    const html = `<html><body prefix="besluit: http://data.vlaanderen.be/ns/besluit#"><div typeof="besluit:Zitting" resource="http://x/z/1"><span property="besluit:geplandeStart" content="morgen"></span><div property="besluit:behandelt" typeof="besluit:Agendapunt" resource="http://x/a/1"><span property="http://purl.org/dc/terms/title">Sociale kruid`;
    const parsed = await parseLblodPage(html, "http://127.0.0.1/z/1/agenda");
    expect(lblodPage.safeParse(parsed).success).toBe(true);
    expect(parsed.sessions[0]?.plannedStart).toBeNull();
    expect(parsed.agendaItems[0]?.title).toBe("Sociale kruid");
  });

  it("returns empty lists for a page without RDFa", async () => {
    const parsed = await parseLblodPage("<html><body><h1>Onderhoud</h1></body></html>", "http://127.0.0.1/x");
    expect(parsed).toMatchObject({ kind: "unknown", sessions: [], decisions: [], links: [] });
  });
});
