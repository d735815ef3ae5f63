import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { DbHandle } from "./client.js";
import { loadReferenceData } from "./reference/load.js";
import { resultRows } from "./result-rows.js";
import { refreshSearchTerms } from "./write/search-terms.js";

export const MIGRATIONS_FOLDER = join(import.meta.dirname, "migrations");
/** Arbitrary constant naming Vangnet's migration lock among the server's advisory locks. */
const MIGRATION_LOCK_KEY = 727_405_001;

export interface MigrationReport {
  /** Tags of the migrations applied by this call, in order. */
  applied: string[];
  /** Whether the reference data was (re)loaded because it differed from what was stored. */
  referenceDataLoaded: boolean;
  /** Documents whose search terms were recomputed for new compound rules (db/write/search-terms.ts). */
  searchTermsRefreshed: number;
}

/**
 * Bring the database to the current schema and reference data, all in one transaction that first
 * takes an advisory lock: a second process starting at the same time waits, then finds nothing
 * left to do. Applied migrations are checked against their recorded hash, so an edited migration
 * is an error rather than a silent divergence. Then the documents' search terms are brought to
 * the current compound rules (nothing to do unless those changed).
 */
export async function migrate(handle: DbHandle): Promise<MigrationReport> {
  const report = await migrateSchema(handle);
  // Outside the migration's transaction: on a large database this is many small batches.
  return { ...report, searchTermsRefreshed: await refreshSearchTerms(handle) };
}

async function migrateSchema(handle: DbHandle): Promise<Omit<MigrationReport, "searchTermsRefreshed">> {
  const migrations = readMigrations();
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`
      create table if not exists schema_migrations (
        tag text primary key,
        hash text not null,
        created_at bigint not null,
        applied_at timestamptz not null default now()
      )`);
    const appliedRows = resultRows<{ tag: string; hash: string }>(
      await tx.execute(sql`select tag, hash from schema_migrations`),
    );
    const applied = new Map(appliedRows.map((row) => [row.tag, row.hash]));
    const report: Omit<MigrationReport, "searchTermsRefreshed"> = { applied: [], referenceDataLoaded: false };
    for (const migration of migrations) {
      const recordedHash = applied.get(migration.tag);
      if (recordedHash !== undefined) {
        if (recordedHash !== migration.hash) {
          throw new Error(
            `migration ${migration.tag} differs from the version applied to this database; migrations must never be edited once applied (generate a new one with npm run db:generate)`,
          );
        }
        continue;
      }
      for (const statement of migration.statements) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into schema_migrations (tag, hash, created_at) values (${migration.tag}, ${migration.hash}, ${migration.createdAt})`,
      );
      report.applied.push(migration.tag);
    }
    report.referenceDataLoaded = await loadReferenceData(tx);
    return report;
  });
}

interface Migration {
  tag: string;
  hash: string;
  createdAt: number;
  statements: string[];
}

function readMigrations(): Migration[] {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  if (files.length !== journal.entries.length) {
    throw new Error(
      `db/migrations: the journal lists ${journal.entries.length} migrations but ${files.length} were read`,
    );
  }
  return journal.entries.map((entry, index) => {
    const file = files[index] as (typeof files)[number];
    return { tag: entry.tag, hash: file.hash, createdAt: file.folderMillis, statements: file.sql };
  });
}
