// Synthetic sites for the end-to-end privacy leak test (test/api/privacy-leak.test.ts): BCSD minutes
// of an LBLOD publication site and a press release with a PDF attachment, holding every form of
// personal data the redaction knows. Every person, number, birth date and address is made up;
// check digits computed by hand (97 − (YYMMDDSSS mod 97)):
//   610303123 mod 97 = 75 → 22    790101456 mod 97 = 81 → 16    930822117 mod 97 = 29 → 68
//   720415208 mod 97 = 88 → 09    720909041 mod 97 = 94 → 03
// 850730033 mod 97 = 69 → 28: 85073003328 is a valid number too, but it is only ever a digit run
// inside links and URIs here, which redaction must leave whole.
import { buildPdf } from "../helpers/minimal-pdf.js";

export const LINK_DIGITS = "85073003328";
export const DECISION_URI = `http://data.lblod.info/id/besluiten/bcsd-${LINK_DIGITS}`;
export const LEGAL_BASIS = `https://codex.vlaanderen.be/Zoeken/Document.aspx?DID=${LINK_DIGITS}&param=inhoud`;
export const LBLOD_START = "/Vangdorp/OCMW";
export const NOTULEN_PATH = `${LBLOD_START}/zittingen/z-2026-11-10/notulen`;
export const NEWS_START = "/nieuws";
export const ARTICLE_PATH = "/nieuws/steun-na-woningbrand";
export const ATTACHMENT_PATH = `/docs/${LINK_DIGITS}-beslissing.pdf`;

/** What must never be served, by kind; names are matched as words in any case. */
export const originals = {
  names: [
    "Ahmed El Amrani", "Amrani", "WOUTERS", "Sofie", "Fatima", "Benali", "Maria PEETERS", "Peeters", "van den Broeck", "Emine", "Yilmaz", "Nadia", "Haddou",
    "Pieter De Wolf", "Youssef", "Bouzid", "Lotte Maes", "J.-P. Claes", "Claes", "Samira", "Azzouz", "Hanne", "Goossens", "Rachid", "Ouali",
  ],
  numbers: [
    "61-03-03-123-22", "61030312322", "79/01/01-456/16", "79010145616", "930822 117 68", "93082211768", "72041520809",
    "72.09.09-041.03", "72090904103",
  ],
  birthDates: ["3 maart 1961", "14/06/1958"],
  addresses: ["Kerkstraat 5", "Dorpsplein 2"],
};

/** Named on purpose, with his office: must stay. */
export const OFFICE_HOLDER = "De heer Jan Van Damme, voorzitter";

const prefixes =
  "eli: http://data.europa.eu/eli/ontology# prov: http://www.w3.org/ns/prov# mandaat: http://data.vlaanderen.be/ns/mandaat# " +
  "besluit: http://data.vlaanderen.be/ns/besluit# dct: http://purl.org/dc/terms/ skos: http://www.w3.org/2004/02/skos/core# " +
  "org: http://www.w3.org/ns/org# xsd: http://www.w3.org/2001/XMLSchema# lblodBesluit: http://lblod.data.gift/vocabularies/besluit/";
const CLS = "http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/";
const ID = "http://data.lblod.info/id";

