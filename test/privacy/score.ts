import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { redactPii } from "../../scrapers/normalise/pii.js";

/** One hand-labelled sentence of corpus.yaml or holdout.yaml (see README.md beside them). */
export interface LabelledSentence {
  id: string;
  field: string;
  /** Negatives only: which kind of look-alike the sentence is. */
  negative?: string;
  text: string;
  redact: { form: string; text: string }[];
}

export type CorpusPart = "corpus.yaml" | "holdout.yaml" | "blind.yaml";

/** Found / labelled spans of one form (recall), or correct / redacted spans of one kind (precision). */
export interface Tally {
  hits: number;
  total: number;
}

export interface PrivacyEvaluation {
  sentences: number;
  /** Labelled spans that were wholly redacted, per form. */
  recallByForm: Record<string, Tally>;
  /** Redacted spans that overlap a labelled span, per kind of finding. */
  precisionByKind: Record<string, Tally>;
  /** Redacted spans in negative sentences, per kind of negative. */
  falsePositivesByNegative: Record<string, number>;
  recall: number;
  precision: number;
  /** Per sentence, what leaked and what was redacted without a label: for reading by hand. */
  misses: { id: string; leaked: string[]; extra: string[] }[];
}

interface Span {
  start: number;
  end: number;
}

/** Read one part of the corpus and place every labelled span (the n-th label of a text is its n-th occurrence). */
export function readCorpus(part: CorpusPart): (LabelledSentence & { spans: (Span & { form: string })[] })[] {
  const entries = parse(readFileSync(join(import.meta.dirname, part), "utf8")) as LabelledSentence[];
  return entries.map((entry) => {
    const used = new Map<string, number>();
    const spans = entry.redact.map(({ form, text }) => {
      const start = entry.text.indexOf(text, used.get(text) ?? 0);
      if (start < 0) throw new Error(`${part} ${entry.id}: the labelled span "${text}" is not in the text`);
      used.set(text, start + text.length);
      return { form, start, end: start + text.length };
    });
    return { ...entry, spans };
  });
}

const ratio = (t: Tally) => (t.total === 0 ? 1 : t.hits / t.total);
const count = (tally: Tally, hit: boolean) => {
  tally.total++;
  if (hit) tally.hits++;
};
const bump = (record: Record<string, Tally>, key: string, hit: boolean) => count((record[key] ??= { hits: 0, total: 0 }), hit);

/** Redact every sentence as a stored text field is redacted and score the spans against the labels. */
export function evaluatePrivacy(part: CorpusPart): PrivacyEvaluation {
  const corpus = readCorpus(part);
  const recallByForm: Record<string, Tally> = {};
  const precisionByKind: Record<string, Tally> = {};
  const falsePositivesByNegative: Record<string, number> = {};
  const misses: PrivacyEvaluation["misses"] = [];
  const found: Tally = { hits: 0, total: 0 };
  const redacted: Tally = { hits: 0, total: 0 };
  for (const sentence of corpus) {
    const { findings } = redactPii(sentence.text);
    const covered = (span: Span) => {
      for (let i = span.start; i < span.end; i++) if (!findings.some((f) => f.start <= i && i < f.end)) return false;
      return true;
    };
    const leaked: string[] = [];
    for (const span of sentence.spans) {
      const whole = covered(span);
      bump(recallByForm, span.form, whole);
      count(found, whole);
      if (!whole) leaked.push(sentence.text.slice(span.start, span.end));
    }
    const extra: string[] = [];
    for (const finding of findings) {
      const correct = sentence.spans.some((s) => s.start < finding.end && finding.start < s.end);
      bump(precisionByKind, finding.kind, correct);
      count(redacted, correct);
      if (!correct) {
        extra.push(sentence.text.slice(finding.start, finding.end));
        if (sentence.negative) falsePositivesByNegative[sentence.negative] = (falsePositivesByNegative[sentence.negative] ?? 0) + 1;
      }
    }
    if (leaked.length > 0 || extra.length > 0) misses.push({ id: sentence.id, leaked, extra });
  }
  return {
    sentences: corpus.length,
    recallByForm,
    precisionByKind,
    falsePositivesByNegative,
    recall: ratio(found),
    precision: ratio(redacted),
    misses,
  };
}

export { ratio as tallyRatio };
