/**
 * The servers the scenarios load: `vangnet serve` (the built CLI, as users run it) on the Postgres
 * bench database or on the PGlite seed, `vangnet start` on an empty data directory, the bare
 * Apollo Server, and PostGraphile 4 (installed apart in test/bench/postgraphile). Each listens on
 * a free port of 127.0.0.1 and is stopped through its process group.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort, type Started, startProcess, waitUntil } from "./processes.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const BIN = join(ROOT, "bin", "vangnet.js");
export const POSTGRAPHILE_DIR = join(ROOT, "test", "bench", "postgraphile");
const POSTGRAPHILE_BIN = join(POSTGRAPHILE_DIR, "node_modules", "postgraphile", "cli.js");

export interface RunningServer {
  label: string;
  /** The GraphQL endpoint. */
  url: string;
  process: Started;
  stop(): Promise<void>;
}

export type Database = { driver: "postgres"; url: string } | { driver: "pglite"; dir: string };

/** Environment of a Vangnet process: production, quiet, no rate limit in the way of the load. */
function vangnetEnv(database: Database | null, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    VANGNET_FIRST_HARVEST: "false",
    // The load comes from one address: the anonymous budget (300 points a minute) would answer 429.
    VANGNET_RATE_LIMIT_ANONYMOUS: "1000000000",
    ...extra,
  };
  delete env.VANGNET_FROM_SOURCE;
  delete env.DATABASE_URL;
  // With DATABASE_URL the data directory is not used (no lock, no admin socket).
  if (database?.driver === "postgres") env.DATABASE_URL = database.url;
  else if (database?.driver === "pglite") {
    env.VANGNET_DATA_DIR = database.dir;
  }
  return env;
}

async function healthy(url: string): Promise<boolean> {
  const response = await fetch(url);
  return response.status === 200;
}

/** `vangnet serve` on `database`; resolves once /readyz answers 200. */
export async function startVangnetServe(label: string, database: Database, extra: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("no build in dist/: run `npm run build` (npm run bench does)");
  const port = await freePort();
  const started = startProcess(label, process.execPath, [BIN, "serve", "--port", String(port), "--host", "127.0.0.1"], { env: vangnetEnv(database, extra), cwd: ROOT });
  await waitUntil("a ready /readyz", started, () => healthy(`http://127.0.0.1:${port}/readyz`), 300_000);
  return { label, url: `http://127.0.0.1:${port}/graphql`, process: started, stop: () => started.stop() };
}

/** `vangnet start` on a new empty data directory: the process and its endpoint, not waited for. */
export async function spawnVangnetStart(label: string, dataDir: string): Promise<RunningServer> {
  const port = await freePort();
  const started = startProcess(label, process.execPath, [BIN, "start", "--port", String(port), "--host", "127.0.0.1"], {
    env: vangnetEnv({ driver: "pglite", dir: dataDir }, {}),
    cwd: ROOT,
  });
  return { label, url: `http://127.0.0.1:${port}/graphql`, process: started, stop: () => started.stop() };
}

async function answersTypename(url: string): Promise<boolean> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
  return response.ok && ((await response.json()) as { data?: { __typename?: string } }).data?.__typename === "Query";
}

/** The bare Apollo Server of the `typename` scenario (bare-apollo.ts). */
export async function startBareApollo(): Promise<RunningServer> {
  const port = await freePort();
  const started = startProcess("bare Apollo Server", process.execPath, ["--import", "tsx", join(import.meta.dirname, "bare-apollo.ts"), String(port)], {
    env: { ...process.env, NODE_ENV: "production" },
    cwd: ROOT,
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitUntil("an answer", started, () => answersTypename(url), 60_000);
  return { label: "bare Apollo Server 5", url, process: started, stop: () => started.stop() };
}

/** PostGraphile 4 on the same database, read-only schema (no default mutations), no query log. */
export async function startPostgraphile(databaseUrl: string): Promise<RunningServer> {
  if (!existsSync(POSTGRAPHILE_BIN)) throw new Error("PostGraphile is not installed: npm install --prefix test/bench/postgraphile");
  const port = await freePort();
  const args = [POSTGRAPHILE_BIN, "--connection", databaseUrl, "--schema", "public", "--host", "127.0.0.1", "--port", String(port), "--disable-default-mutations", "--disable-query-log", "--disable-graphiql"];
  const started = startProcess("PostGraphile 4", process.execPath, args, { env: { ...process.env, NODE_ENV: "production" }, cwd: POSTGRAPHILE_DIR });
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitUntil("an answer", started, () => answersTypename(url), 120_000);
  return { label: "PostGraphile 4", url, process: started, stop: () => started.stop() };
}

/** Resident memory of a process (VmRSS of /proc/<pid>/status), in MiB. */
export async function residentMiB(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}
