import { startOfBrusselsDay } from "../../schema/dutch-text.js";
import { diffFields, type DocumentKind, type FieldChange } from "../../schema/change-events.js";
import { containsRedaction } from "../../schema/redaction.js";
import { hashContent } from "../content-hash.js";

/**
 * Planning a document write: a pure function of the parsed record and what is stored decides
 * insert / update / noop by content hash, which rows to write and which event to append.
 * `applyDocumentPlan` (write-document.ts) carries the plan out; nothing here touches a database.
 */

export type WriteOutcome = "insert" | "update" | "noop";

/** The user-visible content of a council decision: what its hash and revisions cover. */
export interface DecisionContent {
  title: string;
  shortTitle: string | null;
  description: string | null;
  motivation: string | null;
  operativeText: string | null;
  legalBasis: string[];
  publicationDate: string | null;
  isPublic: boolean | null;
  sessionStart: string | null;
  governingBodyUri: string | null;
  votes: { uri: string; outcome: string | null; countFor: number | null; countAgainst: number | null; countAbstain: number | null; secret: boolean | null }[];
}

/** The user-visible content of a press release: what its hash and revisions cover. */
export interface PressReleaseContent {
  title: string;
  lead: string | null;
  text: string;
  publishedAt: string | null;
  modifiedAt: string | null;
  author: string | null;
  attachments: { url: string; title: string; mediaType: string; text?: string | null }[];
}

/** The page a write read the document from, remembered with what it said. */
export interface DocumentPage {
  url: string;
  pageKind: string;
  captureId: number | null;
  facts: unknown;
}

interface WriteCommon {
  uri: string;
  sourceId: string;
  municipalityNis: string | null;
  page: DocumentPage;
  runId: number | null;
  captureId: number | null;
}

export interface DecisionWrite extends WriteCommon {
  kind: "council_decision";
  content: DecisionContent;
  links: { sessionId: number | null; agendaItemId: number | null; governingBodyId: number | null; administrativeUnitId: number | null };
  /** Every page kind that has said something about the decision so far. */
  seenIn: string[];
}

export interface PressReleaseWrite extends WriteCommon {
  kind: "press_release";
  language: string;
  html: string;
  content: PressReleaseContent;
}

export type DocumentWrite = DecisionWrite | PressReleaseWrite;

/** What is stored of a document, as far as planning a write needs it. */
export interface StoredDocument {
  id: number;
  contentHash: string;
  revision: number;
  status: string;
  /** The content its current revision holds. */
  revisionFields: Record<string, unknown> | null;
  /**
   * Whether the current revision is still open to this crawl: written by this run, or by a run
   * whose process died before it finished (the next run completes it).
   */
  openRevision: "this-run" | "interrupted" | null;
}

/** The columns of `documents` a write sets. */
export interface DocumentColumns {
  piiRedacted: boolean;
  title: string;
  description: string | null;
  text: string;
  html: string | null;
  language: string;
  publishedAt: Date | null;
  municipalityNis: string | null;
}

export interface RevisionRow {
  title: string;
  text: string;
  html: string | null;
  fields: DecisionContent | PressReleaseContent;
  captureId: number | null;
}

export interface DocumentPlan {
  kind: DocumentKind;
  uri: string;
  sourceId: string;
  outcome: WriteOutcome;
  contentHash: string;
  /** Set on insert and update; null leaves the document's columns as they are. */
  columns: DocumentColumns | null;
  /** The kind's own row (council_decisions, press_releases): written on insert, and when `writeSpecific`. */
  specific: Record<string, unknown>;
  writeSpecific: boolean;
  /** A new revision (`insert`), the current one rewritten (`amend`), or none. */
  revision: { number: number; mode: "insert" | "amend"; row: RevisionRow } | null;
  /** A withdrawn document that is seen again becomes active. */
  restore: boolean;
  page: DocumentPage;
  /** Whether a page seen before has its facts replaced (a decision's pages) or is kept as first seen (an article's). */
  refreshPage: boolean;
  /** The document event to append, beside `document.restored`. */
  event: { event: "document.created" } | { event: "document.updated"; changes: FieldChange[] } | null;
}

/** How each kind of document maps onto the tables: the only place the write path tells kinds apart. */
interface KindRules<W extends DocumentWrite> {
  columns(write: W): DocumentColumns;
  specific(write: W): Record<string, unknown>;
  revisionHtml(write: W): string | null;
  /** Several pages of one crawl complete one version (decision list, minutes): amend the revision this crawl wrote. */
  assembledFromPages: boolean;
  /** Links the kind's row holds are completed silently, without a revision (a decision's agenda item, known later). */
  refreshSpecificWhenUnchanged: boolean;
  refreshPage: boolean;
}

