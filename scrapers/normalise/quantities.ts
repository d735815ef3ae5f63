import { DUTCH_MONTH_NAME, DUTCH_NUMBER, DUTCH_SCALE, dutchScale, parseDutchNumber, readDutchNumberWord } from "../../schema/dutch-text.js";

/** A count read from Dutch text: "48 plaatsen", "acht nieuwe buurtteams", "1,5 miljoen kilogram". */
export interface Quantity {
  /** The number in the unit of `unit`: 48, 9, 1500000 (tons are read as kilograms). */
  value: number;
  /**
   * Normalised English unit, from the noun: places | beds | teams | homes | persons | children |
   * households | meals | parcels | staff | jobs | cases | applications | nights | kilograms |
   * hours | percent | percentage points | fte (the tables `compoundNouns` and `wholeNouns`).
   */
  unit: string;
  /** The denominator as written: "per 100 kinderen", "per week". */
  per?: string;
  /** "van 31 naar 44 plaatsen": the earlier number (31), with `value` = 44. */
  previous?: number;
  /** "tussen 20 en 30 bedden": the range, with `value` = max. */
  min?: number;
  max?: number;
  /** The quantity as written (from its first number up to the noun or the "per" phrase), and where. */
  text: string;
  start: number;
  end: number;
}

interface UnitNoun {
  unit: string;
  /** What one of these is in `unit`: a ton is 1000 kilograms. */
  factor: number;
}

/**
 * The nouns that make a number a count, by unit. These also end Dutch compounds, which count in
 * the same unit: kinderopvangplaatsen, noodbedden, buurtteams, assistentiewoningen,
 * voedselpakketten, straathoekwerkers.
 */
const compoundNouns: [unit: string, words: string[]][] = [
  ["places", ["plaatsen", "plaats", "plekken", "plek"]],
  ["beds", ["bedden", "bed"]],
  ["teams", ["teams", "team"]],
  ["homes", ["woningen", "woning", "appartementen", "appartement", "wooneenheden", "wooneenheid", "studio's"]],
  ["persons", ["personen", "persoon", "mensen", "inwoners", "inwoner", "bewoners", "bewoner", "deelnemers", "deelnemer",
    "daklozen", "thuislozen", "cliënten", "clienten", "cliënt", "client", "klanten", "gebruikers", "bezoekers",
    "vrijwilligers", "jongeren", "ouderen", "senioren", "ouders", "vluchtelingen", "nieuwkomers", "asielzoekers",
    "leefloners", "werkzoekenden", "huurders"]],
  ["children", ["kinderen", "kind", "kleuters", "baby's", "leerlingen"]],
  ["households", ["gezinnen", "gezin", "huishoudens", "huishouden"]],
  ["meals", ["maaltijden", "maaltijd"]],
  ["parcels", ["pakketten", "pakket"]],
  ["staff", ["medewerkers", "medewerker", "werkers", "hulpverleners", "begeleiders", "personeelsleden"]],
  ["jobs", ["jobs", "job"]],
  ["cases", ["dossiers", "dossier"]],
  ["applications", ["aanvragen", "aanvraag"]],
  ["nights", ["overnachtingen", "nachten"]],
];

/** Nouns that count only as a whole word: as an ending they would catch others ("uren" ends "buren", "ton" ends "karton"). */
const wholeNouns: [unit: string, words: string[], factor?: number][] = [
  ["kilograms", ["kilogram", "kilo", "kilo's", "kg"]],
  ["kilograms", ["ton", "tonnen"], 1000],
  ["hours", ["uur", "uren", "werkuren", "openingsuren"]],
  ["percent", ["procent", "percent", "%"]],
  ["percentage points", ["procentpunt", "procentpunten"]],
  ["fte", ["vte", "fte", "equivalenten"]],
  ["jobs", ["banen", "baan"]],
];

const unitNouns = new Map<string, UnitNoun>([
  ...compoundNouns.flatMap(([unit, words]) => words.map((word): [string, UnitNoun] => [word, { unit, factor: 1 }])),
  ...wholeNouns.flatMap(([unit, words, factor = 1]) => words.map((word): [string, UnitNoun] => [word, { unit, factor }])),
]);
/** Longest ending first, so that the most specific noun decides. */
const compoundEndings = compoundNouns
  .flatMap(([unit, words]) => words.map((word): [string, UnitNoun] => [word, { unit, factor: 1 }]))
  .sort(([a], [b]) => b.length - a.length);

