import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { administrativeUnits, governingBodies } from "./organisations.js";
import { municipalities } from "./reference.js";
import { agendaItems, sessions } from "./sessions.js";
import { captures, sources } from "./sources.js";

/** PostgreSQL's full-text vector; read only inside SQL, never selected as a value. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * What every published text shares, whether a council decision or a press release. The
 * kind-specific fields live in `council_decisions` and `press_releases` (one row per document).
 * `updatedAt` moves only when the content hash changes, never on a re-scrape of the same content.
 */
export const documents = pgTable(
  "documents",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** council_decision | press_release */
    kind: text("kind").notNull(),
    /** LBLOD URI of the decision, or the canonical URL of the article. */
    uri: text("uri").notNull().unique(),
    /** Source that first published it; every page it was read from is in `document_pages`. */
    sourceId: text("source_id").references(() => sources.id),
    /** Publishing municipality; mentioned ones are in `document_municipalities`. */
    municipalityNis: text("municipality_nis").references(() => municipalities.nis),
    title: text("title").notNull(),
    description: text("description"),
    /** Clean text of the body (privacy-redacted). */
    text: text("text").notNull().default(""),
    /** Sanitised HTML of the body (privacy-redacted). */
    html: text("html"),
    language: text("language").notNull().default("nl"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** active | withdrawn */
    status: text("status").notNull().default("active"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    /** SHA-256 over the normalised content fields; decides insert | update | noop. */
    contentHash: text("content_hash").notNull(),
    /** Number of the current revision in `document_revisions` (1 for a new document). */
    revision: integer("revision").notNull().default(1),
    /** Personal data was detected and redacted in this document. */
    piiRedacted: boolean("pii_redacted").notNull().default(false),
    /** Version of the normalisation rules that produced its themes, measures and links. */
    rulesVersion: text("rules_version"),
    /** Hash of the last normalisation output; re-analysing writes only when it changes. */
    analysisHash: text("analysis_hash"),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Words the document should also be found by: the parts of its Dutch compounds and the words
     * elliptical coordinations leave out (schema/dutch-compounds.ts), written with the text.
     * Null only for a document stored before they existed, until `migrate` fills it.
     */
    searchTerms: text("search_terms"),
    /** The full-text vector searches use: title (weight A), text (B), search terms (C); kept by PostgreSQL. */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('dutch', coalesce(text, '')), 'B') || setweight(to_tsvector('dutch', coalesce(search_terms, '')), 'C')`,
    ),
  },
  (t) => [
    // The API's order (newest first, undated last, then id) after an equality filter, so that page 1 and
    // every keyset page of one municipality or kind are one index range (ascending pages walk it backwards).
    index("documents_municipality_published_idx").on(t.municipalityNis, t.publishedAt.desc().nullsLast(), t.id.desc()),
    index("documents_kind_published_idx").on(t.kind, t.publishedAt.desc().nullsLast(), t.id.desc()),
    // The API's default order (newest first, undated last): page 1 and every keyset page are index scans.
    index("documents_published_idx").on(t.publishedAt.desc().nullsLast(), t.id.desc()),
    index("documents_source_idx").on(t.sourceId),
    index("documents_search_vector_idx").using("gin", t.searchVector),
    check("documents_kind", sql`${t.kind} in ('council_decision', 'press_release')`),
    check("documents_status", sql`${t.status} in ('active', 'withdrawn')`),
    check("documents_withdrawn", sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null)`),
  ],
);

/** Fields only a council decision (`besluit:Besluit`) has. */
export const councilDecisions = pgTable(
  "council_decisions",
  {
    documentId: bigint("document_id", { mode: "number" })
      .primaryKey()
      .references(() => documents.id),
    sessionId: bigint("session_id", { mode: "number" }).references(() => sessions.id),
    agendaItemId: bigint("agenda_item_id", { mode: "number" }).references(() => agendaItems.id),
    governingBodyId: bigint("governing_body_id", { mode: "number" }).references(() => governingBodies.id),
    administrativeUnitId: bigint("administrative_unit_id", { mode: "number" }).references(() => administrativeUnits.id),
    /** `eli:title_short`. */
    shortTitle: text("short_title"),
    /** `besluit:motivering` as text. */
    motivation: text("motivation"),
    /** `prov:value`: the operative part. */
    operativeText: text("operative_text"),
    /** `eli:cites` links (legal basis), in document order. */
    legalBasis: jsonb("legal_basis").$type<string[]>().notNull().default([]),
    /** `besluit:openbaar` of the treatment, else `geplandOpenbaar` of the agenda item. */
    isPublic: boolean("is_public"),
    /** Start of the session that took the decision, denormalised for filtering. */
    sessionStart: timestamp("session_start", { withTimezone: true }),
    /** Which LBLOD document kinds said something about it: agenda, besluitenlijst, notulen, uittreksel. */
    seenIn: jsonb("seen_in").$type<string[]>().notNull().default([]),
  },
  (t) => [
    index("council_decisions_session_idx").on(t.sessionId),
    index("council_decisions_body_idx").on(t.governingBodyId),
    index("council_decisions_agenda_item_idx").on(t.agendaItemId),
  ],
);

/** Fields only a press release or news article has. */
export const pressReleases = pgTable("press_releases", {
  documentId: bigint("document_id", { mode: "number" })
    .primaryKey()
    .references(() => documents.id),
  lead: text("lead"),
  author: text("author"),
  canonicalUrl: text("canonical_url"),
  modifiedAt: timestamp("modified_at", { withTimezone: true }),
  /** `[{ url, title, mediaType, text }]`: linked attachments and the text of PDF ones. */
  attachments: jsonb("attachments").notNull().default([]),
});

/** Every page a document was read from (agenda, decision list, minutes, extract, article). */
export const documentPages = pgTable(
  "document_pages",
  {
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    url: text("url").notNull(),
    /** agenda | besluitenlijst | notulen | uittreksel | article | feed */
    pageKind: text("page_kind").notNull(),
    captureId: bigint("capture_id", { mode: "number" }).references(() => captures.id),
    /**
     * What this page said about the document, as parsed. The document's fields are merged from
     * the facts of all its pages (minutes before extract before decision list before agenda), so
     * that re-reading one page can never erase what another page contributed.
     */
    facts: jsonb("facts").notNull().default({}),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.url] }), index("document_pages_url_idx").on(t.url)],
);

/** Every version of a document's content; revision 1 is the first one seen. */
export const documentRevisions = pgTable(
  "document_revisions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    revision: integer("revision").notNull(),
    contentHash: text("content_hash").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    /** Kind-specific fields as they were in this revision. */
    fields: jsonb("fields").notNull().default({}),
    captureId: bigint("capture_id", { mode: "number" }).references(() => captures.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("document_revisions_document_revision_key").on(t.documentId, t.revision)],
);

/** Municipalities a document is about: its publisher and the ones it mentions. */
export const documentMunicipalities = pgTable(
  "document_municipalities",
  {
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    municipalityNis: text("municipality_nis")
      .notNull()
      .references(() => municipalities.nis),
    /** publisher | mentioned */
    role: text("role").notNull(),
    mentions: integer("mentions").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.municipalityNis, t.role] }),
    index("document_municipalities_nis_idx").on(t.municipalityNis),
    check("document_municipalities_role", sql`${t.role} in ('publisher', 'mentioned')`),
  ],
);
