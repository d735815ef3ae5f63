import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { documents } from "./documents.js";
import { municipalities } from "./reference.js";
import { themes } from "./themes.js";

export const measureActions = [
  "introduce",
  "expand",
  "increase",
  "reduce",
  "cut",
  "end",
  "continue",
  "announce",
  "in_force",
] as const;
/** The time an amount covers. */
export const amountPeriods = ["once", "hour", "day", "week", "month", "quarter", "school_year", "year", "unknown"] as const;
/** Whom or what an amount is for ("per kind", "/persoon", "per persoon ten laste", "per maaltijd"). */
export const amountUnits = ["person", "child", "household", "dependant", "night", "meal", "litre", "kilometre", "key"] as const;

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * A social measure of one municipality: what it does (action) on which theme, with how much.
 * The same measure found in several documents is one row with several pieces of evidence;
 * `fingerprint` is the normalisation's identity for it.
 */
export const measures = pgTable(
  "measures",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    fingerprint: text("fingerprint").notNull().unique(),
    municipalityNis: text("municipality_nis")
      .notNull()
      .references(() => municipalities.nis),
    themeId: bigint("theme_id", { mode: "number" })
      .notNull()
      .references(() => themes.id),
    action: text("action").notNull(),
    /** One-sentence summary in Dutch, taken from the evidence. */
    summary: text("summary").notNull(),
    startsOn: date("starts_on", { mode: "string" }),
    endsOn: date("ends_on", { mode: "string" }),
    /** Date of the earliest evidence; used for per-year statistics. */
    announcedOn: date("announced_on", { mode: "string" }),
    /** Who may use it, as its texts state: the highest income ceiling in euro cents (null when none is stated). */
    incomeCeilingCents: bigint("income_ceiling_cents", { mode: "bigint" }),
    /** Social statuses that give access (scrapers/normalise/conditions.ts), in that file's order. */
    statuses: text("statuses").array().notNull().default(sql`'{}'::text[]`),
    /** A text requires living in the municipality. */
    residenceRequired: boolean("residence_required").notNull().default(false),
    rulesVersion: text("rules_version").notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list's order (announced newest first, undated last, then id), alone and after a municipality.
    index("measures_announced_idx").on(t.announcedOn.desc().nullsLast(), t.id.desc()),
    index("measures_municipality_idx").on(t.municipalityNis, t.announcedOn.desc().nullsLast(), t.id.desc()),
    index("measures_theme_idx").on(t.themeId),
    index("measures_action_idx").on(t.action),
    check("measures_action", sql`${t.action} in (${inList(measureActions)})`),
  ],
);

/** A passage of a document that supports a measure, with its character span. */
export const measureEvidence = pgTable(
  "measure_evidence",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    measureId: bigint("measure_id", { mode: "number" })
      .notNull()
      .references(() => measures.id),
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    spanStart: integer("span_start").notNull(),
    spanEnd: integer("span_end").notNull(),
    quote: text("quote").notNull(),
    confidence: real("confidence").notNull(),
  },
  (t) => [
    unique("measure_evidence_span_key").on(t.measureId, t.documentId, t.spanStart, t.spanEnd),
    index("measure_evidence_document_idx").on(t.documentId),
    check("measure_evidence_span", sql`${t.spanEnd} >= ${t.spanStart}`),
  ],
);

/**
 * An amount of money attached to a measure. Values are euro cents. A range ("tussen X en Y")
 * stores X in `cents` and Y in `maxCents`;
 * a change ("van X naar Y") fills `previousCents` with X and `cents` with Y.
 */
export const measureAmounts = pgTable(
  "measure_amounts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    measureId: bigint("measure_id", { mode: "number" })
      .notNull()
      .references(() => measures.id),
    evidenceId: bigint("evidence_id", { mode: "number" }).references(() => measureEvidence.id),
    cents: bigint("cents", { mode: "bigint" }).notNull(),
    maxCents: bigint("max_cents", { mode: "bigint" }),
    previousCents: bigint("previous_cents", { mode: "bigint" }),
    currency: text("currency").notNull().default("EUR"),
    period: text("period").notNull().default("unknown"),
    /** Whom or what the amount is for; null when the text does not say. */
    per: text("per"),
    /** The amount as written in the text. */
    text: text("text").notNull(),
  },
  (t) => [
    index("measure_amounts_measure_idx").on(t.measureId),
    index("measure_amounts_cents_idx").on(t.cents),
    check("measure_amounts_period", sql`${t.period} in (${inList(amountPeriods)})`),
    check("measure_amounts_per", sql`${t.per} in (${inList(amountUnits)})`),
  ],
);

/**
 * A quantity attached to a measure: places, beds, teams, persons, kilograms. A range stores its
 * lower bound in `value` and its upper bound in `maxValue`; a change stores X in `previousValue`.
 */
export const measureQuantities = pgTable(
  "measure_quantities",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    measureId: bigint("measure_id", { mode: "number" })
      .notNull()
      .references(() => measures.id),
    evidenceId: bigint("evidence_id", { mode: "number" }).references(() => measureEvidence.id),
    value: numeric("value").notNull(),
    maxValue: numeric("max_value"),
    previousValue: numeric("previous_value"),
    /** Normalised unit: places, beds, teams, persons, kilograms, … */
    unit: text("unit").notNull(),
    /** Denominator as written, e.g. "per 100 kinderen". */
    per: text("per"),
    text: text("text").notNull(),
  },
  (t) => [index("measure_quantities_measure_idx").on(t.measureId)],
);

/** A press release backed by a council decision (or another relation between two documents). */
export const documentLinks = pgTable(
  "document_links",
  {
    fromDocumentId: bigint("from_document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    toDocumentId: bigint("to_document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    /** backed_by | mentions */
    relation: text("relation").notNull(),
    confidence: real("confidence").notNull(),
    rulesVersion: text("rules_version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromDocumentId, t.toDocumentId, t.relation] }),
    index("document_links_to_idx").on(t.toDocumentId),
    check("document_links_relation", sql`${t.relation} in ('backed_by', 'mentions')`),
    check("document_links_not_self", sql`${t.fromDocumentId} <> ${t.toDocumentId}`),
  ],
);
