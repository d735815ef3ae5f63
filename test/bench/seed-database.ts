/**
 * The database the benchmark seed fills: a Postgres server's database (created when missing,
 * dropped by --reset) or a PGlite data directory. Migrated with the project's own `migrate()`,
 * then loaded through COPY; the secondary indexes of the bulk tables are set aside while loading
 * and built again from their own definitions afterwards.
 */
import { existsSync, rmSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { createDb } from "../../db/client.js";
import { lockDataDir } from "../../db/data-dir-lock.js";
import { migrate } from "../../db/migrate.js";
import { type CopySink, pgliteSink, postgresSink } from "./seed-copy.js";

export type Driver = "postgres" | "pglite";

/** A refusal the user resolves (a wrong option, a database seeded differently): said without a stack. */
export class SeedRefused extends Error {}

/** What a completed seed records in system_state, so that a later run can reuse it. */
export const SEED_STATE_KEY = "bench_seed";

/** An open database to load into. */
export interface SeedTarget {
  driver: Driver;
  /** The server URL (without a password) or the data directory. */
  location: string;
  sink: CopySink;
  /** How many COPY chains may run at once (connections). */
  lanes: number;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** Drop (--reset) and create the server database as needed. */
export async function preparePostgres(url: string, reset: boolean): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!name) throw new SeedRefused(`BENCH_DATABASE_URL names no database: ${withoutPassword(url)}`);
  parsed.pathname = "/postgres";
  const admin = postgres(parsed.toString(), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists && reset) {
      if (!name.includes("bench")) {
        throw new SeedRefused(`--reset drops only a database whose name says it is for benchmarks ("bench"); refusing to drop ${name}`);
      }
      await admin.unsafe(`drop database ${quoteIdentifier(name)} with (force)`);
    }
    if (!exists || reset) await admin.unsafe(`create database ${quoteIdentifier(name)}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Remove the PGlite directory (--reset). */
export function preparePglite(dir: string, reset: boolean): void {
  if (reset && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}

/** Bring the schema and reference data up to date with the project's migrations. */
export async function migrateDatabase(driver: Driver, location: string): Promise<string[]> {
  const handle = await createDb(driver === "postgres" ? { databaseUrl: location } : { dataDir: location });
  try {
    return (await migrate(handle)).applied;
  } finally {
    await handle.close();
  }
}

export async function openTarget(driver: Driver, location: string): Promise<SeedTarget> {
  if (driver === "postgres") {
    // Each COPY commits on its own; waiting for the WAL flush of each is not what a seed needs.
    const sql = postgres(location, { max: 5, onnotice: () => {}, connection: { synchronous_commit: "off", maintenance_work_mem: "512MB" } });
    return {
      driver,
      location: withoutPassword(location),
      sink: postgresSink(sql),
      lanes: 3,
      query: async <T>(text: string, params: unknown[] = []) => (await sql.unsafe(text, params as never[])) as unknown as T[],
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const unlock = lockDataDir(location);
  let pg: PGlite;
  try {
    pg = await PGlite.create(location);
    await pg.exec("set maintenance_work_mem = '256MB'; set synchronous_commit = off");
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    driver,
    location,
    sink: pgliteSink(pg),
    lanes: 1,
    query: async <T>(text: string, params: unknown[] = []) => (await pg.query<T>(text, params)).rows,
    close: async () => {
      await pg.close();
      unlock();
    },
  };
}

export interface IndexDefinition {
  table: string;
  name: string;
  definition: string;
}

/** The secondary indexes of `tables`: those that back no constraint (primary keys and unique constraints stay). */
export function listSecondaryIndexes(target: SeedTarget, tables: readonly string[]): Promise<IndexDefinition[]> {
  return target.query<IndexDefinition>(
    `select t.relname as "table", i.relname as name, pg_get_indexdef(i.oid) as definition
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and t.relname = any($1::text[])
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
      order by t.relname, i.relname`,
    [tables],
  );
}

export async function dropIndexes(target: SeedTarget, indexes: readonly IndexDefinition[]): Promise<void> {
  for (const index of indexes) await target.query(`drop index ${quoteIdentifier(index.name)}`);
}

/**
 * Build the indexes again from the definitions PostgreSQL gave for them, the biggest (the
 * full-text GIN index) first, in as many lanes as the target has connections; then check that the
 * database defines exactly the same indexes as before.
 */
export async function rebuildIndexes(target: SeedTarget, indexes: readonly IndexDefinition[], tables: readonly string[], onBuilt: (index: IndexDefinition, seconds: number) => void): Promise<void> {
  const queue = [...indexes].sort((a, b) => Number(b.definition.includes("USING gin")) - Number(a.definition.includes("USING gin")) || a.name.localeCompare(b.name));
  const lane = async () => {
    for (let index = queue.shift(); index; index = queue.shift()) {
      const started = performance.now();
      await target.query(index.definition);
      onBuilt(index, (performance.now() - started) / 1000);
    }
  };
  await Promise.all(Array.from({ length: Math.min(target.lanes, 2) }, lane));
  const after = await listSecondaryIndexes(target, tables);
  const key = (list: readonly IndexDefinition[]) => JSON.stringify([...list].map((i) => [i.name, i.definition]).sort());
  if (key(after) !== key(indexes)) throw new Error(`the rebuilt indexes differ from the migrated ones:\nbefore ${key(indexes)}\nafter  ${key(after)}`);
}

/** Move every identity sequence of `tables` past the ids the seed gave out, so that later inserts get new ones. */
export async function advanceIdentities(target: SeedTarget, tables: readonly string[]): Promise<void> {
  const columns = await target.query<{ table_name: string; column_name: string }>(
    "select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES' and table_name = any($1::text[])",
    [tables],
  );
  for (const { table_name: table, column_name: column } of columns) {
    await target.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quoteIdentifier(column)}) from ${quoteIdentifier(table)}), 0) + 1, false)`,
      [table, column],
    );
  }
}
