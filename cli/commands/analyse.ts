import { readFileSync } from "node:fs";
import { type Analysis, analyseText } from "../../scrapers/normalise/analyse.js";
import { UsageError } from "../usage.js";

export interface AnalyseOptions {
  target: string;
  date: string | null;
  municipality: string | null;
}

function readInput(target: string): string {
  try {
    return readFileSync(target === "-" ? 0 : target, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${target === "-" ? "standard input" : target}: ${(error as Error).message}`, "analyse");
  }
}

/** The JSON `vangnet analyse` prints: euro values as numbers, every finding with its place in the text. */
export function presentAnalysis(analysis: Analysis) {
  return {
    rulesVersion: analysis.rulesVersion,
    municipalities: analysis.municipalities,
    themes: analysis.themes.map(({ code, label, score, evidence, terms }) => ({ code, label, score, evidence, terms })),
    amounts: analysis.amounts.map(({ value, currency, period, text, start, end, min, max, previous }) => ({ value, currency, period, text, start, end, min, max, previous })),
    quantities: analysis.quantities,
    dates: analysis.dates,
    measures: analysis.measures.map((m) => ({
      municipality: m.municipality,
      theme: m.theme,
      action: m.action,
      summary: m.summary,
      amounts: m.amounts.map((a) => ({ value: a.value, period: a.period, text: a.text })),
      quantities: m.quantities.map((q) => ({ value: q.value, unit: q.unit, text: q.text })),
      startsOn: m.startsOn,
      endsOn: m.endsOn,
      evidence: m.evidence,
    })),
    exchanges: analysis.exchanges.exchanges.map((e) => ({
      municipalities: e.municipalities,
      names: e.names,
      topic: e.topic,
      programme: e.programme,
      edition: e.edition,
      subsidy: e.subsidy,
      start: e.start,
      end: e.end,
    })),
    exchangeTotals: analysis.exchanges.totals,
    pii: analysis.pii,
  };
}

/** `vangnet analyse <file|->`: print what the normalisation reads from a text, as JSON. */
export function runAnalyse(options: AnalyseOptions): number {
  const text = readInput(options.target);
  const analysis = analyseText({ text, date: options.date, publisher: options.municipality });
  process.stdout.write(`${JSON.stringify(presentAnalysis(analysis), null, 2)}\n`);
  return 0;
}
