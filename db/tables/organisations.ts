import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, check, date, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { governingBodyClassifications, municipalities } from "./reference.js";

/** An LBLOD `besluit:Bestuurseenheid`: a municipality, its OCMW, a province. */
export const administrativeUnits = pgTable(
  "administrative_units",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** LBLOD URI, e.g. http://data.lblod.info/id/bestuurseenheden/… */
    uri: text("uri").notNull().unique(),
    label: text("label").notNull(),
    /** gemeente | ocmw | provincie | other */
    kind: text("kind").notNull(),
    /** Classification concept URI as published. */
    classificationUri: text("classification_uri"),
    /** Municipality whose territory this unit governs (`besluit:werkingsgebied`). */
    municipalityNis: text("municipality_nis").references(() => municipalities.nis),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("administrative_units_municipality_idx").on(t.municipalityNis),
    check("administrative_units_kind", sql`${t.kind} in ('gemeente', 'ocmw', 'provincie', 'other')`),
  ],
);

/**
 * An LBLOD `besluit:Bestuursorgaan`. Time-bound bodies (one per legislature) point at their
 * abstract body through `abstractBodyId` (`mandaat:isTijdspecialisatieVan`).
 */
export const governingBodies = pgTable(
  "governing_bodies",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    uri: text("uri").notNull().unique(),
    label: text("label"),
    classificationKey: text("classification_key").references(() => governingBodyClassifications.key),
    administrativeUnitId: bigint("administrative_unit_id", { mode: "number" }).references(() => administrativeUnits.id),
    abstractBodyId: bigint("abstract_body_id", { mode: "number" }).references((): AnyPgColumn => governingBodies.id),
    /** Start and end of a time-bound body (`mandaat:bindingStart` / `bindingEinde`). */
    startsOn: date("starts_on", { mode: "string" }),
    endsOn: date("ends_on", { mode: "string" }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("governing_bodies_unit_idx").on(t.administrativeUnitId),
    index("governing_bodies_classification_idx").on(t.classificationKey),
  ],
);
