import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { createTestDb, testDriver } from "../helpers/test-db.js";

const expectedMigrations = [
  "0000_init",
  "0001_change_log_append_only",
  "0002_page_links_and_facts",
  "0003_analysis_hash_and_theme_evidence_field",
  "0004_documents_published_order_index",
  "0005_close_concurrent_runs",
  "0006_run_lock_and_processed_captures",
  "0007_brussels_publication_days",
  "0008_run_warnings",
  "0009_harvest_trigger",
  "0010_change_log_filters",
  "0011_change_log_filters_backfill",
  "0012_source_kinds_without_sparql",
  "0013_change_log_document",
  "0014_change_log_document_backfill",
  "0015_webhook_queue",
  "0016_measure_action_in_force",
  "0017_documents_search_vector",
  "0018_measure_amount_unit",
  "0019_measure_amount_person_to_unit",
  "0020_measure_amount_period_without_person",
  "0021_measure_conditions",
  "0022_change_log_confidence",
  "0023_keyset_indexes",
  "0024_schedule_claims",
  "0025_rate_limit_points",
  "0026_backfills_and_source_rhythm",
];

describe(`migrate (${testDriver})`, () => {
  const opened: DbHandle[] = [];
  afterEach(async () => {
    for (const handle of opened.splice(0).reverse()) await handle.close();
  });

  it("applies every migration to an empty database, then finds nothing left to do", async () => {
    const handle = await createTestDb({ migrated: false });
    opened.push(handle);

    const first = await migrate(handle);
    expect(first).toEqual({ applied: expectedMigrations, referenceDataLoaded: true, searchTermsRefreshed: 0 });

    const second = await migrate(handle);
    expect(second).toEqual({ applied: [], referenceDataLoaded: false, searchTermsRefreshed: 0 });

    const tables = await handle.rows<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "municipalities",
        "administrative_units",
        "governing_bodies",
        "sources",
        "scrape_runs",
        "captures",
        "documents",
        "council_decisions",
        "press_releases",
        "document_pages",
        "document_revisions",
        "sessions",
        "agenda_items",
        "votes",
        "themes",
        "taxonomy_versions",
        "document_themes",
        "measures",
        "measure_amounts",
        "measure_quantities",
        "measure_evidence",
        "document_links",
        "exchanges",
        "change_log",
        "webhook_subscriptions",
        "webhook_deliveries",
        "api_keys",
        "schema_migrations",
      ]),
    );
  });

  it("applies migrations once when two callers start at the same time", async () => {
    const first = await createTestDb({ migrated: false });
    opened.push(first);
    // On Postgres a second pool is a second server session contending for the lock; PGlite is
    // single-connection, so there both calls share the one handle and queue.
    const second = first.url ? await createDb({ databaseUrl: first.url }) : first;
    if (second !== first) opened.push(second);

    const reports = await Promise.all([migrate(first), migrate(second)]);

    const applied = reports.flatMap((r) => r.applied).sort();
    expect(applied).toEqual(expectedMigrations);
    const recorded = await first.rows<{ tag: string }>("select tag from schema_migrations order by tag");
    expect(recorded.map((r) => r.tag)).toEqual(expectedMigrations);
    const [count] = await first.rows<{ n: number }>("select count(*)::int as n from municipalities");
    expect(count?.n).toBe(312);
  });

  it("refuses to continue when an applied migration was edited afterwards", async () => {
    const handle = await createTestDb({ migrated: true });
    opened.push(handle);
    await handle.rows("update schema_migrations set hash = 'edited' where tag = '0000_init'");

    await expect(migrate(handle)).rejects.toThrow(/migration 0000_init differs from the version applied/);
  });
});
