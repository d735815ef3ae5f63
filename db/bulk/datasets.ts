/**
 * The bulk datasets (`/bulk/{dataset}.{format}`): what each exports, column by column, with the
 * same field names as the GraphQL API, a type and a description for every column (the Data
 * Package's table schema is written from them), and which filters each one takes. Database ids
 * (`id`, `documentId`, …) join the datasets; raw captures, page HTML and internal hashes are never
 * exported, and the texts are the stored ones, redacted by the privacy guard when written.
 */

export type BulkColumnType = "string" | "integer" | "number" | "decimal" | "boolean" | "date" | "datetime" | "list";

export interface BulkColumn {
  name: string;
  /** SQL expression over the dataset's FROM clause (our own text, never a caller's). */
  sql: string;
  type: BulkColumnType;
  description: string;
  unit?: "EUR";
  /** The column of another dataset this one refers to (a foreign key of the Data Package). */
  references?: { dataset: string; column: string };
}

export interface BulkDataset {
  name: string;
  description: string;
  /** FROM clause; the main table is `t`. */
  from: string;
  /** Unique, non-null column the export pages by (keyset), in ascending order. */
  key: { sql: string; type: "integer" | "string" };
  columns: BulkColumn[];
  /** Columns that identify a row. */
  primaryKey: string[];
  /** SQL expressions the filters apply to; a dataset without one refuses that filter. */
  filterOn: {
    municipality?: string;
    date?: string;
    /** Expression giving the row's theme codes as text[]. */
    themes?: string;
    kind?: string;
  };
}

const id = (description: string): BulkColumn => ({ name: "id", sql: "t.id", type: "integer", description });
const fk = (name: string, sql: string, description: string, dataset: string): BulkColumn => ({ name, sql, type: "integer", description, references: { dataset, column: "id" } });
const nis = (name: string, sql: string, description: string): BulkColumn => ({ name, sql, type: "string", description, references: { dataset: "municipalities", column: "nis" } });
const text = (name: string, sql: string, description: string): BulkColumn => ({ name, sql, type: "string", description });
const at = (name: string, sql: string, description: string): BulkColumn => ({ name, sql, type: "datetime", description });
const day = (name: string, sql: string, description: string): BulkColumn => ({ name, sql, type: "date", description });
const euros = (name: string, sql: string, description: string): BulkColumn => ({ name, sql: `(${sql})::numeric(14,2)`, type: "decimal", description, unit: "EUR" });

const DOCUMENT_THEMES = "array(select th.code from document_themes dt join themes th on th.id = dt.theme_id where dt.document_id = t.id order by th.code)";
const documentColumns: BulkColumn[] = [
  id("Database id of the document; the key other datasets use (documentId)."),
  text("kind", "t.kind", "council_decision or press_release."),
  text("uri", "t.uri", "Identifier: the LBLOD URI of a decision, the canonical URL of a press release."),
  { name: "sourceId", sql: "t.source_id", type: "string", description: "The source it was collected from (dataset sources).", references: { dataset: "sources", column: "id" } },
  nis("municipalityNis", "t.municipality_nis", "NIS code of the publishing municipality (dataset municipalities)."),
  text("title", "t.title", "Title."),
  text("description", "t.description", "Short description, when the publication has one."),
  text("text", "t.text", "Plain text as stored, personal data redacted."),
  at("publishedAt", "t.published_at", "Publication moment (UTC); a date-only publication is the start of that day in Brussels."),
  text("status", "t.status", "active or withdrawn."),
  at("withdrawnAt", "t.withdrawn_at", "When it disappeared from its site."),
  { name: "revision", sql: "t.revision", type: "integer", description: "Revision number: 1 and up, one per change of content." },
  { name: "piiRedacted", sql: "t.pii_redacted", type: "boolean", description: "Whether personal data was redacted from it." },
  { name: "themes", sql: DOCUMENT_THEMES, type: "list", description: "Theme codes (dataset themes), as analysed." },
  at("firstSeenAt", "t.first_seen_at", "When Vangnet first stored it."),
  at("updatedAt", "t.updated_at", "When it last changed."),
];
/** A table of measure parts (amounts, quantities, evidence), `t`, with its measure `m` and theme `th`: filtered as its measure. */
const measurePartFrom = (table: string) => `${table} t join measures m on m.id = t.measure_id join themes th on th.id = m.theme_id`;
const measurePartFilters = { municipality: "m.municipality_nis", date: "m.announced_on", themes: "array[th.code]" };
/** Agenda items and votes are filtered as their session `s`: its municipality and day. */
const sessionPartFilters = { municipality: "s.municipality_nis", date: "coalesce(s.started_at, s.planned_start)" };
const documentFilters = { municipality: "t.municipality_nis", date: "t.published_at", themes: DOCUMENT_THEMES, kind: "t.kind" };

