import { bigint, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { documents } from "./documents.js";
import { agendaItems } from "./sessions.js";

/** A vote on an agenda item (`besluit:Stemming`). */
export const votes = pgTable(
  "votes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    uri: text("uri").notNull().unique(),
    agendaItemId: bigint("agenda_item_id", { mode: "number" }).references(() => agendaItems.id),
    decisionDocumentId: bigint("decision_document_id", { mode: "number" }).references(() => documents.id),
    treatmentUri: text("treatment_uri"),
    subject: text("subject"),
    /** `besluit:gevolg` as published ("goedgekeurd", "verworpen", …). */
    outcome: text("outcome"),
    secret: boolean("secret"),
    countFor: integer("count_for"),
    countAgainst: integer("count_against"),
    countAbstain: integer("count_abstain"),
    contentHash: text("content_hash").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("votes_agenda_item_idx").on(t.agendaItemId), index("votes_decision_idx").on(t.decisionDocumentId)],
);
