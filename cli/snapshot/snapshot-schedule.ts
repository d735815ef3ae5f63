import cron from "node-cron";
import type { DbHandle } from "../../db/client.js";
import type { Logger } from "../logger.js";
import { takeSnapshot } from "./take-snapshot.js";

/** Nightly snapshots in `vangnet start` and `vangnet worker` when VANGNET_SNAPSHOT_DIR is set. */
export function scheduleSnapshots(options: { db: DbHandle; dir: string; cron: string; keep: number; version: string; logger: Logger }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const task = cron.schedule(
    options.cron,
    async () => {
      running = takeSnapshot(options.db, { dir: options.dir, keep: options.keep, version: options.version })
        .then(({ name, manifest, removed }) => options.logger.info({ snapshot: name, changeSeq: manifest.changeSeq, removed }, "snapshot written"))
        .catch((error: unknown) => options.logger.error({ err: error, dir: options.dir }, "the scheduled snapshot failed; the previous one stays served"));
      await running;
      running = null;
    },
    { name: "bulk-snapshot", timezone: "Europe/Brussels", noOverlap: true },
  );
  options.logger.info({ dir: options.dir, cron: options.cron, keep: options.keep, nextRun: task.getNextRun() }, "snapshots scheduled");
  return {
    stop: async () => {
      await task.destroy();
      await running;
    },
  };
}