export const bulkDatasets: readonly BulkDataset[] = [
  {
    name: "documents",
    primaryKey: ["id"],
    description: "Council decisions and press releases: the fields every document has.",
    from: "documents t",
    key: { sql: "t.id", type: "integer" },
    columns: documentColumns,
    filterOn: documentFilters,
  },
  {
    name: "council_decisions",
    primaryKey: ["documentId"],
    description: "Council decisions with their own fields (join documents on documentId = id).",
    from: "council_decisions c join documents t on t.id = c.document_id",
    key: { sql: "t.id", type: "integer" },
    columns: [
      fk("documentId", "t.id", "The decision's document (dataset documents).", "documents"),
      fk("sessionId", "c.session_id", "Its session (dataset sessions).", "sessions"),
      fk("agendaItemId", "c.agenda_item_id", "Its agenda item (dataset agenda_items).", "agenda_items"),
      text("shortTitle", "c.short_title", "Short title."),
      text("motivation", "c.motivation", "Motivation, redacted."),
      text("operativeText", "c.operative_text", "Operative part (the decision itself), redacted."),
      { name: "isPublic", sql: "c.is_public", type: "boolean", description: "Whether it was decided in public session." },
      at("sessionStart", "c.session_start", "Start of the session it was taken in."),
    ],
    filterOn: documentFilters,
  },
  {
    name: "press_releases",
    primaryKey: ["documentId"],
    description: "Press releases with their own fields (join documents on documentId = id).",
    from: "press_releases p join documents t on t.id = p.document_id",
    key: { sql: "t.id", type: "integer" },
    columns: [
      fk("documentId", "t.id", "The release's document (dataset documents).", "documents"),
      text("lead", "p.lead", "Lead paragraph."),
      text("author", "p.author", "Author as the site names it."),
      text("canonicalUrl", "p.canonical_url", "Canonical URL."),
      at("modifiedAt", "p.modified_at", "When the site says it was modified."),
    ],
    filterOn: documentFilters,
  },
  {
    name: "sessions",
    primaryKey: ["id"],
    description: "Sessions of governing bodies (council, college, OCMW council …).",
    from: "sessions t",
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the session."),
      text("uri", "t.uri", "LBLOD URI."),
      nis("municipalityNis", "t.municipality_nis", "NIS code of the municipality."),
      { name: "sourceId", sql: "t.source_id", type: "string", description: "The source it was collected from (dataset sources).", references: { dataset: "sources", column: "id" } },
      at("plannedStart", "t.planned_start", "Planned start."),
      at("startedAt", "t.started_at", "Actual start."),
      at("endedAt", "t.ended_at", "End."),
      text("location", "t.location", "Where it takes place."),
    ],
    filterOn: { municipality: "t.municipality_nis", date: "coalesce(t.started_at, t.planned_start)" },
  },
  {
    name: "agenda_items",
    primaryKey: ["id"],
    description: "Agenda items of sessions.",
    from: "agenda_items t join sessions s on s.id = t.session_id",
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the agenda item."),
      text("uri", "t.uri", "LBLOD URI."),
      fk("sessionId", "t.session_id", "Its session (dataset sessions).", "sessions"),
      text("title", "t.title", "Title."),
      text("description", "t.description", "Description."),
      { name: "plannedPublic", sql: "t.planned_public", type: "boolean", description: "Whether it was planned in public." },
      { name: "position", sql: "t.position", type: "integer", description: "Position on the agenda." },
    ],
    filterOn: sessionPartFilters,
  },
  {
    name: "votes",
    primaryKey: ["id"],
    description: "Votes on agenda items with their counts.",
    from: "votes t join agenda_items a on a.id = t.agenda_item_id join sessions s on s.id = a.session_id",
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the vote."),
      text("uri", "t.uri", "LBLOD URI."),
      fk("agendaItemId", "t.agenda_item_id", "Its agenda item (dataset agenda_items).", "agenda_items"),
      fk("decisionDocumentId", "t.decision_document_id", "The decision voted on (dataset documents), when known.", "documents"),
      text("subject", "t.subject", "What was voted on."),
      text("outcome", "t.outcome", "Outcome as published."),
      { name: "secret", sql: "t.secret", type: "boolean", description: "Whether the vote was secret." },
      { name: "countFor", sql: "t.count_for", type: "integer", description: "Votes for." },
      { name: "countAgainst", sql: "t.count_against", type: "integer", description: "Votes against." },
      { name: "countAbstain", sql: "t.count_abstain", type: "integer", description: "Abstentions." },
    ],
    filterOn: sessionPartFilters,
  },
  {
    name: "measures",
    primaryKey: ["id"],
    description: "Social measures read from the documents: municipality, theme, action and dates.",
    from: "measures t join themes th on th.id = t.theme_id",
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the measure; the key of measure_amounts, measure_quantities and measure_evidence."),
      nis("municipalityNis", "t.municipality_nis", "NIS code of the municipality."),
      { name: "theme", sql: "th.code", type: "string", description: "Theme code (dataset themes).", references: { dataset: "themes", column: "code" } },
      text("action", "t.action", "What the municipality does: introduce, increase, reduce, end, … (see the README)."),
      text("summary", "t.summary", "The sentence that states it."),
      day("startsOn", "t.starts_on", "First day it applies, when stated."),
      day("endsOn", "t.ends_on", "Last day it applies, when stated."),
      day("announcedOn", "t.announced_on", "Brussels day of its earliest document."),
      euros("incomeCeiling", "t.income_ceiling_cents / 100.0", "Highest income ceiling its texts state, in euro; empty when none is stated."),
      { name: "statuses", sql: "t.statuses", type: "list", description: "Social statuses that give access (leefloon, verhoogde_tegemoetkoming, budgetbeheer, …)." },
      { name: "residenceRequired", sql: "t.residence_required", type: "boolean", description: "Whether a text requires living in the municipality." },
      text("rulesVersion", "t.rules_version", "Version of the analysis rules that read it."),
    ],
    filterOn: { municipality: "t.municipality_nis", date: "t.announced_on", themes: "array[th.code]" },
  },
  {
    name: "measure_amounts",
    primaryKey: ["id"],
    description: "Euro amounts of measures, each with its period and whom it is for.",
    from: measurePartFrom("measure_amounts"),
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the amount."),
      fk("measureId", "t.measure_id", "Its measure (dataset measures).", "measures"),
      euros("value", "coalesce(t.max_cents, t.cents) / 100.0", "Value in euro (for a range its maximum; for a change the new value)."),
      euros("min", "case when t.max_cents is not null then t.cents / 100.0 end", "Lower bound of a range; empty otherwise."),
      euros("previous", "t.previous_cents / 100.0", "Earlier value of a change (van X naar Y); empty otherwise."),
      text("currency", "t.currency", "Always EUR."),
      text("period", "t.period", "Time the amount covers: once, hour, day, week, month, quarter, school_year, year or unknown."),
      text("per", "t.per", "Whom or what the amount is for: person, child, household, dependant, night, meal, litre, kilometre or key; empty when the text does not say."),
      text("text", "t.text", "The amount as written."),
    ],
    filterOn: measurePartFilters,
  },
  {
    name: "measure_quantities",
    primaryKey: ["id"],
    description: "Counted quantities of measures (places, beds, households …).",
    from: measurePartFrom("measure_quantities"),
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the quantity."),
      fk("measureId", "t.measure_id", "Its measure (dataset measures).", "measures"),
      { name: "value", sql: "coalesce(t.max_value, t.value)", type: "number", description: "Value (for a range its maximum; for a change the new value)." },
      { name: "min", sql: "case when t.max_value is not null then t.value end", type: "number", description: "Lower bound of a range; empty otherwise." },
      { name: "previous", sql: "t.previous_value", type: "number", description: "Earlier value of a change; empty otherwise." },
      text("unit", "t.unit", "What is counted."),
      text("per", "t.per", "Per what, when stated."),
      text("text", "t.text", "The quantity as written."),
    ],
    filterOn: measurePartFilters,
  },
  {
    name: "measure_evidence",
    primaryKey: ["id"],
    description: "Where each measure is stated: document and quoted span.",
    from: measurePartFrom("measure_evidence"),
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the evidence."),
      fk("measureId", "t.measure_id", "Its measure (dataset measures).", "measures"),
      fk("documentId", "t.document_id", "The document stating it (dataset documents).", "documents"),
      { name: "spanStart", sql: "t.span_start", type: "integer", description: "Start of the quote in the document's text (UTF-16 offset)." },
      { name: "spanEnd", sql: "t.span_end", type: "integer", description: "End of the quote (exclusive)." },
      text("quote", "t.quote", "The quoted sentence."),
      { name: "confidence", sql: "t.confidence", type: "number", description: "Confidence of the reading, 0 to 1." },
    ],
    filterOn: measurePartFilters,
  },
  {
    name: "exchanges",
    primaryKey: ["id"],
    description: "Learning exchanges between two municipalities.",
    from: "exchanges t",
    key: { sql: "t.id", type: "integer" },
    columns: [
      id("Database id of the exchange."),
      text("programme", "t.programme", "Programme."),
      text("edition", "t.edition", "Edition."),
      text("topic", "t.topic", "Topic."),
      nis("municipalityANis", "t.municipality_a_nis", "NIS code of one municipality."),
      nis("municipalityBNis", "t.municipality_b_nis", "NIS code of the other."),
      euros("subsidy", "t.subsidy_cents / 100.0", "Subsidy in euro, when stated."),
      fk("documentId", "t.document_id", "The document it was read from (dataset documents).", "documents"),
    ],
    filterOn: { municipality: "t.municipality_a_nis" },
  },
  {
    name: "themes",
    primaryKey: ["code"],
    description: "The theme taxonomy.",
    from: "themes t",
    key: { sql: "t.code", type: "string" },
    columns: [
      text("code", "t.code", "Theme code, as the other datasets use it."),
      { name: "taxonomyVersion", sql: "t.taxonomy_version", type: "integer", description: "Taxonomy version." },
      text("labelNl", "t.label_nl", "Dutch label."),
      text("labelEn", "t.label_en", "English label."),
      text("descriptionEn", "t.description_en", "Description in English."),
      { name: "position", sql: "t.position", type: "integer", description: "Order in the taxonomy." },
    ],
    filterOn: {},
  },
  {
    name: "document_themes",
    primaryKey: ["documentId", "theme"],
    description: "Themes of documents with score and evidence.",
    from: "document_themes t join themes th on th.id = t.theme_id join documents d on d.id = t.document_id",
    key: { sql: "(t.document_id::text || ':' || th.code)", type: "string" },
    columns: [
      fk("documentId", "t.document_id", "The document (dataset documents).", "documents"),
      { name: "theme", sql: "th.code", type: "string", description: "Theme code (dataset themes).", references: { dataset: "themes", column: "code" } },
      { name: "score", sql: "t.score", type: "number", description: "Score of the theme in the document." },
      text("evidenceField", "t.evidence_field", "Field of the document the evidence is in."),
      text("evidenceText", "t.evidence_text", "The evidence."),
    ],
    filterOn: { municipality: "d.municipality_nis", date: "d.published_at", themes: "array[th.code]", kind: "d.kind" },
  },
  {
    name: "municipalities",
    primaryKey: ["nis"],
    description: "Flemish municipalities 2019 and later, with the 2025 mergers.",
    from: "municipalities t",
    key: { sql: "t.nis", type: "string" },
    columns: [
      text("nis", "t.nis", "NIS code."),
      text("name", "t.name", "Name."),
      text("provinceCode", "t.province_code", "Province (VAN, VBR, VWV, VOV, VLI)."),
      day("validFrom", "t.valid_from", "First day it exists."),
      day("validTo", "t.valid_to", "Last day it exists (empty: still exists)."),
      nis("successorNis", "t.successor_nis", "The municipality it merged into."),
    ],
    filterOn: { municipality: "t.nis" },
  },
  {
    name: "sources",
    primaryKey: ["id"],
    description: "The sources Vangnet collects from, with their health.",
    from: "sources t",
    key: { sql: "t.id", type: "string" },
    columns: [
      text("id", "t.id", "Source id."),
      text("kind", "t.kind", "Kind of source (lblod, feed, listing, browser)."),
      text("name", "t.name", "Name."),
      nis("municipalityNis", "t.municipality_nis", "NIS code of its municipality, when it has one."),
      text("startUrl", "t.start_url", "Where collection starts."),
      text("schedule", "t.schedule", "Cron schedule (Brussels time)."),
      { name: "enabled", sql: "t.enabled", type: "boolean", description: "Whether it is collected." },
      at("lastSuccessAt", "t.last_success_at", "Last successful run."),
      text("lastError", "t.last_error", "Last error."),
      { name: "consecutiveFailures", sql: "t.consecutive_failures", type: "integer", description: "Failed runs in a row." },
    ],
    filterOn: { municipality: "t.municipality_nis" },
  },
];

export const bulkDatasetNames = bulkDatasets.map((dataset) => dataset.name);

export function bulkDataset(name: string): BulkDataset | undefined {
  return bulkDatasets.find((dataset) => dataset.name === name);
}
