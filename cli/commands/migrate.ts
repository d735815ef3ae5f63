import { createDb } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

export async function runMigrate(config: Config, logger: Logger): Promise<number> {
  const handle = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.VANGNET_DATA_DIR, pgliteSharedBuffers: config.VANGNET_PGLITE_SHARED_BUFFERS });
  try {
    const report = await migrate(handle);
    logger.info({ database: handle.location, ...report }, "database is up to date");
    return 0;
  } finally {
    await handle.close();
  }
}
