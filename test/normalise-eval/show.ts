/**
 * Shows one or more labelled excerpts beside what the extractor finds (for working on the rules):
 *   npx tsx test/normalise-eval/show.ts r012 r021
 * Tuning, retired and synthetic ids are shown; a held-out id (real-holdout.yaml) only with --holdout.
 */
import { analyseText } from "../../scrapers/normalise/analyse.js";
import { readLabelledParagraphs } from "./score.js";

const print = (...parts: unknown[]) => process.stdout.write(`${parts.join(" ")}\n`);
const ids = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const sets = ["real-tuning.yaml", "real-retired.yaml", "paragraphs.yaml", ...(process.argv.includes("--holdout") ? (["real-holdout.yaml"] as const) : [])] as const;
for (const id of ids) {
  const entry = sets.flatMap((s) => readLabelledParagraphs(s)).find((p) => p.id === id);
  if (!entry) {
    print(`${id}: not found (held-out ids need --holdout)`);
    continue;
  }
  const analysis = analyseText({ text: entry.text, date: entry.date, publisher: entry.publisher });
  print(`\n=== ${id} (${entry.kind}, publisher ${entry.publisher})\n${entry.text}\n`);
  print("labelled themes:", entry.themes.join(", "), " found:", analysis.themes.map((t) => `${t.code}(${t.score.toFixed(2)})`).join(", "));
  print("labelled measures:");
  for (const m of entry.measures) print(`  ${m.municipality}/${m.theme}/${m.action}`);
  print("found measures:");
  for (const m of analysis.measures) {
    print(`  ${m.municipality}/${m.theme}/${m.action} conf ${m.confidence.toFixed(2)}`);
    for (const e of m.evidence) print(`     « ${e.text.slice(0, 200)} »`);
  }
}
