import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is a single-process database: two processes writing one data directory corrupt it. Take
 * an exclusive lock file holding our PID; a lock left by a process that no longer runs (killed)
 * is taken over. Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, "vangnet.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirInUseError(
          `the embedded database in ${dataDir} is in use by process ${holder}; PGlite allows one process at a time ` +
            "(stop that process, or set DATABASE_URL to share a Postgres server between processes)",
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirInUseError(`could not lock ${path}`);
}
