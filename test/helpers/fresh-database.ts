import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type DbHandle } from "../../db/client.js";
import { createPostgresDatabase, testDriver } from "./test-db.js";

/**
 * A database of its own for a child `vangnet`: a PGlite directory, or a fresh database on the
 * Postgres server. `env` points the child at it; `open` opens it in the test after the child ended.
 */
export async function freshDatabase(prefix = "vangnet-"): Promise<{ env: Record<string, string>; open: () => Promise<DbHandle>; drop: () => Promise<void> }> {
  if (testDriver === "pglite") {
    const dataDir = join(mkdtempSync(join(tmpdir(), prefix)), "data");
    return { env: { VANGNET_DATA_DIR: dataDir }, open: () => createDb({ dataDir }), drop: async () => {} };
  }
  const { url, drop } = await createPostgresDatabase();
  return { env: { DATABASE_URL: url }, open: () => createDb({ databaseUrl: url }), drop };
}
