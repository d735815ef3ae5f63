import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { createDb, type DbHandle, type QueryListener } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";

export type TestDriver = "pglite" | "postgres";

/** Which database this test file runs on, set per Vitest project (see vitest.config.ts). */
export const testDriver: TestDriver = process.env.VANGNET_TEST_DB === "postgres" ? "postgres" : "pglite";

export interface TestDb extends DbHandle {
  /** Connection URL of the fresh Postgres database (undefined on PGlite). */
  url?: string;
}

/**
 * A fresh database of its own for one test file: on PGlite a copy of the migrated template (or an
 * empty in-memory instance), on Postgres a new database on the TEST_DATABASE_URL server, dropped
 * again by `close()`.
 */
export async function createTestDb(options: { migrated?: boolean; onQuery?: QueryListener } = {}): Promise<TestDb> {
  const migrated = options.migrated ?? true;
  if (testDriver === "pglite") {
    if (!migrated) return createDb({ dataDir: "memory://", onQuery: options.onQuery });
    const dump = new Blob([readFileSync(inject("pgliteTemplate"))]);
    return createDb({ dataDir: "memory://", pgliteDump: dump, onQuery: options.onQuery });
  }
  const { url, drop } = await createPostgresDatabase();
  const handle = await createDb({ databaseUrl: url, onQuery: options.onQuery });
  if (migrated) await migrate(handle);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

/** Create an empty database on the TEST_DATABASE_URL server; `drop` removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is required for the postgres test project");
  const name = `vangnet_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** A database that a child process (a worker) and the test open in turn. */
export interface SharedTestDatabase {
  /** What the child's environment needs to open it. */
  env: Record<string, string>;
  /** Open it in the test (on PGlite only while no child holds it: a dead child's lock is taken over). */
  open: () => Promise<DbHandle>;
  drop: () => Promise<void>;
}

/** A fresh database for tests that run Vangnet in child processes: a PGlite directory, or a database on the Postgres server. */
export async function createSharedTestDatabase(prefix: string): Promise<SharedTestDatabase> {
  if (testDriver === "pglite") {
    const dataDir = join(mkdtempSync(join(tmpdir(), `${prefix}-`)), "data");
    return { env: { VANGNET_DATA_DIR: dataDir }, open: () => createDb({ dataDir }), drop: async () => {} };
  }
  const database = await createPostgresDatabase();
  return { env: { DATABASE_URL: database.url }, open: () => createDb({ databaseUrl: database.url }), drop: database.drop };
}
