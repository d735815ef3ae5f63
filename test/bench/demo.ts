/**
 * `npx tsx test/bench/demo.ts [runs]`: how long does `vangnet demo` take from the command to its
 * first line and to its summary (the API listening), and where does the time go?
 *
 * Runs `node bin/vangnet.js demo --port 0` the given number of times (default 5) one after the
 * other, each until its summary, then stops it with SIGINT. Prints per run the time to the first
 * line and to the summary as this process saw them, and the times the demo printed for its steps
 * (replay sites, database, each source); then the median of each.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { cleanEnv, VANGNET_BIN } from "../helpers/run-cli.js";

interface Run {
  firstLineMs: number;
  readyMs: number;
  /** Seconds the demo printed per step: "replay sites", "database", each source id. */
  steps: Map<string, number>;
}

function runDemoOnce(): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [VANGNET_BIN, "demo", "--port", "0"], { env: cleanEnv(), stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    let firstLineMs: number | null = null;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (firstLineMs === null && stdout.includes("\n")) firstLineMs = performance.now() - started;
      if (stdout.includes("Ctrl+C stops the demo.")) {
        const readyMs = performance.now() - started;
        const steps = new Map<string, number>();
        for (const match of stdout.matchAll(/^(?: {2}(replay sites|database)|\[\d+\/\d+\] (\S+)).*?(\d+\.\d) s$/gm)) steps.set((match[1] ?? match[2]) as string, Number(match[3]));
        child.once("exit", () => resolve({ firstLineMs: firstLineMs ?? readyMs, readyMs, steps }));
        child.kill("SIGINT");
      }
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!stdout.includes("Ctrl+C stops the demo.")) reject(new Error(`vangnet demo exited with ${code} before its summary:\n${stdout}`));
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const count = Number(process.argv[2] ?? 5);
const runs: Run[] = [];
for (let index = 0; index < count; index++) {
  const run = await runDemoOnce();
  runs.push(run);
  const steps = [...run.steps].map(([name, s]) => `${name} ${s.toFixed(1)}`).join(", ");
  process.stdout.write(`run ${index + 1}: first line ${(run.firstLineMs / 1000).toFixed(2)} s, summary ${(run.readyMs / 1000).toFixed(1)} s (${steps})\n`);
}
const stepNames = [...(runs[0]?.steps.keys() ?? [])];
process.stdout.write(
  `\nmedian of ${count}: first line ${(median(runs.map((r) => r.firstLineMs)) / 1000).toFixed(2)} s, summary ${(median(runs.map((r) => r.readyMs)) / 1000).toFixed(1)} s\n` +
    stepNames.map((name) => `  ${name.padEnd(28)} ${median(runs.map((r) => r.steps.get(name) ?? 0)).toFixed(1)} s`).join("\n") +
    "\n",
);
