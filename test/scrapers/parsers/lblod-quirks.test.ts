import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lblodPage } from "../../../schema/lblod.js";
import { parseLblodPage } from "../../../scrapers/parsers/lblod/parse-page.js";

/** Hand-written pages (test/fixtures/lblod-unit/README.md); expected values are read off the fixture. */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../../fixtures/lblod-unit", name), "utf8");

describe("vendor quirks in prefixes, namespaces, quoting, dates and counts", async () => {
  const url = "https://lblod.vangdorp.example/LBLODWeb/Home/Overzicht/0a1b/GetPublication/?filename=Publicatie_27-05-2024.html";
  const page = await parseLblodPage(fixture("notulen-vendor-quirks.html"), url);
  const base = "https://lblod.vangdorp.example/LBLODWeb/id";

  it("passes the page schema and takes its kind from its own document type", () => {
    expect(lblodPage.safeParse(page).error).toBeUndefined();
    expect(page.kind).toBe("notulen");
  });

  it("reads single-quoted attributes, the https besluit namespace, dc: from the initial context and undeclared dct:", () => {
    expect(page.agendaItems).toEqual([
      {
        uri: `${base}/agendapunt/ap-1`,
        sessionUri: `${base}/zittingen/z-0527`,
        title: "Huurwaarborg voor dakloze inwoners", // dc:title
        description: "Het OCMW schiet de huurwaarborg voor.", // dct:description, prefix never declared
        plannedPublic: true, // besluit: bound to https://data.vlaanderen.be/ns/besluit#
        position: 1,
      },
      expect.objectContaining({ uri: `${base}/agendapunt/ap-2`, title: "Nachtopvang in de winter", plannedPublic: null, position: 2 }),
    ]);
  });

  it("reads seven fractional digits, local times as Brussels time, and offsets", () => {
    expect(page.sessions[0]).toMatchObject({
      plannedStart: "2024-05-27T17:00:00.000Z", // 2024-05-27T17:00:00.0000000Z
      startedAt: "2024-05-27T17:02:30.123Z", // 2024-05-27T19:02:30.1234567, Brussels summer time
      endedAt: "2024-05-27T19:15:00.000Z", // 2024-05-27T21:15:00+02:00
    });
  });

  it("reads the older besluit:classificatie and a label wrapped in a heading", () => {
    expect(page.governingBodies).toEqual([
      {
        uri: "http://data.lblod.info/id/bestuursorganen/vangdorp-rmw",
        label: "Raad voor maatschappelijk welzijn Vangdorp",
        classificationUri: "http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/5ab0e9b8a3b2ca7c5e000007",
        administrativeUnitUri: null,
        abstractBodyUri: null,
      },
    ]);
  });

  it("finds decisions typed in typographic quotes (dropped by RDFa) and typed with the https namespace", () => {
    expect(page.decisions.map((d) => [d.uri, d.title, d.treatmentUri])).toEqual([
      [`${base}/besluiten/ap-1`, "1. Huurwaarborg voor dakloze inwoners", `${base}/behandelingen-van-agendapunten/ap-1`],
      [`${base}/besluiten/ap-2`, "2. Nachtopvang in de winter", `${base}/behandelingen-van-agendapunten/ap-2`],
    ]);
    expect(page.decisions[0]?.publicationDate).toBe("2024-06-03");
  });

  it("reads counts written as plain text and counts the plural besluit:heeftOnthouders", () => {
    expect(page.votes).toEqual([
      {
        uri: `${base}/stemmingen/ap-1`,
        subject: null,
        outcome: "De raad keurt het voorstel goed.",
        secret: false, // element text "false"
        countFor: 12, // <span …>12</span>, unquoted datatype
        countAgainst: 3, // "3 stemmen"
        countAbstain: 2, // two besluit:heeftOnthouders, no aantalOnthouders
        treatmentUri: `${base}/behandelingen-van-agendapunten/ap-1`,
        agendaItemUri: null,
      },
    ]);
  });
});

