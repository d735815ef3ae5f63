import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { documents } from "./documents.js";
import { municipalities } from "./reference.js";

/**
 * A learning exchange between two municipalities (VVSG programme): one mentors the other on a
 * topic, with a Flemish subsidy. `municipalityA` is listed first in the source text.
 */
export const exchanges = pgTable(
  "exchanges",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    programme: text("programme").notNull(),
    /** Edition or call of the programme as headed in the text (e.g. "2024"); may be null. */
    edition: text("edition"),
    topic: text("topic").notNull(),
    municipalityANis: text("municipality_a_nis")
      .notNull()
      .references(() => municipalities.nis),
    municipalityBNis: text("municipality_b_nis")
      .notNull()
      .references(() => municipalities.nis),
    subsidyCents: bigint("subsidy_cents", { mode: "bigint" }),
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    spanStart: integer("span_start").notNull(),
    spanEnd: integer("span_end").notNull(),
    /** The programme's stated total did not match the sum of its listed subsidies. */
    totalMismatch: boolean("total_mismatch").notNull().default(false),
    rulesVersion: text("rules_version").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("exchanges_identity_key")
      .on(t.programme, t.edition, t.municipalityANis, t.municipalityBNis, t.topic)
      .nullsNotDistinct(),
    index("exchanges_a_idx").on(t.municipalityANis),
    index("exchanges_b_idx").on(t.municipalityBNis),
    check("exchanges_pair", sql`${t.municipalityANis} <> ${t.municipalityBNis}`),
  ],
);
