import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lblodPage } from "../../../schema/lblod.js";
import { parseLblodPage } from "../../../scrapers/parsers/lblod/parse-page.js";

/** Hand-written pages (test/fixtures/lblod-unit/README.md); expected values are read off the fixture. */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../../fixtures/lblod-unit", name), "utf8");

const ID = "http://data.lblod.info/id";
const STANDARD_URL = "https://publicatie.example.org/Vangdorp/Gemeente/zittingen/vd-2024-03-19/besluitenlijst";

describe("parseLblodPage on a well-formed decision list", async () => {
  const page = await parseLblodPage(fixture("besluitenlijst-standard.html"), STANDARD_URL);

  it("passes the page schema", () => {
    expect(lblodPage.safeParse(page).error).toBeUndefined();
    expect(page.url).toBe(STANDARD_URL);
  });

  it("reads the session: body, times in UTC (local times as Brussels time), location, treated items", () => {
    expect(page.sessions).toEqual([
      {
        uri: `${ID}/zittingen/vd-2024-03-19`,
        governingBodyUri: `${ID}/bestuursorganen/vangdorp-gr-2019`,
        plannedStart: "2024-03-19T19:00:00.000Z", // 20:00 without offset, Brussels winter time
        startedAt: "2024-03-19T19:03:00.000Z", // 20:03+01:00
        endedAt: "2024-03-19T21:10:00.000Z", // 21:10Z
        location: "Raadzaal, gemeentehuis",
        agendaItemUris: [`${ID}/agendapunten/vd-b`, `${ID}/agendapunten/vd-c`, `${ID}/agendapunten/vd-a`],
      },
    ]);
  });

  it("numbers the agenda items by their aangebrachtNa chain, not by where they are listed", () => {
    // Listed b, c, a; b comes after a and c after b.
    expect(page.agendaItems).toEqual([
      {
        uri: `${ID}/agendapunten/vd-a`,
        sessionUri: `${ID}/zittingen/vd-2024-03-19`,
        title: "Aanvullende financiële steun: nieuw reglement",
        description: "Het OCMW verhoogt de steun voor energiekosten.",
        plannedPublic: true,
        position: 1,
      },
      expect.objectContaining({ uri: `${ID}/agendapunten/vd-b`, title: "Reglement huurpremie voor jonge gezinnen", position: 2 }),
      expect.objectContaining({ uri: `${ID}/agendapunten/vd-c`, plannedPublic: false, position: 3 }),
    ]);
  });

  it("links treatments to their item, decision and vote; an item may have no decision", () => {
    expect(page.treatments).toEqual([
      { uri: `${ID}/behandelingen-van-agendapunten/vd-a`, agendaItemUri: `${ID}/agendapunten/vd-a`, decisionUris: [`${ID}/besluiten/vd-a`], voteUris: [`${ID}/stemmingen/vd-a`], public: true },
      { uri: `${ID}/behandelingen-van-agendapunten/vd-b`, agendaItemUri: `${ID}/agendapunten/vd-b`, decisionUris: [`${ID}/besluiten/vd-b`], voteUris: [`${ID}/stemmingen/vd-b`], public: true },
      { uri: `${ID}/behandelingen-van-agendapunten/vd-c`, agendaItemUri: `${ID}/agendapunten/vd-c`, decisionUris: [], voteUris: [], public: false },
    ]);
  });

  it("reads a decision: texts keep their paragraphs, the operative part includes its articles, citations once each", () => {
    expect(page.decisions[0]).toEqual({
      uri: `${ID}/besluiten/vd-a`,
      title: "Aanvullende financiële steun: nieuw reglement",
      shortTitle: "Reglement aanvullende steun",
      description: "De raad keurt het nieuwe reglement voor aanvullende financiële steun goed.",
      motivation: [
        "Feiten en context",
        "De energieprijzen blijven hoog.",
        "Het budget stijgt met",
        "85.000 euro.",
        "Juridische grond",
        "Decreet lokaal bestuur, artikel 40",
        "idem",
        "Decreet over het OCMW",
      ].join("\n"),
      operativeText: "Artikel 1\nHet reglement wordt goedgekeurd.",
      legalBasis: ["https://codex.vlaanderen.be/doc/artikel/1331161", "https://codex.vlaanderen.be/doc/document/1009730"],
      publicationDate: "2024-03-22",
      passedByUri: `${ID}/bestuursorganen/vangdorp-gr-2019`,
      language: "http://publications.europa.eu/resource/authority/language/NLD",
      treatmentUri: `${ID}/behandelingen-van-agendapunten/vd-a`,
      agendaItemUri: `${ID}/agendapunten/vd-a`,
    });
    expect(page.decisions[1]).toMatchObject({ uri: `${ID}/besluiten/vd-b`, title: "Reglement huurpremie voor jonge gezinnen", motivation: null, legalBasis: [] });
  });

  it("reads vote counts from typed literals, or counts the voters listed (each once)", () => {
    expect(page.votes).toEqual([
      {
        uri: `${ID}/stemmingen/vd-a`,
        subject: "Aanvullende financiële steun",
        outcome: "goedgekeurd",
        secret: false,
        countFor: 19,
        countAgainst: 4,
        countAbstain: 2,
        treatmentUri: `${ID}/behandelingen-van-agendapunten/vd-a`,
        agendaItemUri: null,
      },
      expect.objectContaining({ uri: `${ID}/stemmingen/vd-b`, countFor: 3, countAgainst: 1, countAbstain: null, secret: null }),
    ]);
  });

  it("reads the time-bound body, its abstract body and the administrative unit with its area", () => {
    expect(page.governingBodies).toEqual([
      { uri: `${ID}/bestuursorganen/vangdorp-gr-2019`, label: null, classificationUri: null, administrativeUnitUri: null, abstractBodyUri: `${ID}/bestuursorganen/vangdorp-gr` },
      {
        uri: `${ID}/bestuursorganen/vangdorp-gr`,
        label: "Gemeenteraad Vangdorp",
        classificationUri: "http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/5ab0e9b8a3b2ca7c5e000005",
        administrativeUnitUri: `${ID}/bestuurseenheden/vangdorp-gemeente`,
        abstractBodyUri: null,
      },
    ]);
    expect(page.administrativeUnits).toEqual([
      {
        uri: `${ID}/bestuurseenheden/vangdorp-gemeente`,
        label: "Gemeente Vangdorp",
        classificationUri: "http://data.vlaanderen.be/id/concept/BestuurseenheidClassificatieCode/5ab0e9b8a3b2ca7c5e000001",
        areaLabel: "Vangdorp",
      },
    ]);
  });

  it("links to the other documents of the session (absolute, without fragment, not to itself) and knows its own kind", () => {
    expect(page.links).toEqual([
      { url: "https://publicatie.example.org/Vangdorp/Gemeente/zittingen/vd-2024-03-19/agenda", rel: "agenda" },
      { url: "https://publicatie.example.org/Vangdorp/Gemeente/zittingen/vd-2024-03-19/notulen", rel: "notulen" },
    ]);
    // The session's heeftBesluitenlijst is this page.
    expect(page.kind).toBe("besluitenlijst");
  });
});

