/**
 * Writing the seed's Dutch: a text assembled word by word, which knows where every placed word
 * landed (theme and measure evidence are character spans) and feeds the document's search terms.
 */
import type { SearchTermsCollector } from "./seed-search-terms.js";
import { drawWord, type Vocabulary } from "./seed-vocabulary.js";
import type { Random } from "./seed-random.js";

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A word to place among the drawn ones, and where it landed. */
export interface Placement {
  token: string;
  isName?: boolean;
  /** Offset of the token in the text, once written. */
  at?: number;
}

export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private sentenceStart = true;
  private needsSpace = false;
  private afterHeading = false;

  /** `terms` receives every token, for the search terms; none for texts outside the search vector. */
  constructor(private readonly terms: SearchTermsCollector | null) {}

  get offset(): number {
    return this.length;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  /**
   * A word of a sentence, a fixed phrase (read as a whole for the search terms: `beleids- en
   * beheerscyclus` gives `beleidscyclus`), or a name (`isName`); gives the offset where it starts.
   */
  word(token: string, isName = false): number {
    // A capitalised word that starts a sentence is no name to searchTermsOf.
    const readAsName = isName && !this.sentenceStart;
    const { at, written } = this.write(token);
    this.terms?.add(written, readAsName);
    return at;
  }

  /** The words of a sentence part that varies (amounts), one token each; gives the offset of the first. */
  eachWord(text: string): number {
    const [first, ...rest] = text.split(" ");
    const at = this.word(first as string);
    for (const word of rest) this.word(word);
    return at;
  }

  private write(token: string): { at: number; written: string } {
    if (this.needsSpace) this.push(" ");
    const written = this.sentenceStart ? capitalise(token) : token;
    const at = this.length;
    this.push(written);
    this.sentenceStart = false;
    this.needsSpace = true;
    this.afterHeading = false;
    return { at, written };
  }

  endSentence(mark = "."): void {
    this.push(mark);
    this.sentenceStart = true;
  }

  /** A line of its own (a heading), then the next paragraph. */
  heading(text: string): void {
    this.paragraph();
    this.word(text);
    this.push("\n");
    this.sentenceStart = true;
    this.needsSpace = false;
    this.afterHeading = true;
  }

  /** A new paragraph (none right after a heading, whose line ends it). */
  paragraph(): void {
    if (this.length > 0 && !this.afterHeading) this.push("\n\n");
    this.sentenceStart = true;
    this.needsSpace = false;
  }

  toString(): string {
    return this.parts.join("");
  }
}

/**
 * Sentences of Zipf-drawn words, about `wordCount` in all, with the placements spread over them
 * in order (each placement's `at` is set).
 */
export function writeFiller(builder: TextBuilder, vocabulary: Vocabulary, random: Random, wordCount: number, placements: Placement[]): void {
  let remaining = Math.max(wordCount, placements.length);
  let next = 0;
  while (remaining > 0) {
    const length = Math.min(remaining, random.int(7, 21));
    for (let i = 0; i < length; i++) {
      const left = placements.length - next;
      if (left > 0 && random.next() * remaining < left) {
        const placement = placements[next++] as Placement;
        placement.at = placement.isName ? builder.word(placement.token, true) : builder.word(placement.token);
      } else {
        builder.word(drawWord(vocabulary, random));
      }
      remaining--;
    }
    builder.endSentence(random.chance(0.04) ? ":" : ".");
  }
}

/** Dutch money: 1.250 euro, 12,50 euro. */
export function formatEuro(euros: number): string {
  const [whole, cents] = euros.toFixed(2).split(".") as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${cents === "00" ? grouped : `${grouped},${cents}`} euro`;
}

/** A round amount between min and max euro, as a municipality would set it. */
export function roundAmount(random: Random, min: number, max: number): number {
  const raw = min * Math.pow(max / min, random.next());
  const step = raw < 20 ? 0.5 : raw < 200 ? 5 : raw < 2_000 ? 25 : raw < 20_000 ? 250 : 1_000;
  return Math.max(step, Math.round(raw / step) * step);
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** The sanitised HTML of an article body: one paragraph element per paragraph. */
export function htmlOfText(text: string): string {
  return text
    .split("\n\n")
    .map((paragraph) => `<p>${paragraph.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] as string)}</p>`)
    .join("\n");
}
