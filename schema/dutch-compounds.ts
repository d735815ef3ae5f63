import { type CompoundLexicon, dutchCompoundLexicon } from "./dutch-lexicon.js";

/**
 * Dutch compounds for search. Dutch writes compounds as one word (`kinderopvangplaatsen`,
 * `schuldhulpverlening`) and shares their last part between coordinated words (`dak- en
 * thuislozen`, `budgetbegeleiding of -beheer`), so a reader's `kinderopvang`, `daklozen` or
 * `budgetbeheer` would not find them in PostgreSQL's Dutch full-text index, which knows whole
 * words only. `searchTermsOf` gives the extra words a document should be found by; they are
 * indexed beside the text at a lower weight.
 */

/** Version of the rules below; a new one makes `migrate` recompute every document's search terms. */
export const SEARCH_TERMS_VERSION = "1";

/** Parts shorter than this are not indexed on their own (`gas` in `propaangas`, `dak` in `dakgoot`). */
const MIN_INDEXED_PART = 4;
/** Shortest part a compound is split into. */
const MIN_PART = 3;
/** Words shorter than this are not split. */
const MIN_COMPOUND = 7;
/** Parts shorter than this are not split further: `waarborg` is one word, `hulpverlening` two. */
const MIN_NESTED_COMPOUND = 10;
/** Split results kept per process, so that common words are split once. */
const CACHE_LIMIT = 50_000;

const LETTERS = "\\p{L}";
const DASH = "[-‐‑–]";
/** `dak- en thuislozen`, `geboorte-, adoptie- en luierpremies`, `spaar- én kortingskaart`. */
const FORWARD = new RegExp(`((?:${LETTERS}+${DASH}\\s*,\\s*)*${LETTERS}+${DASH})\\s+(?:en|én|of|en\\/of|tot|&)\\s+(${LETTERS}{4,})`, "gu");
/** `budgetbegeleiding of -beheer`, `kinderopvang en –begeleiding`. */
const BACKWARD = new RegExp(`(${LETTERS}{5,})\\s+(?:en|én|of|en\\/of|&)\\s+${DASH}\\s?(${LETTERS}{3,})`, "gu");
const WORD = new RegExp(`${LETTERS}+`, "gu");

export class CompoundSplitter {
  private readonly cache = new Map<string, string[] | null>();

  constructor(private readonly lexicon: CompoundLexicon = dutchCompoundLexicon()) {}

  /**
   * The parts of a compound in the order written (`schuldhulpverlening` → schuld, hulp,
   * verlening), or null when the word is not one: the fewest parts that the lexicon allows at
   * their places, the longest shortest part on a tie.
   */
  split(word: string): string[] | null {
    const lower = word.toLowerCase();
    if (lower.length < MIN_COMPOUND) return null;
    const known = this.cache.get(lower);
    if (known !== undefined) return known;
    const parts = this.segment(lower);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(lower, parts);
    return parts;
  }

  private segment(word: string): string[] | null {
    const { begins, middles, ends } = this.lexicon;
    // OpenTaal flags what its speller must accept; a part that may begin a compound may also
    // continue one (`woon|zorg|centrum`). The last part must be one OpenTaal lets end a compound:
    // any word would split plurals and derivations (`kind|eren`, `dien|sten`, `kwets|bare`).
    const continues = (part: string) => middles.has(part) || begins.has(part);
    const closes = (part: string) => ends.has(part);
    const n = word.length;
    // best[i]: the best segmentation of word[0, i) that can be continued (its last part a begin or middle).
    const best: ({ parts: string[]; shortest: number } | null)[] = new Array(n + 1).fill(null);
    for (let i = MIN_PART; i <= n - MIN_PART; i++) {
      const first = word.slice(0, i);
      if (begins.has(first)) best[i] = { parts: [first], shortest: i };
      for (let j = MIN_PART; j <= i - MIN_PART; j++) {
        const before = best[j];
        const middle = word.slice(j, i);
        if (!before || !continues(middle)) continue;
        const candidate = { parts: [...before.parts, middle], shortest: Math.min(before.shortest, i - j) };
        if (better(candidate, best[i] ?? null)) best[i] = candidate;
      }
    }
    let result: { parts: string[]; shortest: number } | null = null;
    for (let i = MIN_PART; i <= n - MIN_PART; i++) {
      const before = best[i];
      const last = word.slice(i);
      if (!before || !closes(last)) continue;
      const candidate = { parts: [...before.parts, last], shortest: Math.min(before.shortest, n - i) };
      if (better(candidate, result)) result = candidate;
    }
    return result?.parts ?? null;
  }

  /**
   * A compound down to parts that do not split further (`schuldhulpverlening` → schuld, hulp,
   * verlening), or null when the word is not one.
   */
  atoms(word: string): string[] | null {
    const parts = this.split(word);
    if (!parts) return null;
    return parts.flatMap((part) => (part.length >= MIN_NESTED_COMPOUND ? this.atoms(part) : null) ?? [part]);
  }

