import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { municipalities } from "./reference.js";
import { scrapeRuns } from "./sources.js";

/**
 * Append-only log of every user-visible change, written in the same transaction as the data.
 * `seq` increases strictly in commit order: writers take a transaction-scoped advisory lock
 * before appending (see db/queries/change-log.ts), and a trigger rejects UPDATE, DELETE and
 * TRUNCATE. The `changes` query, Atom feeds, webhooks and subscriptions all read this one log.
 */
export const changeLog = pgTable(
  "change_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** `resource.verb`, e.g. `document.created`, `document.updated`, `document.withdrawn`. */
    event: text("event").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** Publishing municipality of the entity, for filtered feeds. */
    municipalityNis: text("municipality_nis").references(() => municipalities.nis),
    runId: bigint("run_id", { mode: "number" }).references(() => scrapeRuns.id),
    /** What changed, shaped per event (schema/change-events.ts): the entity as it is, and for updates the fields before and after. */
    payload: jsonb("payload").notNull().default({}),
    /** Kind of the document concerned (for measure events: of the document whose analysis caused it); filters feeds. */
    documentKind: text("document_kind"),
    /** Theme codes of the entity (a document's themes, a measure's theme); filters feeds. */
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    /** A measure's action (new, expand, reduce…); filters feeds. */
    action: text("action"),
    /** A measure's confidence when the entry was written (null for other entities); `minConfidence` filters on it. */
    confidence: real("confidence"),
    /** The document concerned (for measure events: the one whose analysis caused it); full-text filters join it. Not a foreign key: the log outlives what it describes. */
    documentId: bigint("document_id", { mode: "number" }),
  },
  (t) => [
    index("change_log_entity_idx").on(t.entityType, t.entityId, t.seq),
    index("change_log_municipality_idx").on(t.municipalityNis, t.seq),
    index("change_log_themes_idx").using("gin", t.themes),
    index("change_log_document_idx").on(t.documentId, t.seq),
  ],
);
