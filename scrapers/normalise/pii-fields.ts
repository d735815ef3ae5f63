import type { ExtractedArticle } from "../../schema/article.js";
import type { LblodPage } from "../../schema/lblod.js";
import { type RedactionPlan, redactRecord } from "./pii-record.js";

/** Which fields of a parsed LBLOD page are text: titles, descriptions, motivation, operative text, vote subjects, labels. */
const lblodPagePlan: RedactionPlan<LblodPage> = {
  url: "keep",
  kind: "keep",
  sessions: { uri: "keep", governingBodyUri: "keep", plannedStart: "keep", startedAt: "keep", endedAt: "keep", location: "text", agendaItemUris: "keep" },
  agendaItems: { uri: "keep", sessionUri: "keep", title: "text", description: "text" },
  treatments: { uri: "keep", agendaItemUri: "keep", decisionUris: "keep", voteUris: "keep" },
  decisions: {
    uri: "keep",
    title: "text",
    shortTitle: "text",
    description: "text",
    motivation: "text",
    operativeText: "text",
    legalBasis: "keep",
    publicationDate: "keep",
    passedByUri: "keep",
    language: "keep",
    treatmentUri: "keep",
    agendaItemUri: "keep",
  },
  votes: { uri: "keep", subject: "text", outcome: "text", treatmentUri: "keep", agendaItemUri: "keep" },
  governingBodies: { uri: "keep", label: "text", classificationUri: "keep", administrativeUnitUri: "keep", abstractBodyUri: "keep" },
  administrativeUnits: { uri: "keep", label: "text", classificationUri: "keep", areaLabel: "text" },
  links: { url: "keep", rel: "keep" },
  repairs: { kind: "keep", example: { published: "keep", read: "keep" } },
};

/** Which fields of an extracted article are text: title, lead, author, body, attachment titles and texts. */
const articlePlan: RedactionPlan<ExtractedArticle> = {
  title: "text",
  lead: "text",
  publishedAt: "keep",
  modifiedAt: "keep",
  author: "text",
  url: "keep",
  language: "keep",
  text: "text",
  html: "html",
  attachments: { url: "keep", title: "text", mediaType: "keep", text: "text" },
};

/** A parsed LBLOD page with its personal data redacted and its URIs and links untouched. */
export function redactLblodPage(page: LblodPage): LblodPage {
  return redactRecord(page, lblodPagePlan);
}

/** An extracted article (with its attachments' texts) with its personal data redacted and its URLs untouched. */
export function redactArticle(article: ExtractedArticle): ExtractedArticle {
  return redactRecord(article, articlePlan);
}
