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
  const at = sentenceIndexAt(sentences, index);
  return at < 0 ? undefined : sentences[at];
}

/**
 * Position in `sentences` (in text order, as `splitSentences` gives them) of the sentence that
 * holds offset `index`, or -1; a binary search, since a long decision has thousands of sentences.
 */
export function sentenceIndexAt(sentences: readonly Sentence[], index: number): number {
  let low = 0;
  let high = sentences.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sentences[middle] as Sentence).end <= index) low = middle + 1;
    else high = middle;
  }
  const sentence = sentences[low];
  return sentence && sentence.start <= index && index < sentence.end ? low : -1;
}

/**
 * Lower case without accents, keeping every character at its offset (so that a match in the folded
 * text is a match at the same place in the original): "Financiële" → "financiele".
 */
export function foldText(text: string): string {
  // ASCII letters the cheap way; only the other characters are decomposed, one at a time.
  return text.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32)).replace(/[^ -~\t\n\r]/gu, foldCharacter);
}

function foldCharacter(ch: string): string {
  const base = ch.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
  return base.length === ch.length ? base : ch;
}
