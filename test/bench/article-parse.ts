/**
 * `npx tsx test/bench/article-parse.ts`: how long does the article extractor take on large pages,
 * now and before the fix (test/bench/extract-article-before.ts), side by side in one run?
 *
 * Shapes (test/fixtures/news/large-pages.ts): long articles of 1, 2 and 5 MB; paragraphs in
 * never-closed `<div>`s, on which the old extractor was quadratic (and parse5, its parser, too);
 * a 431 kB table; 6 000 nested elements, on which it overflowed the stack. Each measurement runs in
 * a child process that is stopped after BENCH_ARTICLE_BUDGET_S seconds (default 120), so that a
 * quadratic run is reported as "> budget" instead of holding the bench for hours; a larger page
 * of the same shape is then not tried. Prints the median of three runs (one when a run takes
 * more than 10 s) and the ratio before/now.
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { extractArticle } from "../../scrapers/parsers/news/extract-article.js";
import { bigTablePage, deeplyNestedPage, longArticlePage, unclosedDivsPage } from "../fixtures/news/large-pages.js";
import { extractArticleBefore } from "./extract-article-before.js";

const MB = 1_000_000;
const shapes: { name: string; family: string; build: () => string }[] = [
  { name: "article 1 MB", family: "article", build: () => longArticlePage(1 * MB) },
  { name: "article 2 MB", family: "article", build: () => longArticlePage(2 * MB) },
  { name: "article 5 MB", family: "article", build: () => longArticlePage(5 * MB) },
  { name: "unclosed <div>s 100 kB", family: "unclosed", build: () => unclosedDivsPage(100_000) },
  { name: "unclosed <div>s 200 kB", family: "unclosed", build: () => unclosedDivsPage(200_000) },
  { name: "unclosed <div>s 400 kB", family: "unclosed", build: () => unclosedDivsPage(400_000) },
  { name: "unclosed <div>s 1 MB", family: "unclosed", build: () => unclosedDivsPage(1 * MB) },
  { name: "unclosed <div>s 2 MB", family: "unclosed", build: () => unclosedDivsPage(2 * MB) },
  { name: "unclosed <div>s 5 MB", family: "unclosed", build: () => unclosedDivsPage(5 * MB) },
  { name: "table 431 kB", family: "table", build: () => bigTablePage(431_000) },
  { name: "6 000 nested elements", family: "nested", build: () => deeplyNestedPage(6000) },
];
const implementations = { before: extractArticleBefore, now: extractArticle };
type Implementation = keyof typeof implementations;
type Measured = { ms: number; chars: number } | { error: string } | { overBudget: number } | { skipped: true };

/** In the child: time one implementation on one shape and print the result as JSON. */
function measure(shapeName: string, implementation: Implementation): void {
  const shape = shapes.find((s) => s.name === shapeName);
  if (!shape) throw new Error(`unknown shape ${shapeName}`);
  const extract = implementations[implementation];
  const html = shape.build();
  extract(longArticlePage(20_000), "https://stad.example/nieuws/opwarmen");
  const times: number[] = [];
  let chars = 0;
  try {
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      chars = extract(html, "https://stad.example/nieuws/groot").text.length;
      times.push(performance.now() - start);
      if (times[0] as number > 10_000) break;
    }
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
    return;
  }
  process.stdout.write(JSON.stringify({ ms: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], chars }));
}

function runChild(shape: string, implementation: Implementation, budgetS: number): Measured {
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--measure", shape, implementation], {
    timeout: budgetS * 1000,
    encoding: "utf8",
    maxBuffer: 1024 * 1024,
  });
  if (child.error && (child.error as NodeJS.ErrnoException).code === "ETIMEDOUT") return { overBudget: budgetS };
  if (child.status !== 0) return { error: (child.stderr || `exit ${child.status}`).trim().split("\n").slice(-1)[0] ?? "failed" };
  return JSON.parse(child.stdout) as Measured;
}

const show = (m: Measured) =>
  "ms" in m ? `${m.ms.toFixed(0)} ms` : "overBudget" in m ? `> ${m.overBudget} s` : "skipped" in m ? "not run" : m.error.includes("call stack") ? "stack overflow" : `error`;

if (process.argv[2] === "--measure") {
  measure(process.argv[3] as string, process.argv[4] as Implementation);
} else {
  const budgetS = Number(process.env.BENCH_ARTICLE_BUDGET_S ?? 120);
  const overBudget = new Set<string>();
  process.stdout.write(`article extractor, before → now (each run in its own process, budget ${budgetS} s)\n`);
  process.stdout.write(`${"page".padEnd(26)} ${"before".padStart(16)} ${"now".padStart(12)} ${"before/now".padStart(11)}   text chars before/now\n`);
  for (const shape of shapes) {
    const before: Measured = overBudget.has(shape.family) ? { skipped: true } : runChild(shape.name, "before", budgetS);
    if ("overBudget" in before) overBudget.add(shape.family);
    const now = runChild(shape.name, "now", budgetS);
    const ratio = "ms" in before && "ms" in now ? `${(before.ms / now.ms).toFixed(1)}×` : "overBudget" in before && "ms" in now ? `> ${((budgetS * 1000) / now.ms).toFixed(0)}×` : "–";
    const chars = `${"chars" in before ? before.chars : "–"} / ${"chars" in now ? now.chars : "–"}`;
    process.stdout.write(`${shape.name.padEnd(26)} ${show(before).padStart(16)} ${show(now).padStart(12)} ${ratio.padStart(11)}   ${chars}\n`);
  }
}
