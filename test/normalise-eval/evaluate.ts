/**
 * Prints precision, recall and F1 of the normalisation on the labelled paragraphs, per theme and
 * for amounts, municipalities, measures and national register numbers, against the targets.
 * `npm run eval:normalise` (add `-- --misses` to list every difference).
 */
import { evaluate, readLabelledParagraphs, type Scores, targets } from "./score.js";

const result = evaluate(readLabelledParagraphs());
const pct = (x: number) => x.toFixed(3);
const line = (name: string, s: Scores, target = "") =>
  `${name.padEnd(22)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})${target}`;

const out: string[] = [`${result.paragraphs} labelled paragraphs`, ""];
out.push(line("amounts", result.amounts, `   target P ≥ ${targets.amountsPrecision}, R ≥ ${targets.amountsRecall}`));
out.push(`${"amount periods".padEnd(22)} ${result.amountPeriods.correct}/${result.amountPeriods.matched} correct`);
out.push(line("municipalities", result.municipalities, `   target P, R ≥ ${targets.municipalitiesPrecision}`));
out.push(line("measures", result.measures));
out.push(line("national register nrs", result.pii));
out.push("", "themes:");
for (const [code, s] of Object.entries(result.themes)) out.push(line(`  ${code}`, s));
out.push(`${"themes macro-F1".padEnd(22)} ${pct(result.themesMacroF1)}   target ≥ ${targets.themesMacroF1}`);
if (process.argv.includes("--misses")) {
  out.push("", "differences (missing = labelled but not found, extra = found but not labelled):");
  for (const m of result.misses) out.push(`  ${m.id} ${m.field}: missing [${m.missing.join("; ")}] extra [${m.extra.join("; ")}]`);
}
process.stdout.write(`${out.join("\n")}\n`);
