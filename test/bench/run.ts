/**
 * `npm run bench [-- scenario…]`: Vangnet over HTTP against references, side by side (issue 16).
 * test/bench/README.md says how to seed, what each scenario measures against what, and the
 * targets. Without arguments every scenario runs: typename, list, deep-page, search-rare,
 * search-common, pglite, startup, rss. Load comes from autocannon in a process of its own; each
 * scenario alternates ours and the reference for BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS
 * seconds (default 5). Prints one table and writes every round's numbers to
 * test/bench/results/<date>-<scenarios>.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HEADER, SIDE_HEADER, cellsOf, renderMarkdown, renderText, sideCells } from "./http/table.js";
import { machineInfo, pgliteSeed, postgresSeed } from "./http/machine.js";
import { stopAll, stopAllOnExit } from "./http/processes.js";
import { type BenchConfig, type BenchContext, type Row, type ScenarioResult, SCENARIOS } from "./http/scenarios.js";

const say = (line = "") => process.stdout.write(`${line}\n`);

function positive(name: string, fallback: number, minimum = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < minimum) throw new Error(`${name} must be a number of at least ${minimum}, got "${raw}"`);
  return value;
}

function readConfig(): BenchConfig {
  return {
    seconds: positive("BENCH_SECONDS", 5),
    rounds: Math.round(positive("BENCH_ROUNDS", 3)),
    connections: Math.round(positive("BENCH_CONNECTIONS", 10)),
    latencyConnections: Math.round(positive("BENCH_LATENCY_CONNECTIONS", 1)),
    warmupSeconds: positive("BENCH_WARMUP_SECONDS", 2, 0),
    idleSeconds: positive("BENCH_IDLE_SECONDS", 10, 0),
  };
}

function readScenarios(args: string[]): string[] {
  const names = args.filter((arg) => arg !== "--");
  if (names.includes("--help") || names.includes("-h")) {
    say(`npm run bench [-- scenario…]\nscenarios: ${Object.keys(SCENARIOS).join(", ")} (default: all)\nenvironment: BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_LATENCY_CONNECTIONS, BENCH_WARMUP_SECONDS, BENCH_IDLE_SECONDS, BENCH_DATABASE_URL`);
    process.exit(0);
  }
  const unknown = names.filter((name) => !(name in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(", ")}; known: ${Object.keys(SCENARIOS).join(", ")}`);
  return names.length ? Object.keys(SCENARIOS).filter((name) => names.includes(name)) : Object.keys(SCENARIOS);
}

async function main(): Promise<number> {
  stopAllOnExit();
  const config = readConfig();
  const names = readScenarios(process.argv.slice(2));
  const startedAt = new Date();
  const postgres = await postgresSeed();
  const pglite = pgliteSeed();
  const machine = await machineInfo(postgres.url);
  say(`npm run bench: ${names.join(", ")}`);
  say(
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}; ` +
      `Postgres seed ${postgres.marker.documents.toLocaleString("en")} documents, PGlite seed ${pglite ? pglite.marker.documents.toLocaleString("en") : "none"}`,
  );
  say(`CPUs busy before the run ${machine.cpuBusyAtStart === null ? "unknown" : `${Math.round(machine.cpuBusyAtStart * 100)} %`}; ${config.rounds} rounds × ${config.seconds} s; ${config.connections} connections (throughput), ${config.latencyConnections} (latency); warm-up ${config.warmupSeconds} s per side`);

  if ((machine.cpuBusyAtStart ?? 0) > 0.25) {
    say(`warning: ${Math.round((machine.cpuBusyAtStart ?? 0) * 100)} % of the CPUs were busy before the run: the figures will be lower than on a quiet machine`);
  }

  const context: BenchContext = { config, postgres, pglite, progress: say };
  const results: Record<string, ScenarioResult> = {};
  const failures: Record<string, string> = {};
  const rows: Row[] = [];
  try {
    for (const name of names) {
      const scenario = SCENARIOS[name];
      if (!scenario) continue;
      say(`\n${name}`);
      const started = performance.now();
      try {
        const result = await scenario(context);
        results[name] = result;
        rows.push(...result.rows);
        say(`  done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures[name] = message;
        say(`  could not run: ${message}`);
      }
    }
  } finally {
    await stopAll();
  }

  const cells = cellsOf(rows);
  for (const [name, message] of Object.entries(failures)) cells.push([name, "-", "-", "-", "-", "-", "-", `not run: ${message.split("\n")[0]?.slice(0, 80)}`]);
  say(`\nResults (medians of ${config.rounds} rounds; Postgres ${postgres.marker.documents.toLocaleString("en")} documents${pglite ? `, PGlite ${pglite.marker.documents.toLocaleString("en")}` : ""}; ${machine.cpus} cores)\n`);
  say(renderText(HEADER, cells));
  say("\nMedians of each side\n");
  say(renderText(SIDE_HEADER, sideCells(results)));
  const notes = rows.filter((row) => row.note).map((row) => `${row.scenario}: ${row.note}`);
  if (notes.length) say(`\n${notes.join("\n")}`);

  const resultsDir = join(import.meta.dirname, "results");
  mkdirSync(resultsDir, { recursive: true });
  const set = names.length === Object.keys(SCENARIOS).length ? "all" : names.join("+");
  const file = join(resultsDir, `${startedAt.toISOString().slice(0, 10)}-${set}.json`);
  const round = (_key: string, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    scenarios: names,
    config,
    machine,
    seeds: { postgres: { documents: postgres.marker.documents, seededAt: postgres.marker.seededAt }, pglite: pglite ? { documents: pglite.marker.documents, seededAt: pglite.marker.seededAt } : null },
    rows,
    markdown: renderMarkdown(HEADER, cells),
    // The rows are above; each scenario keeps its sides (every round's numbers) and details.
    results: Object.fromEntries(Object.entries(results).map(([name, { rows: _rows, ...rest }]) => [name, rest])),
    failures,
  };
  writeFileSync(file, `${JSON.stringify(report, round, 1)}\n`);
  say(`\nwritten: ${file}`);
  return Object.keys(failures).length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    await stopAll();
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