const decisionRules: KindRules<DecisionWrite> = {
  columns: (write) => {
    const c = write.content;
    return {
      piiRedacted: containsRedaction(c),
      title: c.title,
      description: c.description,
      text: [c.motivation, c.operativeText].filter(Boolean).join("\n\n"),
      html: null,
      language: "nl",
      // A publication date is a day: stored as the moment it starts in Brussels, as for press releases.
      publishedAt: c.publicationDate ? startOfBrusselsDay(c.publicationDate) : c.sessionStart ? new Date(c.sessionStart) : null,
      municipalityNis: write.municipalityNis,
    };
  },
  specific: (write) => {
    const c = write.content;
    return {
      ...write.links,
      shortTitle: c.shortTitle,
      motivation: c.motivation,
      operativeText: c.operativeText,
      legalBasis: c.legalBasis,
      isPublic: c.isPublic,
      sessionStart: c.sessionStart ? new Date(c.sessionStart) : null,
      seenIn: write.seenIn,
    };
  },
  revisionHtml: () => null,
  assembledFromPages: true,
  refreshSpecificWhenUnchanged: true,
  refreshPage: true,
};

const pressReleaseRules: KindRules<PressReleaseWrite> = {
  columns: (write) => {
    const c = write.content;
    return {
      piiRedacted: containsRedaction(c),
      title: c.title,
      description: c.lead,
      text: c.text,
      html: write.html,
      language: write.language,
      publishedAt: c.publishedAt ? new Date(c.publishedAt) : null,
      municipalityNis: write.municipalityNis,
    };
  },
  specific: (write) => {
    const c = write.content;
    return { lead: c.lead, author: c.author, canonicalUrl: write.uri, modifiedAt: c.modifiedAt ? new Date(c.modifiedAt) : null, attachments: c.attachments };
  },
  revisionHtml: (write) => write.html,
  assembledFromPages: false,
  refreshSpecificWhenUnchanged: false,
  // The same article may be announced by several sources (a feed and a list): every page kept as first seen.
  refreshPage: false,
};

function rulesOf(write: DocumentWrite): KindRules<DocumentWrite> {
  return (write.kind === "council_decision" ? decisionRules : pressReleaseRules) as KindRules<DocumentWrite>;
}

/** Whether a write of this kind may amend the revision an earlier page of the same crawl wrote. */
export function isAssembledFromPages(kind: DocumentKind): boolean {
  return kind === "council_decision" ? decisionRules.assembledFromPages : pressReleaseRules.assembledFromPages;
}

/**
 * Decide what storing `write` means given what is stored: insert a new document, update it with
 * a new revision (or amend the revision this crawl is assembling), or leave it alone.
 */
export function planDocumentWrite(write: DocumentWrite, stored: StoredDocument | null): DocumentPlan {
  const rules = rulesOf(write);
  const contentHash = hashContent(write.content);
  const columns = rules.columns(write);
  const revisionRow: RevisionRow = { title: columns.title, text: columns.text, html: rules.revisionHtml(write), fields: write.content, captureId: write.captureId };
  const base = { kind: write.kind, uri: write.uri, sourceId: write.sourceId, contentHash, specific: rules.specific(write), page: write.page, refreshPage: rules.refreshPage };
  if (!stored) {
    return { ...base, outcome: "insert", columns, writeSpecific: true, revision: { number: 1, mode: "insert", row: revisionRow }, restore: false, event: { event: "document.created" } };
  }
  const restore = stored.status === "withdrawn";
  if (stored.contentHash === contentHash) {
    return { ...base, outcome: restore ? "update" : "noop", columns: null, writeSpecific: rules.refreshSpecificWhenUnchanged, revision: null, restore, event: null };
  }
  const changes = diffFields(stored.revisionFields ?? {}, write.content as unknown as Record<string, unknown>, Object.keys(write.content));
  const amend = rules.assembledFromPages ? stored.openRevision : null;
  if (amend) {
    return {
      ...base,
      outcome: "update",
      columns,
      writeSpecific: true,
      revision: { number: stored.revision, mode: "amend", row: revisionRow },
      restore,
      // Readers of the change log saw the interrupted crawl's version: tell them it was completed.
      event: amend === "interrupted" ? { event: "document.updated", changes } : null,
    };
  }
  return { ...base, outcome: "update", columns, writeSpecific: true, revision: { number: stored.revision + 1, mode: "insert", row: revisionRow }, restore, event: { event: "document.updated", changes } };
}