function lblodShell(body: string): string {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Notulen BCSD Vangdorp</title></head>
<body><div vocab="http://data.vlaanderen.be/ns/besluit#" prefix="${prefixes}"><main>${body}</main></div></body></html>`;
}

/** The operative part; a later version adds an article (a new revision with a diff). */
export const OPERATIVE_V1 =
  "Artikel 1. Een leefloon wordt toegekend aan Maria PEETERS. Artikel 2. De aanvraag tot huurwaarborg van mevrouw M. Peeters (79/01/01-456/16) wordt geweigerd. " +
  "Artikel 3. De steun aan mevrouw van den Broeck wordt verlengd. Artikel 4. De stad Gent verhoogt de huurpremie van 100 naar 150 euro per maand.";
export const OPERATIVE_ADDITION = " Artikel 5. Een voorschot wordt uitbetaald aan Pieter De Wolf.";

function notulen(operative: string): string {
  return lblodShell(`<div typeof="besluit:Zitting" resource="${ID}/zittingen/z-2026-11-10">
  <span property="besluit:heeftNotulen" resource="${NOTULEN_PATH}"></span>
  <span property="besluit:isGehoudenDoor" typeof="besluit:Bestuursorgaan" resource="${ID}/bestuursorganen/vangdorp-bcsd">
    <span property="skos:prefLabel">Bijzonder comité voor de sociale dienst Vangdorp</span>
    <span property="org:classification" resource="${CLS}5ab0e9b8a3b2ca7c5e000009"></span>
  </span>
  <p>Zitting van <span property="besluit:geplandeStart" datatype="xsd:dateTime" content="2026-11-10T19:00:00+01:00">10 november 2026</span>
  in <span property="prov:atLocation">Sociaal Huis, Botermarkt 1, 9000 Gent</span></p>
  <ul><li property="besluit:behandelt" typeof="besluit:Agendapunt" resource="${ID}/agendapunten/bcsd-1">
    <span property="dct:title">Steun aan Ahmed El Amrani</span>
    <span property="dct:description">Aanvraag financiële hulp van mevrouw WOUTERS Sofie.</span>
    <span property="besluit:geplandOpenbaar" datatype="xsd:boolean" content="false"></span>
  </li></ul>
  <div typeof="besluit:BehandelingVanAgendapunt" resource="${ID}/behandelingen-van-agendapunten/bcsd-1">
    <span property="dct:subject" resource="${ID}/agendapunten/bcsd-1"></span>
    <span property="besluit:openbaar" datatype="xsd:boolean" content="false"></span>
    <div property="prov:generated" typeof="besluit:Besluit" resource="${DECISION_URI}">
      <h3 property="eli:title">Steun aan Ahmed El Amrani</h3>
      <p property="eli:title_short">Leefloon - Nadia Haddou</p>
      <p property="eli:description">Aanvraag financiële hulp van mevrouw WOUTERS Sofie.</p>
      <div property="besluit:motivering"><p>Het comité heeft een leefloon toegekend aan Fatima Benali, geboren op 3 maart 1961, wonende te Kerkstraat 5, 9000 Gent, rijksregisternummer 61-03-03-123-22.</p>
      <p>${OFFICE_HOLDER}, leidt de bespreking.</p></div>
      <p>Juridische grond: <a property="eli:cites" href="${LEGAL_BASIS}">decreet over het lokaal bestuur</a></p>
      <div property="prov:value"><p>${operative}</p></div>
    </div>
    <div property="besluit:heeftStemming" typeof="besluit:Stemming" resource="${ID}/stemmingen/bcsd-1">
      <span property="besluit:onderwerp">Stemming over de steunaanvraag van Emine Yilmaz</span>
      <span property="besluit:gevolg">goedgekeurd</span>
      <span property="besluit:geheim" datatype="xsd:boolean" content="true"></span>
      <span property="besluit:aantalVoorstanders" datatype="xsd:integer" content="7">7</span>
      <span property="besluit:aantalTegenstanders" datatype="xsd:integer" content="0">0</span>
      <span property="besluit:aantalOnthouders" datatype="xsd:integer" content="1">1</span>
    </div>
  </div>
</div>`);
}

export function buildLblodPages(): Map<string, string> {
  return new Map([
    [LBLOD_START, lblodShell(`<a property="lblodBesluit:linkToPublication" href="${NOTULEN_PATH}">Notulen 10 november 2026</a>`)],
    [NOTULEN_PATH, notulen(OPERATIVE_V1)],
  ]);
}

/** The notulen with one more article, for a second revision. */
export const editNotulen = (html: string) => html.replace(OPERATIVE_V1, OPERATIVE_V1 + OPERATIVE_ADDITION);

export const ARTICLE_ADDITION = "<p>Een voorschot wordt uitbetaald aan Rachid Ouali.</p>";

export function buildNewsPages(): Map<string, string> {
  const article = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Steun voor Youssef Bouzid na woningbrand</title>
<meta name="author" content="Dienst Communicatie, in gesprek met Hanne Goossens"></head>
<body><main><article>
<h1>Steun voor Youssef Bouzid na woningbrand</h1>
<p class="lead">Het OCMW kent een huurwaarborg toe aan Youssef Bouzid (rijksregisternummer 72041520809).</p>
<p class="date">Gepubliceerd op 12-11-2026</p>
<p>Mevrouw Lotte Maes vraagt een voorschot op haar werkloosheidsuitkering.</p>
<p>De heer J.-P. Claes, geboren op 14/06/1958 en woonachtig Dorpsplein 2, ontvangt een tussenkomst in de energiefactuur.</p>
<p>Samira Azzouz ontvangt een eenmalige premie van 250 euro voor schoolkosten.</p>
<p>Het comité heeft ook een leefloon toegekend aan <strong>Hanne</strong> Goossens, rijksregisternummer 930822 117 68.</p>
<p>De stad Gent verhoogt de huurpremie van 100 naar 150 euro per maand.</p>
<p><a href="${ATTACHMENT_PATH}">Beslissing voor Youssef Bouzid</a></p>
</article></main></body></html>`;
  return new Map([
    [NEWS_START, `<div class="news-item"><a href="${ARTICLE_PATH}">Steun na woningbrand</a></div>`],
    [ARTICLE_PATH, article],
    // One short line: the minimal PDF does not wrap, and pdf.js drops what runs off the page.
    [ATTACHMENT_PATH, buildPdf(["Huurwaarborg voor de heer Youssef Bouzid, rrn 72.09.09-041.03."]).toString("latin1")],
  ]);
}

/** The article with one more paragraph, for a second revision. */
export const editArticle = (html: string) => html.replace("<p>De stad Gent verhoogt", `${ARTICLE_ADDITION}\n<p>De stad Gent verhoogt`);
