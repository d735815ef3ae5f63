import { bigint, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { administrativeUnits, governingBodies } from "./organisations.js";
import { municipalities } from "./reference.js";
import { sources } from "./sources.js";

/** A meeting of a governing body (`besluit:Zitting`). */
export const sessions = pgTable(
  "sessions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    uri: text("uri").notNull().unique(),
    governingBodyId: bigint("governing_body_id", { mode: "number" }).references(() => governingBodies.id),
    administrativeUnitId: bigint("administrative_unit_id", { mode: "number" }).references(() => administrativeUnits.id),
    municipalityNis: text("municipality_nis").references(() => municipalities.nis),
    sourceId: text("source_id").references(() => sources.id),
    plannedStart: timestamp("planned_start", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    location: text("location"),
    contentHash: text("content_hash").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sessions_body_start_idx").on(t.governingBodyId, t.plannedStart.desc()),
    index("sessions_municipality_start_idx").on(t.municipalityNis, t.plannedStart.desc()),
  ],
);

/** An item on a session's agenda (`besluit:Agendapunt`). */
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    uri: text("uri").notNull().unique(),
    sessionId: bigint("session_id", { mode: "number" }).references(() => sessions.id),
    title: text("title"),
    description: text("description"),
    /** `besluit:geplandOpenbaar`: whether the item was planned to be treated in public. */
    plannedPublic: boolean("planned_public"),
    /** Position on the agenda, derived from `besluit:aangebrachtNa` or document order. */
    position: integer("position"),
    /** URI of the treatment (`besluit:BehandelingVanAgendapunt`) of this item, when published. */
    treatmentUri: text("treatment_uri"),
    contentHash: text("content_hash").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agenda_items_session_idx").on(t.sessionId, t.position)],
);
