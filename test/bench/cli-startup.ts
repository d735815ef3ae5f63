/**
 * `npm run bench` (first part): how long a newcomer waits for the `vangnet` command. Three
 * scenarios, each timed for the compiled JavaScript that `bin/vangnet.js` runs and, side by side in
 * the same run (A B A B…), for the TypeScript run through tsx (`VANGNET_FROM_SOURCE=1`, the only
 * path before the build existed): `vangnet --help`; `vangnet start` on an empty data directory
 * until a GraphQL query is answered; the same start again on that directory (a restart). The
 * built-in sources are on, as for a newcomer; the first harvest is off, since it would fetch
 * real sites. Targets from the issue: help ≤ 0.5 s, first answer ≤ 8 s, restart ≤ 3 s.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../helpers/free-port.js";

const RUNS = Number(process.env.VANGNET_BENCH_RUNS ?? 3);
const bin = join(import.meta.dirname, "../../bin/vangnet.js");

type Path = "compiled" | "tsx";
const envOf = (path: Path, extra: Record<string, string> = {}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn", NODE_ENV: "production", VANGNET_FIRST_HARVEST: "false", ...extra };
  delete env.DATABASE_URL;
  if (path === "tsx") env.VANGNET_FROM_SOURCE = "1";
  else delete env.VANGNET_FROM_SOURCE;
  return env;
};


async function timeHelp(path: Path): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, [bin, "--help"], { env: envOf(path), stdio: "ignore" }).once("exit", resolve));
  return performance.now() - started;
}

/** Start on `dataDir`, ask until a query is answered, stop; milliseconds from spawn to answer. */
async function timeFirstAnswer(path: Path, dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [bin, "start", "--port", String(port), "--host", "127.0.0.1"], { env: envOf(path, { VANGNET_DATA_DIR: dataDir }), stdio: "ignore" });
  const body = JSON.stringify({ query: '{ municipality(nis: "44086") { name } }' });
  let answered = 0;
  while (!answered) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
      if (response.ok && ((await response.json()) as { data?: { municipality?: unknown } }).data?.municipality) answered = performance.now();
    } catch {
      // not listening yet
    }
    if (!answered) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  return answered - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const times: Record<string, Record<Path, number[]>> = { help: { compiled: [], tsx: [] }, first: { compiled: [], tsx: [] }, restart: { compiled: [], tsx: [] } };

for (let run = 0; run < RUNS; run++) {
  for (const path of ["compiled", "tsx"] as const) {
    times.help?.[path].push(await timeHelp(path));
    const dataDir = join(mkdtempSync(join(tmpdir(), "vangnet-bench-start-")), "data");
    times.first?.[path].push(await timeFirstAnswer(path, dataDir));
    times.restart?.[path].push(await timeFirstAnswer(path, dataDir));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
const rows: [string, string, number][] = [
  ["vangnet --help", "help", 0.5],
  ["empty data dir → first answer", "first", 8],
  ["restart → first answer", "restart", 3],
];
process.stdout.write(`\nvangnet startup: median of ${RUNS} runs, compiled and tsx alternating\n${"scenario".padEnd(32)} ${"compiled".padStart(9)} ${"tsx".padStart(9)} ${"ratio".padStart(7)} ${"target".padStart(8)}\n`);
for (const [label, key, target] of rows) {
  const compiled = median(times[key]?.compiled ?? []);
  const tsx = median(times[key]?.tsx ?? []);
  process.stdout.write(`${label.padEnd(32)} ${seconds(compiled)} ${seconds(tsx)} ${`${(compiled / tsx).toFixed(2)}×`.padStart(7)} ${`≤ ${target} s`.padStart(8)}\n`);
}
