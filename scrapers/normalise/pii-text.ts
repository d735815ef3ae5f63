/** Where a personal detail stands in a text: character offsets of the part to redact. */
export interface TextSpan {
  start: number;
  end: number;
}

/** How far a sentence is looked for around a place: enough for a long BCSD sentence, bounded for run-on minutes. */
const REACH = 400;

/**
 * Candidate sentence ends: a line break or semicolon (lists of people in minutes), or `.`, `!`,
 * `?` before white space or the end.
 */
const boundary = /[\n;]|[.!?](?=\s|$)/g;
/** A full stop after an initial ("M. Peeters") or a title abbreviation ("mevr.", "dhr.", "nr.") ends no sentence. */
const abbreviation = /(?:^|[^\p{L}])(?:\p{Lu}|mevr|mw|mej|dhr|nr|art|st|blz|bijv|o\.a|e\.a)$/iu;

/** Whether the full stop at `dot` follows a list number at the start of a line ("3."). Looks back a few characters only. */
function isListNumber(text: string, dot: number): boolean {
  const from = Math.max(0, dot - 7);
  const before = text.slice(from, dot);
  const newline = before.lastIndexOf("\n");
  if (newline < 0 && from > 0) return false;
  return /^[^\S\n]*\d{1,3}$/.test(before.slice(newline + 1));
}

/** The sentences of a text, found once: `around(span)` gives the sentence that holds a span. */
export function indexSentences(text: string): { around(span: TextSpan): TextSpan } {
  const ends: number[] = [];
  for (const match of text.matchAll(boundary)) {
    if (match[0] === "." && abbreviation.test(text.slice(Math.max(0, match.index - 6), match.index))) continue;
    // The number of a list item ("3. EL HADDAOUI Mohamed: …") opens a sentence; it ends none.
    if (match[0] === "." && isListNumber(text, match.index)) continue;
    ends.push(match.index);
  }
  /** Index of the first sentence end at or after `offset`. */
  const firstEndFrom = (offset: number) => {
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((ends[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return {
    around(span) {
      const next = firstEndFrom(span.end);
      const previous = firstEndFrom(span.start) - 1;
      const start = previous >= 0 ? (ends[previous] as number) + 1 : 0;
      const end = next < ends.length ? (ends[next] as number) : text.length;
      return { start: Math.max(start, span.start - REACH), end: Math.min(end, span.end + REACH) };
    },
  };
}

/** Whether two spans share a character. */
export function overlaps(a: TextSpan, b: TextSpan): boolean {
  return a.start < b.end && b.start < a.end;
}
