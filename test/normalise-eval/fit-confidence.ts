/**
 * Fits the measure confidence (scrapers/normalise/confidence.ts): a logistic regression with an L2
 * penalty over the features of each measure the extractor reads from the real texts tuned on
 * (real-tuning.yaml, real-retired.yaml), labelled right when its municipality, theme and action
 * are a labelled measure of the text. Never reads the held-out part.
 *
 *   npm run fit:confidence            # prints cross-validated figures and writes confidence-model.ts
 *   npm run fit:confidence -- --dry   # prints only
 *
 * The penalty is chosen by 5-fold cross-validation with folds by publisher (a publisher's texts
 * are never both fitted and scored), on the log loss.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyseText } from "../../scrapers/normalise/analyse.js";
import { CONFIDENCE_FEATURES, confidenceFeatures } from "../../scrapers/normalise/confidence.js";
import { type LabelledParagraph, readLabelledParagraphs } from "./score.js";

interface Sample {
  x: number[];
  y: 0 | 1;
  fold: number;
}

function samplesOf(paragraphs: readonly LabelledParagraph[]): Sample[] {
  const samples: Sample[] = [];
  for (const p of paragraphs) {
    const gold = new Set(p.measures.map((m) => `${m.municipality}|${m.theme}|${m.action}`));
    const publisher = p.publisher ?? p.publisherName ?? p.id;
    const fold = createHash("sha256").update(publisher).digest()[0]! % 5;
    for (const m of analyseText({ text: p.text, date: p.date, publisher: p.publisher }).measures) {
      samples.push({ x: confidenceFeatures(m.action, m.signals), y: gold.has(`${m.municipality}|${m.theme}|${m.action}`) ? 1 : 0, fold });
    }
  }
  return samples;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const predict = (w: readonly number[], x: readonly number[]) => sigmoid(x.reduce((s, v, i) => s + v * w[i]!, 0));

/** Gradient descent on the mean log loss plus lambda/2·|w|² (the bias is not penalised). */
function fit(samples: readonly Sample[], lambda: number): number[] {
  const w = new Array<number>(CONFIDENCE_FEATURES.length).fill(0);
  const n = samples.length;
  for (let step = 0; step < 4000; step++) {
    const gradient = new Array<number>(w.length).fill(0);
    for (const s of samples) {
      const error = predict(w, s.x) - s.y;
      s.x.forEach((v, i) => (gradient[i]! += (error * v) / n));
    }
    for (let i = 0; i < w.length; i++) w[i]! -= 0.5 * (gradient[i]! + (i === 0 ? 0 : (lambda * w[i]!) / n));
  }
  return w;
}

const logLoss = (p: number, y: number) => -(y * Math.log(Math.max(p, 1e-9)) + (1 - y) * Math.log(Math.max(1 - p, 1e-9)));

function crossValidate(samples: readonly Sample[], lambda: number) {
  const scored: { p: number; y: number }[] = [];
  for (let fold = 0; fold < 5; fold++) {
    const w = fit(samples.filter((s) => s.fold !== fold), lambda);
    for (const s of samples.filter((s) => s.fold === fold)) scored.push({ p: predict(w, s.x), y: s.y });
  }
  const loss = scored.reduce((sum, s) => sum + logLoss(s.p, s.y), 0) / scored.length;
  const at = (threshold: number) => {
    const kept = scored.filter((s) => s.p >= threshold);
    return { kept: kept.length, precision: kept.length ? kept.filter((s) => s.y === 1).length / kept.length : 1 };
  };
  return { loss, at50: at(0.5), at70: at(0.7) };
}

const samples = samplesOf([...readLabelledParagraphs("real-tuning.yaml"), ...readLabelledParagraphs("real-retired.yaml")]);
const right = samples.filter((s) => s.y === 1).length;
const print = (line: string) => process.stdout.write(`${line}\n`);
print(`${samples.length} measures read from the texts tuned on, ${right} right (${(right / samples.length).toFixed(3)})`);
let best = { lambda: 0, loss: Number.POSITIVE_INFINITY };
for (const lambda of [0.1, 0.3, 1, 3, 10, 30]) {
  const cv = crossValidate(samples, lambda);
  print(`lambda ${String(lambda).padEnd(4)} cross-validated log loss ${cv.loss.toFixed(3)}; ≥ 0.5: ${cv.at50.kept} kept, precision ${cv.at50.precision.toFixed(3)}; ≥ 0.7: ${cv.at70.kept} kept, precision ${cv.at70.precision.toFixed(3)}`);
  if (cv.loss < best.loss) best = { lambda, loss: cv.loss };
}
const weights = fit(samples, best.lambda).map((w) => Math.round(w * 1000) / 1000);
print(`\nchosen lambda ${best.lambda}; weights:`);
CONFIDENCE_FEATURES.forEach((name, i) => print(`  ${name.padEnd(50)} ${weights[i]!.toFixed(3)}`));

if (!process.argv.includes("--dry")) {
  const source = `/**
 * Weights of the measure confidence (confidence.ts), in the order of CONFIDENCE_FEATURES. Written by
 * \`npm run fit:confidence\` (test/normalise-eval/fit-confidence.ts) from ${samples.length} measures read from the
 * real texts tuned on (${right} right); L2 penalty ${best.lambda}, chosen by 5-fold cross-validation by publisher
 * (log loss ${best.loss.toFixed(3)}). Do not edit by hand.
 */
export const confidenceModel = {
  weights: [${weights.join(", ")}] as number[],
};
`;
  writeFileSync(join(import.meta.dirname, "../../scrapers/normalise/confidence-model.ts"), source);
  print("\nwrote scrapers/normalise/confidence-model.ts");
}
