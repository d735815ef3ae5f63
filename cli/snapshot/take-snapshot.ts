import { renameSync } from "node:fs";
import { join } from "node:path";
import { pruneSnapshots, snapshotName } from "../../api/bulk/snapshot-store.js";
import { bulkDatasets } from "../../db/bulk/datasets.js";
import type { DbHandle } from "../../db/client.js";
import { type SnapshotManifest, writeSnapshot } from "./write-snapshot.js";

/**
 * One scheduled snapshot: every dataset in every format into a new directory of `dir`, renamed
 * from `.partial` once complete, then all but the newest `keep` removed (and partial directories
 * a killed run left).
 */
export async function takeSnapshot(db: Pick<DbHandle, "readSnapshot">, options: { dir: string; keep: number; version: string; now?: () => Date }): Promise<{ name: string; manifest: SnapshotManifest; removed: string[] }> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const partial = join(options.dir, `${snapshotName(started, 0)}.partial`);
  pruneSnapshots(options.dir, Number.POSITIVE_INFINITY);
  const manifest = await writeSnapshot(db, { out: partial, datasets: bulkDatasets, formats: ["csv", "ndjson", "parquet"], version: options.version, now });
  const name = snapshotName(started, Number(manifest.changeSeq));
  renameSync(partial, join(options.dir, name));
  return { name, manifest, removed: pruneSnapshots(options.dir, options.keep) };
}