  /** A part without its linking `s` when the rest is a word (`inkomens` → inkomen), else the part. */
  unlinked(part: string): string {
    const bare = part.slice(0, -1);
    if (part.endsWith("s") && (this.lexicon.begins.has(bare) || this.lexicon.ends.has(bare))) return bare;
    return part;
  }

  /**
   * The word in its other grammatical number (`huurpremies` → huurpremie, `dagprijs` →
   * dagprijzen), also for a compound through its last part; empty when none is known.
   */
  otherNumbers(word: string): string[] {
    const lower = word.toLowerCase();
    const own = this.lexicon.numberForms.get(lower);
    if (own) return own.filter((form) => form !== lower);
    const parts = this.split(lower);
    if (!parts) return [];
    const head = parts[parts.length - 1]!;
    const stem = lower.slice(0, lower.length - head.length);
    return this.otherNumbers(head).map((form) => stem + form);
  }

  /**
   * The word that an elliptical coordination leaves out: the stub `dak-` before `thuislozen`
   * gives `daklozen`; `-beheer` after `budgetbegeleiding` gives `budgetbeheer`. Null when the
   * full word does not begin with a known part.
   */
  completeStub(stub: string, full: string, side: "before" | "after"): string | null {
    const lower = full.toLowerCase();
    const stubLower = stub.toLowerCase();
    const parts = this.split(lower);
    const first = parts ? parts.slice(0, -1).join("") : this.longestBegin(lower);
    if (!first || first.length >= lower.length) return null;
    return side === "before" ? stubLower + lower.slice(first.length) : first + stubLower;
  }

  private longestBegin(word: string): string | null {
    for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
      const head = word.slice(0, i);
      if (this.lexicon.begins.has(head)) return head;
    }
    return null;
  }
}

function better(candidate: { parts: string[]; shortest: number }, current: { parts: string[]; shortest: number } | null): boolean {
  if (!current) return true;
  if (candidate.parts.length !== current.parts.length) return candidate.parts.length < current.parts.length;
  return candidate.shortest > current.shortest;
}

/**
 * A capitalised word inside a sentence is a name (`Vuurmolen`, `Meetjesland`), and an all-capital
 * one an abbreviation: their parts are not what the text is about. Sentence starts and headings
 * are capitalised words all the same.
 */
function isName(word: string, text: string, at: number): boolean {
  if (word === word.toLowerCase()) return false;
  if (word === word.toUpperCase()) return true;
  const before = text.slice(Math.max(0, at - 6), at).replace(/[ \t"'“‘(«–-]+$/u, "");
  return !(before === "" || /[.!?:;\n•]$/u.test(before));
}

let shared: CompoundSplitter | undefined;

/** The process's splitter over OpenTaal's lexicon, made on first use. */
export function dutchCompoundSplitter(): CompoundSplitter {
  shared ??= new CompoundSplitter();
  return shared;
}

/**
 * The words a text should also be found by, space-separated: the parts of its compounds and
 * their runs (`kinderopvangplaatsen` → kinder, opvang, plaatsen, kinderopvang, opvangplaatsen;
 * parts shorter than four letters are left out) and the words that elliptical coordinations
 * leave out, with their parts (`dak- en thuislozen` → daklozen). Each word once, in order of
 * first appearance; empty when there is nothing to add.
 */
export function searchTermsOf(text: string, splitter: CompoundSplitter = dutchCompoundSplitter()): string {
  const terms = new Set<string>();
  const addSplit = (word: string) => {
    for (const form of splitter.otherNumbers(word)) terms.add(form);
    const parts = splitter.atoms(word);
    if (!parts) return;
    for (let from = 0; from < parts.length; from++) {
      for (let to = from + 1; to <= parts.length; to++) {
        if (to - from === parts.length) continue;
        const run = parts.slice(from, to).join("");
        // A run that a linking s ends (`verwarmings`) is also indexed without it.
        const forms = to < parts.length ? [run, splitter.unlinked(run)] : [run, ...splitter.otherNumbers(run)];
        for (const form of forms) if (form.length >= MIN_INDEXED_PART) terms.add(form);
      }
    }
  };
  for (const match of text.matchAll(FORWARD)) {
    const full = match[2]!;
    for (const stub of match[1]!.split(",")) {
      const word = splitter.completeStub(stub.trim().replace(new RegExp(`${DASH}$`, "u"), ""), full, "before");
      if (word) {
        terms.add(word);
        addSplit(word);
      }
    }
  }
  for (const match of text.matchAll(BACKWARD)) {
    const word = splitter.completeStub(match[2]!, match[1]!, "after");
    if (word) {
      terms.add(word);
      addSplit(word);
    }
  }
  const seen = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const lower = word.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    if (isName(word, text, match.index)) continue;
    addSplit(lower);
  }
  for (const word of seen) terms.delete(word);
  return [...terms].join(" ");
}
