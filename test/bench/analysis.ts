/**
 * `npm run bench` (fourth part): does the normalisation of one document take time in proportion
 * to its text? It runs inside the store of every document (in the parse pool's workers, within
 * their time budget), so a quadratic path makes long documents fail or stall a run (seen 2026-11:
 * the analysis of the previous release took 24 s on 2 MB and 121 s on 5 MB of these paragraphs).
 *
 * Texts of 100 kB to 5 MB are made of the hand-labelled paragraphs of test/normalise-eval (real
 * shapes: amounts, places, dates, measures), repeated. The reference, timed side by side in the
 * same run, is the time per MB on the 100 kB text: a ratio near 1 at every size means linear.
 *
 * Set VANGNET_BENCH_BASELINE to another analyse module to time it too (one run each), e.g. the
 * analysis of an earlier release: `git archive <rev> scrapers db schema | tar -x -C .baseline` and
 * `VANGNET_BENCH_BASELINE=.baseline/scrapers/normalise/analyse.ts npm run bench`.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { type AnalysisInput, analyseText } from "../../scrapers/normalise/analyse.js";

const RUNS = 3;
type Analyse = (input: AnalysisInput) => unknown;

const paragraphs = (parse(readFileSync(join(import.meta.dirname, "../normalise-eval/paragraphs.yaml"), "utf8")) as { text: string }[]).map((p) => p.text);
const corpus = paragraphs.join("\n\n");

function textOf(bytes: number): string {
  return corpus.repeat(Math.ceil(bytes / corpus.length)).slice(0, bytes);
}

function time(analyse: Analyse, text: string): number {
  const started = performance.now();
  analyse({ text, title: "Besluit van de gemeenteraad", date: "2026-11-20", publisher: "44021" });
  return performance.now() - started;
}

function median(analyse: Analyse, text: string): number {
  time(analyse, text);
  const times = Array.from({ length: RUNS }, () => time(analyse, text)).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

const baselinePath = process.env.VANGNET_BENCH_BASELINE;
const baseline: Analyse | null = baselinePath
  ? await import(pathToFileURL(resolve(baselinePath)).href).then((module: { analyseText: Analyse }) => module.analyseText)
  : null;

const sizes = [100_000, 431_000, 1_000_000, 2_000_000, 5_000_000];
const rows = sizes.map((size) => {
  const text = textOf(size);
  const elapsed = median(analyseText, text);
  return { size, elapsed, perMb: elapsed / (size / 1_000_000), before: baseline ? time(baseline, text) : null };
});
const reference = (rows[0] as (typeof rows)[number]).perMb;
const ms = (value: number) => `${value.toFixed(0).padStart(7)} ms`;
process.stdout.write(
  `\nAnalysis of one text: median of ${RUNS} runs after a warm-up; reference = its time per MB on 100 kB (${reference.toFixed(0)} ms)${baseline ? `; baseline = ${baselinePath} (one run)` : ""}\n` +
    `${"text".padEnd(10)} ${"time".padStart(10)} ${"per MB".padStart(10)} ${"ratio".padStart(7)}${baseline ? `${"baseline".padStart(11)}` : ""}\n`,
);
for (const row of rows) {
  process.stdout.write(
    `${`${row.size / 1000} kB`.padEnd(10)} ${ms(row.elapsed)} ${ms(row.perMb)} ${`${(row.perMb / reference).toFixed(2)}×`.padStart(7)}${row.before === null ? "" : ` ${ms(row.before)}`}\n`,
  );
}
