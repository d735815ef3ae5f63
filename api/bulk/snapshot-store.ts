import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Where scheduled snapshots live (`VANGNET_SNAPSHOT_DIR`): one directory per snapshot, named by
 * its time and change sequence (`2026-11-30T03-30-00Z-seq1234`), written under a `.partial` name
 * and renamed when its manifest is written, so a directory without that suffix and with a
 * manifest is complete. Names sort by time, so the newest is the last.
 */
const SNAPSHOT_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-seq\d+$/;

export interface StoredSnapshot {
  name: string;
  path: string;
  manifest: { changeSeq: string; changeCursor: string; generatedAt: string; datasets: { name: string; rows: number; files: { format: string; path: string; bytes: number; sha256: string }[] }[] };
}

/** The name a snapshot taken at `at`, consistent with `changeSeq`, gets. */
export function snapshotName(at: Date, changeSeq: number): string {
  return `${at.toISOString().slice(0, 19).replace(/:/g, "-")}Z-seq${changeSeq}`;
}

/** Complete snapshots in `dir`, oldest first. */
export function listSnapshots(dir: string): StoredSnapshot[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => SNAPSHOT_NAME.test(name) && existsSync(join(dir, name, "manifest.json")))
    .sort()
    .map((name) => ({ name, path: join(dir, name), manifest: JSON.parse(readFileSync(join(dir, name, "manifest.json"), "utf8")) as StoredSnapshot["manifest"] }));
}

export function latestSnapshot(dir: string): StoredSnapshot | undefined {
  return listSnapshots(dir).at(-1);
}

/** A file of the latest snapshot, when it has one of that name (manifest.json and datapackage.json included). */
export function latestSnapshotFile(dir: string, file: string): string | undefined {
  const latest = latestSnapshot(dir);
  if (!latest || !/^[a-z_]+\.(csv|ndjson|parquet|json)$/.test(file)) return undefined;
  const path = join(latest.path, file);
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

/** Remove all but the newest `keep` complete snapshots, and partial ones left by a killed run. */
export function pruneSnapshots(dir: string, keep: number, isRunning = false): string[] {
  const removed: string[] = [];
  const complete = listSnapshots(dir);
  for (const snapshot of complete.slice(0, Math.max(0, complete.length - keep))) {
    rmSync(snapshot.path, { recursive: true, force: true });
    removed.push(snapshot.name);
  }
  if (!isRunning && existsSync(dir)) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".partial"))) {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}
