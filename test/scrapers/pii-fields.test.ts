import { describe, expect, it } from "vitest";
import { redactArticle, redactLblodPage } from "../../scrapers/normalise/pii-fields.js";
import { redactHtml } from "../../scrapers/normalise/pii-html.js";
import { type RedactionPlan, redactRecord } from "../../scrapers/normalise/pii-record.js";
import type { ExtractedArticle } from "../../schema/article.js";
import type { LblodPage } from "../../schema/lblod.js";
import { NAME_REDACTION_MARK, NATIONAL_REGISTER_REDACTION_MARK } from "../../schema/redaction.js";

const NAME = NAME_REDACTION_MARK;
const NRN = NATIONAL_REGISTER_REDACTION_MARK;
// 85073003328 has valid check digits (97 − (850730033 mod 97) = 28): a register number in a text,
// only a digit run in a URL or URI.
const digitsInLink = "85073003328";

function lblodPage(): LblodPage {
  const base = `https://publicatie.example/Vangdorp/OCMW/zittingen/${digitsInLink}`;
  return {
    url: `${base}/notulen`,
    kind: "notulen",
    sessions: [{ uri: `${base}`, governingBodyUri: "http://data.lblod.info/id/bestuursorganen/vd-bcsd", plannedStart: null, startedAt: null, endedAt: null, location: "Raadzaal", agendaItemUris: [`${base}/ap/1`] }],
    agendaItems: [{ uri: `${base}/ap/1`, sessionUri: base, title: "Aanvraag Fatima Benali", description: null, plannedPublic: false, position: 1 }],
    treatments: [],
    decisions: [
      {
        uri: `http://data.lblod.info/id/besluiten/85.07.30-033.28`,
        title: "Individuele steun",
        shortTitle: null,
        description: null,
        motivation: "Het comité heeft een leefloon toegekend aan Fatima Benali.",
        operativeText: "Artikel 1. Rijksregisternummer 61-03-03-123-22.",
        legalBasis: [`https://codex.vlaanderen.be/Zoeken/Document.aspx?DID=${digitsInLink}`],
        publicationDate: null,
        passedByUri: null,
        language: "nl",
        treatmentUri: null,
        agendaItemUri: `${base}/ap/1`,
      },
    ],
    votes: [{ uri: `${base}/stemming/1`, subject: "Stemming over het dossier van mevrouw Benali", outcome: "goedgekeurd", secret: true, countFor: 5, countAgainst: 0, countAbstain: 0, treatmentUri: null, agendaItemUri: null }],
    governingBodies: [],
    administrativeUnits: [],
    links: [{ url: `${base}/uittreksels/${digitsInLink}`, rel: "uittreksel" }],
    repairs: [],
  };
}

function article(): ExtractedArticle {
  return {
    title: "Steun aan Ahmed El Amrani",
    lead: "Het OCMW helpt een gezin uit de nood.",
    publishedAt: "2026-11-03T00:00:00+01:00",
    modifiedAt: null,
    author: "Redactie, met dank aan El Amrani",
    url: `https://www.vangdorp.example/nieuws/${digitsInLink}`,
    language: "nl",
    text: "Het comité heeft een leefloon toegekend aan Ahmed El Amrani. Zijn rijksregisternummer 79/01/01-456/16 staat in het dossier.",
    html: `<p>Het comité heeft een leefloon toegekend aan <strong>Ahmed</strong> El Amrani. Zijn rijksregisternummer 79/01/01-456/16 staat in het <a href="https://www.vangdorp.example/dossier/${digitsInLink}.pdf">dossier</a>.</p>`,
    attachments: [{ url: `https://www.vangdorp.example/files/${digitsInLink}.pdf`, title: "Beslissing El Amrani", mediaType: "application/pdf", text: "Beslissing over de heer Ahmed El Amrani." }],
  };
}

describe("redacting a parsed LBLOD page", () => {
  const page = lblodPage();
  const redacted = redactLblodPage(page);

  it("redacts the text fields, and a recipient found in one field in every other", () => {
    expect(redacted.decisions[0]?.motivation).toBe(`Het comité heeft een leefloon toegekend aan ${NAME}.`);
    expect(redacted.decisions[0]?.operativeText).toBe(`Artikel 1. Rijksregisternummer ${NRN}.`);
    expect(redacted.agendaItems[0]?.title).toBe(`Aanvraag ${NAME}`);
    expect(redacted.votes[0]?.subject).toBe(`Stemming over het dossier van mevrouw ${NAME}`);
  });

  it("never rewrites a URI or a link, whatever digits it holds", () => {
    expect(redacted.url).toBe(page.url);
    expect(redacted.sessions[0]?.uri).toBe(page.sessions[0]?.uri);
    expect(redacted.decisions[0]?.uri).toBe("http://data.lblod.info/id/besluiten/85.07.30-033.28");
    expect(redacted.decisions[0]?.legalBasis).toEqual(page.decisions[0]?.legalBasis);
    expect(redacted.agendaItems[0]?.uri).toBe(page.agendaItems[0]?.uri);
    expect(redacted.links).toEqual(page.links);
  });
});

describe("redacting an extracted article", () => {
  const original = article();
  const redacted = redactArticle(original);

  it("redacts title, author, body, HTML text and attachment titles and texts", () => {
    expect(redacted.title).toBe(`Steun aan ${NAME}`);
    expect(redacted.author).toBe(`Redactie, met dank aan ${NAME}`);
    expect(redacted.text).toBe(`Het comité heeft een leefloon toegekend aan ${NAME}. Zijn rijksregisternummer ${NRN} staat in het dossier.`);
    expect(redacted.attachments[0]?.title).toBe(`Beslissing ${NAME}`);
    expect(redacted.attachments[0]?.text).toBe(`Beslissing over de heer ${NAME}.`);
    expect(redacted.lead).toBe(original.lead);
  });

  it("keeps the article URL, attachment URLs and every href of the HTML", () => {
    expect(redacted.url).toBe(original.url);
    expect(redacted.attachments[0]?.url).toBe(original.attachments[0]?.url);
    expect(redacted.html).toBe(
      `<p>Het comité heeft een leefloon toegekend aan <strong>${NAME}</strong>. Zijn rijksregisternummer ${NRN} staat in het <a href="https://www.vangdorp.example/dossier/${digitsInLink}.pdf">dossier</a>.</p>`,
    );
  });
});

describe("redacting HTML", () => {
  it("returns a fragment without personal data unchanged, byte for byte", () => {
    const html = `<p>Caf&eacute; &amp; <a href="https://x.example/a?b=1&amp;c=2">meer</a>&nbsp;info</p>`;
    expect(redactHtml(html, [])).toBe(html);
  });

  it("does not read across paragraphs as one sentence", () => {
    const html = "<p>Het comité weigert de aanvraag.</p><p>Jan Peeters, schepen, licht toe.</p>";
    expect(redactHtml(html, [])).toBe(html);
  });
});

describe("a record field the plan does not name", () => {
  it("is redacted as text rather than leaked", () => {
    type Row = { uri: string; note: string };
    const plan = { uri: "keep" } as unknown as RedactionPlan<Row>;
    expect(redactRecord({ uri: `https://x.example/${digitsInLink}`, note: `rrn ${digitsInLink}` }, plan)).toEqual({ uri: `https://x.example/${digitsInLink}`, note: `rrn ${NRN}` });
  });
});
