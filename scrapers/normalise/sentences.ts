/** A sentence of a text, with its character offsets. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations after which a full stop does not end the sentence. */
const abbreviations = /(?:^|[\s(])(?:st|bv|o\.a|nr|art|dhr|mevr|ca|min|max|incl|excl|vnl|resp|enz|evt|tel|bijv|i\.s\.m|m\.b\.t|t\.e\.m|t\.a\.v|p|blz|cf|(?:artikel|art\.|punt|agendapunt) ?\d+[a-z]?)\.$/i;

/**
 * Split Dutch text into sentences: at `.`, `!`, `?` followed by white space and a capital,
 * digit or quote, and at line breaks. Abbreviations ("o.a.", "art.", "St."), article numbers
 * ("Artikel 1. De raad…") and numbers ("1.200,50") do not end a sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) sentences.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
    start = end;
  };
  const boundary = /([.!?…]+)(?=\s+["'“‘(]?[\p{Lu}\d])|\n+/gu;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[1] && abbreviations.test(text.slice(Math.max(0, match.index - 16), match.index + 1))) continue;
    push(end);
  }
  push(text.length);
  return sentences;
}

/** The sentence that holds offset `index`, or undefined when it falls between sentences. */
export function sentenceAt(sentences: readonly Sentence[], index: number): Sentence | undefined {
  return sentences.find((s) => s.start <= index && index < s.end);
}

/**
 * Lower case without accents, keeping every character at its offset (so that a match in the folded
 * text is a match at the same place in the original): "Financiële" → "financiele".
 */
export function foldText(text: string): string {
  let folded = "";
  for (const ch of text) {
    const base = ch.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
    folded += base.length === ch.length ? base : ch;
  }
  return folded;
}
