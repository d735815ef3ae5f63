import type { DecisionContent } from "../../db/write/document-plan.js";
import type { PressReleaseContent } from "../../db/write/document-plan.js";
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

/** An attachment's title and text are text; its link and type are kept. */
const attachmentPlan = { url: "keep", title: "text", mediaType: "keep", text: "text" } as const;

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
  attachments: attachmentPlan,
};

/** A parsed LBLOD page with its personal data redacted and its URIs and links untouched. */
export function redactLblodPage(page: LblodPage): LblodPage {
  return redactRecord(page, lblodPagePlan);
}

/** An extracted article (with its attachments' texts) with its personal data redacted and its URLs untouched. */
export function redactArticle(article: ExtractedArticle): ExtractedArticle {
  return redactRecord(article, articlePlan);
}

/** A stored revision's texts: its title, text, HTML and the kind-specific fields it kept. */
export interface RevisionTexts {
  title: string;
  text: string;
  html: string | null;
  /** A council decision's content or a press release's, as stored with the revision. */
  fields: Partial<DecisionContent & PressReleaseContent>;
}

/** Which fields of a stored revision are text (the fields of either document kind). */
const revisionPlan: RedactionPlan<RevisionTexts> = {
  title: "text",
  text: "text",
  html: "html",
  fields: {
    title: "text",
    shortTitle: "text",
    description: "text",
    motivation: "text",
    operativeText: "text",
    legalBasis: "keep",
    publicationDate: "keep",
    sessionStart: "keep",
    governingBodyUri: "keep",
    votes: { uri: "keep", outcome: "text" },
    lead: "text",
    text: "text",
    publishedAt: "keep",
    modifiedAt: "keep",
    author: "text",
    attachments: attachmentPlan,
  },
};

/**
 * A stored revision redacted by the current rules, as a whole: a name that one of its fields
 * gives away is redacted in all of them. For history written under older, weaker rules.
 */
export function redactRevision(revision: RevisionTexts): RevisionTexts {
  return redactRecord(revision, revisionPlan);
}