/**
 * The unit a Dutch noun counts in ("kinderopvangplaatsen" → places, "ton" → kilograms with factor
 * 1000), or undefined when the noun is no unit.
 */
function unitOfNoun(word: string): UnitNoun | undefined {
  const noun = word.toLowerCase().replace(/’/g, "'");
  return unitNouns.get(noun) ?? compoundEndings.find(([ending]) => noun.endsWith(ending))?.[1];
}

/** Words that may stand between a number and its noun: "acht nieuwe buurtteams", "120 extra opvangplaatsen". */
const adjectiveWords = new Set(["extra", "gratis", "lege", "vrije", "maatschappelijk", "voltijds", "halftijds", "bijkomend", "nieuw"]);
/** Words of the adjective shape (ending in -e) that are determiners, not adjectives. */
const notAdjectives = new Set(["welke", "zulke", "beide", "dezelfde", "diezelfde"]);
const MAX_ADJECTIVES = 2;

function isAdjective(word: string): boolean {
  if (adjectiveWords.has(word)) return true;
  return /^\p{L}{4,}[eë]$/u.test(word) && !notAdjectives.has(word);
}

/** A number in the text; `value` has its scale word ("1,5 miljoen") applied. */
interface NumberToken {
  value: number;
  /** 1, or what the scale word after the number multiplies by. */
  scale: number;
  /** The digits as written; null for a number word. Only digits can be years, postcodes or phone numbers. */
  digits: string | null;
  start: number;
  end: number;
}

const WORD = String.raw`\p{L}[\p{L}'’-]*`;
/**
 * Digits that stand alone, not inside a date, time, reference or word ("3/4/2024", "20.30 uur",
 * "2024/123", "3de", "20u"), or a whole word (checked afterwards for being a number word).
 */
const numberPattern = new RegExp(String.raw`(?<![\p{L}\d.,:/])(${DUTCH_NUMBER})(?![\p{L}\d]|[.,:/]\d)|(?<![\p{L}\d])(\p{L}+)`, "gu");
const scalePattern = new RegExp(String.raw`^\s+(${DUTCH_SCALE})(?!\p{L})`, "iu");

/** Every number in the text, written in digits or as a Dutch number word, with its scale word. */
function findNumbers(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const match of text.matchAll(numberPattern)) {
    const [whole, digits, word] = match;
    const base = digits ? parseDutchNumber(digits) : readDutchNumberWord(word ?? "");
    if (base === undefined) continue;
    const end = match.index + whole.length;
    const scaleWord = text.slice(end, end + 12).match(scalePattern);
    const scale = dutchScale(scaleWord?.[1]);
    tokens.push({ value: base * scale, scale, digits: digits ?? null, start: match.index, end: end + (scaleWord?.[0].length ?? 0) });
  }
  return tokens;
}

/** Words right before a number that make it money, a denominator, a reference or a house number. */
const notCountBefore = new RegExp(
  [
    String.raw`(?:€|\beur|\beuro)\s*$`,
    String.raw`\bper\s+$`,
    String.raw`(?:\b(?:artikel|punt|agendapunt|nummer|huisnummer|bus|postbus|hoofdstuk|paragraaf|bijlage|besluit|dossier)|\bart\.|\bnr\.?|§)\s*$`,
    String.raw`\p{L}(?:straat|laan|plein|steenweg|weg|lei|dreef|kaai|dijk|singel|vest)\s+$`,
  ].join("|"),
  "iu",
);
/** Prepositions that make a four-digit number a year when an adjective follows it ("tegen 2030 nieuwe woningen"). */
const yearBefore = /(?:^|[^\p{L}])(?:in|tegen|sinds|sedert|vanaf|tot|voor|vóór|na|tijdens|eind|einde|begin|midden|medio|jaar)\s+$/iu;
/** Prepositions that make "N uur" a time of day ("om 20 uur", "van 9 tot 12 uur"). */
const timeBefore = /\b(?:om|tot|vanaf|van|tegen|rond|omstreeks|voor|na|tussen)\s+$/i;

const textBefore = (text: string, at: number, length = 30) => text.slice(Math.max(0, at - length), at);