describe("how treatments, decisions and votes find each other", async () => {
  const page = await parseLblodPage(fixture("treatment-links.html"), "https://vangdorp.example/zittingen/z2/notulen");
  const id = "https://vangdorp.example/id";

  it("follows Cipal's aangebrachtNa stand-ins (blank items with the IRI as text) and makes no item of them", () => {
    expect(page.agendaItems.map((i) => [i.uri, i.position])).toEqual([
      [`${id}/agendapunten/i1`, 1],
      [`${id}/agendapunten/i2`, 2],
      [`${id}/agendapunten/i3`, 3],
    ]);
  });

  it("attaches a vote given on the agenda item to that item", () => {
    expect(page.votes.find((v) => v.uri === `${id}/stemmingen/v1`)).toEqual({
      uri: `${id}/stemmingen/v1`,
      subject: null,
      outcome: "goedgekeurd",
      secret: null,
      countFor: 21, // content="21" without datatype
      countAgainst: null,
      countAbstain: null,
      treatmentUri: null,
      agendaItemUri: `${id}/agendapunten/i1`,
    });
  });

  it("attaches a vote nested in its treatment without heeftStemming to that treatment", () => {
    expect(page.votes.find((v) => v.uri === `${id}/stemmingen/v2`)).toMatchObject({ treatmentUri: `${id}/behandelingen/t2`, agendaItemUri: null, outcome: "Kennis genomen" });
    expect(page.treatments.find((t) => t.uri === `${id}/behandelingen/t2`)?.voteUris).toEqual([`${id}/stemmingen/v2`]);
  });

  it("finds untyped decisions through prov:generated and through prov:wasGeneratedBy", () => {
    expect(page.decisions.map((d) => [d.uri, d.title, d.treatmentUri, d.agendaItemUri])).toEqual([
      [`${id}/besluiten/d1`, "Samenwerking met het CAW voor schuldhulpverlening", `${id}/behandelingen/t1`, `${id}/agendapunten/i1`],
      [`${id}/besluiten/d2`, "Werkingssubsidie voor de sociale kruidenier", `${id}/behandelingen/t2`, `${id}/agendapunten/i2`],
    ]);
    expect(page.treatments.find((t) => t.uri === `${id}/behandelingen/t2`)?.decisionUris).toEqual([`${id}/besluiten/d2`]);
  });

  it("keeps an agenda item that has no treatment and no decision", () => {
    expect(page.agendaItems.find((i) => i.uri === `${id}/agendapunten/i3`)).toMatchObject({ title: "Mededelingen", sessionUri: `${id}/zittingen/z2` });
    expect(page.decisions.some((d) => d.agendaItemUri === `${id}/agendapunten/i3`)).toBe(false);
  });
});

describe("broken pages", () => {
  it("reads what it can from a truncated page with values that do not match their datatype", async () => {
    const page = await parseLblodPage(fixture("malformed.html"), "https://vangdorp.example/zittingen/z5/notulen");
    expect(lblodPage.safeParse(page).error).toBeUndefined();
    // "morgen om acht uur", 30 February, 25 o'clock: no dates.
    expect(page.sessions[0]).toMatchObject({ uri: "https://vangdorp.example/id/zittingen/z5", plannedStart: null, startedAt: null, endedAt: null });
    // The page stops in the middle of the second item's title; what is there counts.
    expect(page.agendaItems.map((i) => [i.title, i.plannedPublic])).toEqual([
      ["Energiepremie voor huurders", null], // geplandOpenbaar "misschien"
      ["Sociale huisvesting: nieuwe toewijzingsregels voor kandidaat-huu", null],
    ]);
    expect(page.decisions[0]).toMatchObject({ title: "Energiepremie voor huurders", publicationDate: null }); // "volgende week"
    // "veel", "-2", "1.5" and "ja" are no counts and no boolean.
    expect(page.votes[0]).toMatchObject({ countFor: null, countAgainst: null, countAbstain: null, secret: null });
    // A javascript: link and a broken IRI are not followed.
    expect(page.links).toEqual([]);
    expect(page.kind).toBe("notulen"); // from the URL
  });

  it("returns empty lists, not an error, for a page without RDFa (the caller reports it)", async () => {
    const page = await parseLblodPage("<html><head><title>Onderhoud</title></head><body><h1>Even geduld</h1></body></html>", "https://vangdorp.example/x");
    expect(page).toEqual({
      url: "https://vangdorp.example/x",
      kind: "unknown",
      sessions: [],
      agendaItems: [],
      treatments: [],
      decisions: [],
      votes: [],
      governingBodies: [],
      administrativeUnits: [],
      links: [],
      repairs: [],
    });
  });

  it("reads an empty or binary-looking body without throwing", async () => {
    expect((await parseLblodPage("", "https://vangdorp.example/x")).kind).toBe("unknown");
    expect((await parseLblodPage("\u0000\u0001<<<>>>\ufffd", "https://vangdorp.example/x")).sessions).toEqual([]);
  });

  it("throws a clear error for a page URL it cannot use as base", async () => {
    await expect(parseLblodPage("<html></html>", "/zittingen/1")).rejects.toThrow(/absolute URL.*"\/zittingen\/1"/);
  });
});

