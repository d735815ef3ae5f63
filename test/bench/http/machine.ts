/** What a result file records about where it was measured: the machine, the software, the seeds. */
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { createDb } from "../../../db/client.js";
import type { SeedMarker } from "../seed-report.js";
import { runToEnd } from "./processes.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const BENCH_DIR = join(ROOT, ".bench");
export const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/vangnet_bench";

export interface PostgresSeed {
  url: string;
  marker: SeedMarker;
}

export interface PgliteSeed {
  dir: string;
  marker: SeedMarker;
}

function readMarker(driver: "postgres" | "pglite"): SeedMarker | null {
  const path = join(BENCH_DIR, `seed-${driver}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as SeedMarker) : null;
}

/** The Postgres seed, checked against the database itself (a marker may outlive a reset). */
export async function postgresSeed(): Promise<PostgresSeed> {
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const marker = readMarker("postgres");
  if (!marker) throw new Error("no Postgres seed: run `npm run bench:seed -- --documents 200000` first");
  const handle = await createDb({ databaseUrl: url, maxConnections: 1 }).catch((error: unknown) => {
    throw new Error(`the bench database is not reachable: ${(error as Error).message}`);
  });
  try {
    const [state] = await handle.rows<{ value: string }>("select value from system_state where key = 'bench_seed'");
    const seeded = state ? (JSON.parse(state.value) as SeedMarker) : null;
    if (!seeded || seeded.documents !== marker.documents) throw new Error(`${handle.location} does not hold the seed of .bench/seed-postgres.json: run npm run bench:seed again`);
  } finally {
    await handle.close();
  }
  return { url, marker };
}

export function pgliteSeed(): PgliteSeed | null {
  const dir = join(BENCH_DIR, "pglite");
  const marker = readMarker("pglite");
  return marker && existsSync(join(dir, "PG_VERSION")) ? { dir, marker } : null;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  postgres: string | null;
  commit: string | null;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAverage: number[];
  /** Share of the CPUs busy during one second before the run started: other work on the machine. */
  cpuBusyAtStart: number | null;
}

/** Busy and total CPU time (jiffies) over all CPUs, from /proc/stat. */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, value) => sum + value, 0);
    // idle and iowait
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The share of CPU time that was busy over the next `ms` milliseconds. */
export async function cpuBusy(ms = 1000): Promise<number | null> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return null;
  return Math.round(((after.busy - before.busy) / (after.total - before.total)) * 100) / 100;
}

export async function machineInfo(databaseUrl: string | null): Promise<MachineInfo> {
  let postgres: string | null = null;
  if (databaseUrl) {
    const handle = await createDb({ databaseUrl, maxConnections: 1 });
    try {
      postgres = (await handle.rows<{ server_version: string }>("show server_version"))[0]?.server_version ?? null;
    } finally {
      await handle.close();
    }
  }
  let commit: string | null = null;
  try {
    commit = (await runToEnd("git", "git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT })).trim();
    const dirty = (await runToEnd("git", "git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT })).trim();
    if (dirty) commit += " (with uncommitted changes)";
  } catch {
    // not a git checkout
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    postgres,
    commit,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    cpuBusyAtStart: await cpuBusy(),
  };
}
