/**
 * Prints recall per form and precision per kind of finding of the privacy redaction on the
 * hand-labelled corpus: for the part the rules were tuned on and for the held-out part.
 * `npm run eval:privacy` (add `-- --misses` to list every leaked and every extra span).
 */
import { type CorpusPart, evaluatePrivacy, type Tally, tallyRatio } from "./score.js";

const row = (name: string, t: Tally) => `  ${name.padEnd(22)} ${tallyRatio(t).toFixed(3)}  (${t.hits}/${t.total})`;

function report(part: CorpusPart, title: string, misses: boolean): string[] {
  const result = evaluatePrivacy(part);
  const out = [`== ${title}: ${result.sentences} sentences`, `recall ${result.recall.toFixed(3)}   precision ${result.precision.toFixed(3)}`, "", "recall per form (labelled spans wholly redacted):"];
  for (const [form, tally] of Object.entries(result.recallByForm).sort()) out.push(row(form, tally));
  out.push("", "precision per kind (redacted spans that overlap a label):");
  for (const [kind, tally] of Object.entries(result.precisionByKind).sort()) out.push(row(kind, tally));
  const negatives = Object.entries(result.falsePositivesByNegative);
  out.push("", `false positives in negative sentences: ${negatives.length === 0 ? "none" : negatives.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  if (misses) {
    out.push("", "differences (leaked = labelled but not wholly redacted, extra = redacted without a label):");
    for (const m of result.misses) out.push(`  ${m.id}: leaked [${m.leaked.join("; ")}] extra [${m.extra.join("; ")}]`);
  }
  return [...out, ""];
}

const misses = process.argv.includes("--misses");
const out = [
  ...report("corpus.yaml", "corpus.yaml (the rules were tuned on it)", misses),
  ...report("holdout.yaml", "holdout.yaml (written with it, never tuned on)", misses),
  ...report("blind.yaml", "blind.yaml (written afterwards by someone who never saw the rules)", misses),
];
process.stdout.write(`${out.join("\n")}\n`);
