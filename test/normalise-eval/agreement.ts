/**
 * How far two people labelling the same real texts agree, beside how far the extractor agrees
 * with each of them: the ceiling a target on these labels can be held to (REAL.md, "Agreement").
 *
 *   npm run eval:agreement                # the extractor columns leave out the held-out part
 *   npm run eval:agreement -- --holdout   # at the end of a round: the held-out part too
 *
 * The first annotation is the set's own (real-holdout.yaml, real-retired.yaml); the second is
 * real-second-annotator.yaml, written blind. Scores treat the first as the reference; F1 is the
 * same either way round.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { analyseText } from "../../scrapers/normalise/analyse.js";
import { type LabelledParagraph, readLabelledParagraphs, toCurrentTaxonomy } from "./score.js";

type Labels = Pick<LabelledParagraph, "id" | "municipalities" | "themes" | "amounts" | "measures">;

interface Tally {
  both: number;
  onlyFirst: number;
  onlySecond: number;
}

const fields = {
  municipalities: (l: Labels) => l.municipalities,
  themes: (l: Labels) => l.themes,
  "amounts (value + period)": (l: Labels) => l.amounts.map((a) => `${a.value}:${a.period}`),
  "measures (municipality + theme + action)": (l: Labels) => l.measures.map((m) => `${m.municipality}/${m.theme}/${m.action}`),
  "measures (municipality + theme)": (l: Labels) => l.measures.map((m) => `${m.municipality}/${m.theme}`),
} as const;
type Field = keyof typeof fields;

function tally(pairs: readonly [Labels, Labels][], field: Field): Tally {
  const t: Tally = { both: 0, onlyFirst: 0, onlySecond: 0 };
  for (const [first, second] of pairs) {
    const a = new Set(fields[field](first).map(String));
    const b = new Set(fields[field](second).map(String));
    for (const x of a) if (b.has(x)) t.both++;
    else t.onlyFirst++;
    for (const x of b) if (!a.has(x)) t.onlySecond++;
  }
  return t;
}

const f1 = (t: Tally) => (t.both === 0 ? 0 : (2 * t.both) / (2 * t.both + t.onlyFirst + t.onlySecond));
const pr = (t: Tally) => `P ${(t.both / Math.max(1, t.both + t.onlySecond)).toFixed(3)} R ${(t.both / Math.max(1, t.both + t.onlyFirst)).toFixed(3)}`;

function extracted(p: LabelledParagraph): Labels {
  const analysis = analyseText({ text: p.text, date: p.date, publisher: p.publisher });
  return {
    id: p.id,
    municipalities: analysis.municipalities.map((m) => m.nis),
    themes: analysis.themes.map((t) => t.code),
    amounts: analysis.amounts.map((a) => ({ text: a.text, value: a.value, period: a.period })),
    measures: analysis.measures.map((m) => ({ municipality: m.municipality, theme: m.theme, action: m.action })),
  };
}

const second = new Map(
  (parse(readFileSync(join(import.meta.dirname, "real-second-annotator.yaml"), "utf8")) as Labels[]).map((l) => [l.id, toCurrentTaxonomy(l)] as const),
);
// The texts labelled twice are all in real-retired.yaml now (earlier held-out parts).
const retired = readLabelledParagraphs("real-retired.yaml");
const number = (id: string) => Number(id.slice(1));
const parts = [
  ["real-holdout.yaml", readLabelledParagraphs("real-holdout.yaml")],
  ["q101–q223 (47 texts held out for rounds 11–12)", retired.filter((p) => number(p.id) >= 101)],
  ["q039–q066 (22 texts held out for rounds 8–10)", retired.filter((p) => number(p.id) >= 39 && number(p.id) <= 66)],
  ["q001–q038", retired.filter((p) => number(p.id) <= 38)],
] as const;

const lines: string[] = [];
// The extractor is scored on the held-out part only with `-- --holdout`, at the end of a round (REAL.md).
const scoreHeldOut = process.argv.includes("--holdout");
for (const [label, paragraphs] of parts) {
  const texts = paragraphs.filter((p) => second.has(p.id));
  if (texts.length === 0) {
    lines.push(`== ${label}: no text labelled twice`, "");
    continue;
  }
  const human = texts.map((p) => [p, second.get(p.id)!] as [Labels, Labels]);
  const withExtractor = scoreHeldOut || !label.startsWith("real-holdout");
  const machine = withExtractor ? texts.map((p) => extracted(p)) : texts.map((p) => ({ ...p, municipalities: [], themes: [], amounts: [], measures: [] }));
  lines.push(`== ${label}: ${texts.length} texts labelled twice`, "", "field                                      annotators F1   extractor vs first        extractor vs second");
  for (const field of Object.keys(fields) as Field[]) {
    const humans = tally(human, field);
    const first = tally(texts.map((p, i) => [p, machine[i]!] as [Labels, Labels]), field);
    const secondTally = tally(texts.map((p, i) => [second.get(p.id)!, machine[i]!] as [Labels, Labels]), field);
    const extractor = withExtractor ? `${pr(first)} F1 ${f1(first).toFixed(3)}   ${pr(secondTally)} F1 ${f1(secondTally).toFixed(3)}` : "(held out: -- --holdout at the end of a round)";
    lines.push(`${field.padEnd(42)} ${f1(humans).toFixed(3)}        ${extractor}`);
  }
  lines.push("");
}
process.stdout.write(`${lines.join("\n")}\n`);
