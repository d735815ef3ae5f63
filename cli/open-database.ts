import { createDb, type DbHandle } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";

/** Open the configured database and bring it up to date; the caller closes it. */
export async function openMigratedDb(config: Config, logger: Logger): Promise<DbHandle> {
  const handle = await createDb({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.VANGNET_DATA_DIR,
    pgliteSharedBuffers: config.VANGNET_PGLITE_SHARED_BUFFERS,
    statementTimeoutMs: config.VANGNET_STATEMENT_TIMEOUT_MS,
  });
  try {
    const report = await migrate(handle);
    logger.debug({ database: handle.location, ...report }, "database ready");
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
