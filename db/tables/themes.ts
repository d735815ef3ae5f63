import { bigint, date, index, integer, jsonb, pgTable, primaryKey, real, text, unique } from "drizzle-orm/pg-core";
import { documents } from "./documents.js";

/** A release of the theme taxonomy; themes of older versions stay for reproducibility. */
export const taxonomyVersions = pgTable("taxonomy_versions", {
  version: integer("version").primaryKey(),
  releasedOn: date("released_on", { mode: "string" }).notNull(),
  description: text("description").notNull(),
});

/** A social-policy theme (income support, rent subsidy, homelessness…) in one taxonomy version. */
export const themes = pgTable(
  "themes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    taxonomyVersion: integer("taxonomy_version")
      .notNull()
      .references(() => taxonomyVersions.version),
    /** Stable code, e.g. `housing`; unique within a version. */
    code: text("code").notNull(),
    labelNl: text("label_nl").notNull(),
    labelEn: text("label_en").notNull(),
    descriptionEn: text("description_en").notNull(),
    /** BBC budget codes (beleidsvelden) that map onto this theme, e.g. ["0900"]. */
    budgetCodes: jsonb("budget_codes").$type<string[]>().notNull().default([]),
    /** Social rights of the Flemish poverty action plan this theme serves. */
    povertyRights: jsonb("poverty_rights").$type<string[]>().notNull().default([]),
    position: integer("position").notNull(),
  },
  (t) => [unique("themes_version_code_key").on(t.taxonomyVersion, t.code)],
);

/** A theme assigned to a document, with its score and the text that shows it. */
export const documentThemes = pgTable(
  "document_themes",
  {
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id),
    themeId: bigint("theme_id", { mode: "number" })
      .notNull()
      .references(() => themes.id),
    /** Confidence between 0 and 1. */
    score: real("score").notNull(),
    /** Where the evidence is: `text` (offsets into `documents.text`) or `title` (offsets into the title). */
    evidenceField: text("evidence_field").notNull().default("text"),
    /** Character offsets of the strongest evidence in that field. */
    evidenceStart: integer("evidence_start").notNull(),
    evidenceEnd: integer("evidence_end").notNull(),
    evidenceText: text("evidence_text").notNull(),
    rulesVersion: text("rules_version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.themeId] }),
    index("document_themes_theme_idx").on(t.themeId, t.score),
  ],
);