/** One page per quirk reported on real publications (test/fixtures/lblod-quirks/README.md). */
const quirk = (name: string) => readFileSync(join(import.meta.dirname, "../../fixtures/lblod-quirks", name), "utf8");

describe("an IRI with a space (…html# Agendapunt28668)", async () => {
  const page = await parseLblodPage(quirk("iri-with-space.html"), "https://vangdorp.example/notulen/2026-10-21.html");
  const doc = "https://vangdorp.example/notulen/2026-10-21.html";

  it("keeps every agenda item that uses it, percent-encoded as a browser reads the link, with its session, order and decision", () => {
    expect(page.agendaItems.map((i) => [i.uri, i.title, i.sessionUri, i.position])).toEqual([
      [`${doc}#%20Agendapunt28668`, "Huurpremie voor jonge gezinnen", `${doc}#zitting`, 1],
      [`${doc}#%20Agendapunt28669`, "Sociale kruidenier: werkingssubsidie", `${doc}#zitting`, 2],
    ]);
    expect(page.treatments.map((t) => t.agendaItemUri)).toEqual([`${doc}#%20Agendapunt28668`, `${doc}#%20Agendapunt28669`]);
    expect(page.decisions.map((d) => [d.uri, d.agendaItemUri])).toEqual([[`${doc}#besluit-28668`, `${doc}#%20Agendapunt28668`]]);
  });

  it("counts the repairs for the run's warnings: six attributes, with the first as published and as read", () => {
    expect(page.repairs).toEqual([
      { kind: "iri", count: 6, example: { published: `${doc}# Agendapunt28668`, read: `${doc}#%20Agendapunt28668` } },
    ]);
    expect(lblodPage.safeParse(page).error).toBeUndefined();
  });
});

describe("a vote element that names its treatment with about", async () => {
  const page = await parseLblodPage(quirk("vote-about-treatment.html"), "https://vangdorp.example/zittingen/z-1021/besluitenlijst");
  const id = "https://data.vangdorp.example/id";

  it("yields one vote per vote, with its counts, attached to its treatment (property and rel alike)", () => {
    expect(page.votes).toEqual([
      {
        uri: `${id}/stemmingen/1`,
        subject: null,
        outcome: "goedgekeurd",
        secret: null,
        countFor: 18,
        countAgainst: 5,
        countAbstain: 2,
        treatmentUri: `${id}/behandelingen/1`,
        agendaItemUri: null,
      },
      expect.objectContaining({ uri: `${id}/stemmingen/2`, outcome: "eenparig goedgekeurd", countFor: 25, treatmentUri: `${id}/behandelingen/2` }),
    ]);
    expect(page.treatments.map((t) => [t.uri, t.voteUris])).toEqual([
      [`${id}/behandelingen/1`, [`${id}/stemmingen/1`]],
      [`${id}/behandelingen/2`, [`${id}/stemmingen/2`]],
    ]);
  });

  it("reports the two elements it read that way", () => {
    expect(page.repairs).toEqual([
      {
        kind: "linked-type",
        count: 2,
        example: { published: `typeof on about="${id}/behandelingen/1"`, read: `typeof on resource="${id}/stemmingen/1"` },
      },
    ]);
  });
});

describe("an element that links a resource to itself and types it", () => {
  it("types it as RDFa does and counts no repair", async () => {
    const html = `<div prefix="besluit: http://data.vlaanderen.be/ns/besluit# dct: http://purl.org/dc/terms/"><p about="https://x.example/s/1" property="dct:relation" resource="https://x.example/s/1" typeof="besluit:Stemming"><span property="besluit:gevolg">goedgekeurd</span></p></div>`;
    const page = await parseLblodPage(html, "https://x.example/notulen");
    expect(page.votes.map((v) => [v.uri, v.outcome])).toEqual([["https://x.example/s/1", "goedgekeurd"]]);
    expect(page.repairs).toEqual([]);
  });
});

describe("an agenda item titled through its treatment", async () => {
  const page = await parseLblodPage(quirk("title-on-treatment.html"), "https://vangdorp.example/zittingen/z-1014/notulen");
  const id = "https://data.vangdorp.example/id";

  it("takes the treatment's title, also a dc:title written inside the dc:subject element, and keeps its own when it has one", () => {
    expect(page.agendaItems.map((i) => [i.uri, i.title, i.position])).toEqual([
      [`${id}/agendapunten/a`, "Schuldhulpverlening: samenwerking met het CAW", 1],
      [`${id}/agendapunten/b`, "Energiepremie voor huurders", 2],
      [`${id}/agendapunten/c`, "Mededelingen", 3],
    ]);
    expect(page.repairs).toEqual([]);
  });
});