describe("merging what one page says about the same URI in several places", async () => {
  const page = await parseLblodPage(fixture("merging.html"), "https://vangdorp.example/zittingen/z3/notulen");

  it("yields one session, one item and one decision with the facts of every place", () => {
    expect(page.sessions).toEqual([
      {
        uri: "https://vangdorp.example/id/zittingen/z3",
        governingBodyUri: null,
        plannedStart: "2024-01-29T18:30:00.000Z",
        startedAt: null,
        endedAt: null,
        location: "Raadzaal", // from the inner description
        agendaItemUris: ["https://vangdorp.example/id/agendapunten/m1"],
      },
    ]);
    expect(page.agendaItems).toEqual([expect.objectContaining({ uri: "https://vangdorp.example/id/agendapunten/m1", title: "Budget voor de nachtopvang", position: 1 })]);
    expect(page.decisions).toEqual([
      expect.objectContaining({
        uri: "https://vangdorp.example/id/besluiten/m1",
        title: "Budget voor de nachtopvang",
        description: "Twaalf extra bedden van december tot maart.",
        motivation: "Vorige winter was de nachtopvang elke nacht volzet.",
        treatmentUri: "https://vangdorp.example/id/behandelingen/m1",
      }),
    ]);
  });
});

describe("a session index", async () => {
  const url = "https://publicatie.example.org/Vangdorp/Gemeente/zittingen?page=2";
  const page = await parseLblodPage(fixture("session-index.html"), url);

  it("is an index and lists its publications and the next page, absolute and de-duplicated", () => {
    expect(page.kind).toBe("index");
    expect(page.links).toEqual([
      { url: "https://publicatie.example.org/Vangdorp/Gemeente/zittingen/vd-2024-03-19/agenda", rel: "publication" },
      { url: "https://publicatie.example.org/Vangdorp/Gemeente/zittingen/vd-2024-03-19/besluitenlijst", rel: "publication" },
      { url: "https://publicatie.example.org/Vangdorp/OCMW/zittingen/vo-2024-03-19/notulen", rel: "publication" },
      { url: "https://publicatie.example.org/Vangdorp/Gemeente/zittingen?page=3", rel: "next-page" },
    ]);
    expect(page.sessions).toEqual([]);
    expect(lblodPage.safeParse(page).error).toBeUndefined();
  });
});

