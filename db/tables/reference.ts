import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, date, index, integer, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";

/** The five Flemish provinces, keyed by their ISO 3166-2 code without the `BE-` prefix. */
export const provinces = pgTable("provinces", {
  /** ISO 3166-2 code without country prefix: VAN, VBR, VWV, VOV, VLI. */
  code: text("code").primaryKey(),
  /** Dutch name, e.g. "West-Vlaanderen". */
  name: text("name").notNull().unique(),
  /** NIS code of the province itself, e.g. 30000. */
  nis: text("nis").notNull().unique(),
});

/**
 * Municipalities valid at some time since 2019, including those merged away on 2025-01-01.
 * A merged municipality keeps its row with `validTo` set and points at its successor, so that a
 * 2023 document about Borsbeek stays findable under Borsbeek and under today's Antwerpen.
 */
export const municipalities = pgTable(
  "municipalities",
  {
    /** Five-digit NIS code (REFNIS), e.g. 44086. */
    nis: text("nis").primaryKey(),
    name: text("name").notNull(),
    provinceCode: text("province_code")
      .notNull()
      .references(() => provinces.code),
    /** First day of validity within the reference data (2019-01-01 for the 2019 list). */
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    /** Last day of validity; null while the municipality exists. */
    validTo: date("valid_to", { mode: "string" }),
    /** Municipality that took over after a merger; null when none (or when it continued itself). */
    successorNis: text("successor_nis").references((): AnyPgColumn => municipalities.nis),
  },
  (t) => [
    index("municipalities_successor_idx").on(t.successorNis),
    index("municipalities_province_idx").on(t.provinceCode),
    check("municipalities_nis_format", sql`${t.nis} ~ '^[0-9]{5}$'`),
    check("municipalities_validity", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** Other names by which texts refer to a municipality: "stad Gent", "Gentse", "OCMW Gent". */
export const municipalityNames = pgTable(
  "municipality_names",
  {
    nis: text("nis")
      .notNull()
      .references(() => municipalities.nis),
    name: text("name").notNull(),
    /** official | alias | adjective | ocmw */
    kind: text("kind").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.nis, t.name] }),
    index("municipality_names_name_idx").on(sql`lower(${t.name})`),
    check("municipality_names_kind", sql`${t.kind} in ('official', 'alias', 'adjective', 'ocmw')`),
  ],
);

/** Governing-body classifications of the LBLOD vocabulary (gemeenteraad, college, BCSD…). */
export const governingBodyClassifications = pgTable(
  "governing_body_classifications",
  {
    /** Stable short key used in the API, e.g. `gemeenteraad`, `bcsd`. */
    key: text("key").primaryKey(),
    /** Full concept URI under http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/. */
    uri: text("uri").notNull(),
    labelNl: text("label_nl").notNull(),
    labelEn: text("label_en").notNull(),
    /** Sort order for listings. */
    position: integer("position").notNull(),
  },
  (t) => [unique("governing_body_classifications_uri_key").on(t.uri)],
);
