/**
 * The rows of one batch of seeded documents, per table, and the order they must be loaded in:
 * a row's foreign keys point at rows of an earlier step (or of an earlier batch).
 */
import { changeLogRows } from "./seed-change-log.js";
import { CopyRows } from "./seed-copy.js";
import { SESSION_COLUMNS } from "./seed-organisations.js";

export class SeedBatch {
  readonly sessions = new CopyRows("sessions", SESSION_COLUMNS);
  readonly agendaItems = new CopyRows("agenda_items", ["id", "uri", "session_id", "title", "description", "planned_public", "position", "treatment_uri", "content_hash", "first_seen_at", "updated_at"]);
  readonly documents = new CopyRows("documents", [
    "id", "kind", "uri", "source_id", "municipality_nis", "title", "description", "text", "html", "language", "published_at", "status", "withdrawn_at",
    "content_hash", "revision", "pii_redacted", "rules_version", "analysis_hash", "first_seen_at", "updated_at", "search_terms",
  ]);
  readonly councilDecisions = new CopyRows("council_decisions", [
    "document_id", "session_id", "agenda_item_id", "governing_body_id", "administrative_unit_id", "short_title", "motivation", "operative_text", "legal_basis", "is_public", "session_start", "seen_in",
  ]);
  readonly pressReleases = new CopyRows("press_releases", ["document_id", "lead", "author", "canonical_url", "modified_at", "attachments"]);
  readonly pages = new CopyRows("document_pages", ["document_id", "url", "page_kind", "capture_id", "facts", "first_seen_at", "last_seen_at"]);
  readonly revisions = new CopyRows("document_revisions", ["id", "document_id", "revision", "content_hash", "title", "text", "html", "fields", "capture_id", "created_at"]);
  readonly municipalities = new CopyRows("document_municipalities", ["document_id", "municipality_nis", "role", "mentions"]);
  readonly themes = new CopyRows("document_themes", ["document_id", "theme_id", "score", "evidence_field", "evidence_start", "evidence_end", "evidence_text", "rules_version"]);
  readonly votes = new CopyRows("votes", [
    "id", "uri", "agenda_item_id", "decision_document_id", "treatment_uri", "subject", "outcome", "secret", "count_for", "count_against", "count_abstain", "content_hash", "first_seen_at", "updated_at",
  ]);
  readonly measures = new CopyRows("measures", [
    "id", "fingerprint", "municipality_nis", "theme_id", "action", "summary", "starts_on", "ends_on", "announced_on", "income_ceiling_cents", "statuses", "residence_required", "rules_version", "first_seen_at", "updated_at",
  ]);
  readonly evidence = new CopyRows("measure_evidence", ["id", "measure_id", "document_id", "span_start", "span_end", "quote", "confidence"]);
  readonly amounts = new CopyRows("measure_amounts", ["id", "measure_id", "evidence_id", "cents", "max_cents", "previous_cents", "currency", "period", "per", "text"]);
  readonly changeLog = changeLogRows();

  /** Loaded first, one after the other: what the rows of the later steps point at. */
  get parents(): CopyRows[] {
    return [this.sessions, this.agendaItems, this.documents];
  }

  /** Loaded after the parents, as independent chains (each chain in order; chains may run side by side). */
  get children(): CopyRows[][] {
    return [
      [this.councilDecisions, this.votes, this.pressReleases, this.municipalities, this.themes],
      [this.revisions, this.pages],
      [this.measures, this.evidence, this.amounts, this.changeLog],
    ];
  }

  get all(): CopyRows[] {
    return [...this.parents, ...this.children.flat()];
  }

  get rowCount(): number {
    return this.all.reduce((sum, rows) => sum + rows.size, 0);
  }
}

/** Tables the seed fills in bulk (their secondary indexes may be built after loading). */
export const BULK_TABLES = new SeedBatch().all.map((rows) => rows.table);