describe("page kinds", () => {
  const withoutType = fixture("session-without-document-type.html");

  it.each([
    ["https://publicatie.example.org/Vangdorp/Gemeente/zittingen/z4/agenda", "agenda"],
    ["https://publicatie.example.org/Vangdorp/Gemeente/zittingen/z4/besluitenlijst", "besluitenlijst"],
    ["https://raadpleeg-vangdorp.onlinesmartcities.example/zittingen/24.0101.5932.2362/notulen", "notulen"],
    ["https://publicatie.example.org/Vangdorp/Gemeente/uittreksels/b2c4", "uittreksel"],
    ["https://lblod.vangdorp.example/LBLODWeb/Home/Overzicht/0a1b/GetPublication?filename=BesluitenLijst_OCMW%20raad_24-09-2024.html", "besluitenlijst"],
    ["https://lblod.vangdorp.example/LBLODWeb/Home/Overzicht/0a1b/GetPublication?filename=Notulen_Gemeenteraad_27-05-2024.html", "notulen"],
    ["https://lblod.vangdorp.example/LBLODWeb/Home/Overzicht/0a1b/GetPublication?filename=Agenda_Gemeenteraad_27-05-2024.html", "agenda"],
  ] as const)("when the RDFa does not say, the URL decides: %s", async (url, kind) => {
    expect((await parseLblodPage(withoutType, url)).kind).toBe(kind);
  });

  it("when neither RDFa nor URL says, the title decides", async () => {
    // <title>Uittreksel uit de notulen – …</title>: the more specific word wins.
    expect((await parseLblodPage(withoutType, "https://vangdorp.example/pagina/17")).kind).toBe("uittreksel");
  });

  it("the RDFa outweighs URL and title", async () => {
    // The document typed notulen (BesluitDocumentType 8e791b27…) at a URL that says agenda.
    const page = await parseLblodPage(fixture("notulen-vendor-quirks.html"), "https://lblod.vangdorp.example/zittingen/agenda");
    expect(page.kind).toBe("notulen");
  });

  it("is unknown when nothing tells", async () => {
    const html = `<html><head><title>Zitting</title></head><body prefix="besluit: http://data.vlaanderen.be/ns/besluit#"><div typeof="besluit:Zitting" resource="https://vangdorp.example/id/zittingen/z9"></div></body></html>`;
    expect((await parseLblodPage(html, "https://vangdorp.example/zittingen/z9")).kind).toBe("unknown");
  });
});