function isCountContext(text: string, token: NumberToken): boolean {
  if (token.digits && /^0\d/.test(token.digits)) return false; // a leading zero: a phone number or a code
  return !notCountBefore.test(textBefore(text, token.start));
}

function isYear(text: string, token: NumberToken, adjectives: number): boolean {
  if (!token.digits || !/^(?:19|20)\d\d$/.test(token.digits) || adjectives === 0) return false;
  return yearBefore.test(textBefore(text, token.start));
}

interface NounPhrase extends UnitNoun {
  adjectives: number;
  end: number;
}

const nextWord = new RegExp(String.raw`^(?:\s+(${WORD})|\s*(%))`, "u");

/** Up to `limit` words right after `from`, separated by spaces only ("%" may follow the number directly). */
function readWords(text: string, from: number, limit: number): { word: string; end: number }[] {
  const words: { word: string; end: number }[] = [];
  let at = from;
  while (words.length < limit) {
    const match = text.slice(at, at + 60).match(nextWord);
    if (!match) break;
    at += match[0].length;
    words.push({ word: (match[1] ?? match[2] ?? "").toLowerCase(), end: at });
  }
  return words;
}

/** The unit noun after a number, possibly behind adjectives ("nieuwe sociale woningen"); the longest phrase wins. */
function readNounPhrase(text: string, from: number): NounPhrase | undefined {
  const words = readWords(text, from, MAX_ADJECTIVES + 1);
  for (let adjectives = Math.min(words.length - 1, MAX_ADJECTIVES); adjectives >= 0; adjectives--) {
    const noun = words[adjectives];
    const unit = noun && unitOfNoun(noun.word);
    if (unit && words.slice(0, adjectives).every((w) => isAdjective(w.word))) return { ...unit, adjectives, end: noun.end };
  }
  return undefined;
}

const perHead = /^\s*(?:per\s+|\/\s*)/iu;
const perNumberNoun = new RegExp(String.raw`^(?:${DUTCH_NUMBER})\s+${WORD}`, "u");
const perWords = new RegExp(String.raw`^(${WORD})(\s+${WORD})?`, "u");
const monthAfterNumber = new RegExp(String.raw`^\S+\s+(?:${DUTCH_MONTH_NAME})$`, "i");

/** "per 100 kinderen", "per duizend inwoners", "per week", "/dag" right after `from`. */
function readPer(text: string, from: number): { per: string; end: number } | undefined {
  const head = text.slice(from, from + 12).match(perHead);
  if (!head) return undefined;
  const at = from + head[0].length;
  const rest = text.slice(at, at + 60);
  const words = rest.match(perWords);
  const numberWord = words?.[1] !== undefined && words[2] !== undefined && readDutchNumberWord(words[1]) !== undefined;
  const written = rest.match(perNumberNoun)?.[0] ?? (numberWord ? words?.[0] : words?.[1]);
  // "per 1 januari" is a date (as of), not a denominator.
  if (!written || monthAfterNumber.test(written)) return undefined;
  return { per: text.slice(from, at + written.length).trim(), end: at + written.length };
}

/** The word joining two numbers: "naar", "en", "tot", "à" or a dash. */
const joinPattern = /^(?:\s+(naar|en|tot|à)\s+|\s*([-–])\s*)$/i;

interface FirstHalf {
  value: number;
  start: number;
  /** "van … naar …" is a change; the other joins are a range. */
  change: boolean;
}

/**
 * The number that opens a change or a range ending in the token at `index`: "van 31 naar 44",
 * "tussen 20 en 30", "20 tot 30", "20 à 30", "20-30", also with the unit after both numbers
 * ("van 31 plaatsen naar 44 plaatsen"). "naar" needs "van" and "en" needs "tussen", so that
 * "20 gezinnen en 30 kinderen" stays two counts.
 */
function readFirstHalf(text: string, tokens: NumberToken[], index: number, unit: string): FirstHalf | undefined {
  const first = tokens[index - 1];
  const own = tokens[index];
  if (!first || !own || !isCountContext(text, first)) return undefined;
  const noun = readNounPhrase(text, first.end);
  if (noun && noun.end <= own.start && noun.unit !== unit) return undefined;
  const join = text.slice(noun && noun.end <= own.start ? noun.end : first.end, own.start).match(joinPattern);
  if (!join) return undefined;
  const word = (join[1] ?? "-").toLowerCase();
  const opener = textBefore(text, first.start, 10).match(/\b(van|tussen)\s+$/i)?.[1]?.toLowerCase();
  if ((word === "naar" && opener !== "van") || (word === "en" && opener !== "tussen")) return undefined;
  // "van 1,2 naar 1,5 miljoen kilogram": the scale is written once, after the second number.
  const value = first.scale === 1 ? first.value * own.scale : first.value;
  return { value, start: first.start, change: word === "naar" };
}

/** "van 31 plaatsen naar 44": a change whose second number has no noun of its own. */
function readSecondHalf(text: string, tokens: NumberToken[], index: number, nounEnd: number): NumberToken | undefined {
  const own = tokens[index];
  const next = tokens[index + 1];
  if (!own || !next || !/^\s+naar\s+$/i.test(text.slice(nounEnd, next.start))) return undefined;
  if (!/\bvan\s+$/i.test(textBefore(text, own.start, 10)) || readNounPhrase(text, next.end)) return undefined;
  return next;
}

/** Widens a quantity to the change or range it ends or opens: sets `previous` or `min`/`max`, and `start` or `end`. */
function joinHalves(quantity: Quantity, text: string, tokens: NumberToken[], index: number, noun: NounPhrase): void {
  const first = readFirstHalf(text, tokens, index, noun.unit);
  if (first) {
    const other = first.value * noun.factor;
    if (first.change) quantity.previous = other;
    else Object.assign(quantity, { min: Math.min(other, quantity.value), max: Math.max(other, quantity.value) });
    quantity.start = first.start;
    return;
  }
  const second = readSecondHalf(text, tokens, index, noun.end);
  if (second) Object.assign(quantity, { previous: quantity.value, value: second.value * noun.factor, end: second.end });
}

/** The quantity whose number is the token at `index`, or undefined when that number counts nothing. */
function readQuantity(text: string, tokens: NumberToken[], index: number): Quantity | undefined {
  const token = tokens[index];
  if (!token || !isCountContext(text, token)) return undefined;
  const noun = readNounPhrase(text, token.end);
  if (!noun || isYear(text, token, noun.adjectives)) return undefined;
  const quantity: Quantity = { value: token.value * noun.factor, unit: noun.unit, text: "", start: token.start, end: noun.end };
  joinHalves(quantity, text, tokens, index, noun);
  const per = readPer(text, quantity.end);
  if (per) Object.assign(quantity, per);
  // "om 20 uur", "van 9 tot 12 uur" are times of day; "20 uur per week", "van 20 naar 30 uur" are hours.
  const timeOfDay = !per && quantity.previous === undefined && timeBefore.test(textBefore(text, quantity.start, 12));
  if (noun.unit === "hours" && timeOfDay) return undefined;
  quantity.text = text.slice(quantity.start, quantity.end);
  return quantity;
}

/**
 * Every count in a Dutch text, in order: a number in digits ("48", "1.200", "2,5", "1,5 miljoen")
 * or in words ("negen", "vijfentwintig", "honderdtwintig"; not the article "een") followed by a
 * unit noun, possibly behind adjectives ("acht nieuwe buurtteams", "120 extra opvangplaatsen"),
 * with compounds read by their last part ("kinderopvangplaatsen" → places). Reads a "per"
 * phrase ("48 plaatsen per 100 kinderen"), changes ("van 31 naar 44 plaatsen") and ranges
 * ("tussen 20 en 30 bedden"). A number without a unit noun is no quantity, so money (left to
 * `findAmounts`), dates, postcodes and ages ("65 jaar") are not read; neither are house numbers,
 * article numbers, phone numbers, years before an adjective ("tegen 2030 nieuwe woningen") and
 * times of day ("om 20 uur").
 */
export function findQuantities(text: string): Quantity[] {
  const tokens = findNumbers(text);
  const quantities: Quantity[] = [];
  let readUntil = 0;
  tokens.forEach((token, index) => {
    if (token.start < readUntil) return;
    const quantity = readQuantity(text, tokens, index);
    if (!quantity) return;
    // "van 31 plaatsen naar 44 plaatsen": the change replaces the count read for its first half.
    while ((quantities.at(-1)?.end ?? -1) > quantity.start) quantities.pop();
    quantities.push(quantity);
    readUntil = quantity.end;
  });
  return quantities;
}
