/**
 * Dutch as the Flemish publishers Vangnet reads write it: numbers ("1.234,56", "150 000",
 * "1,8 miljoen"), number words ("vijfentwintig", "tweeduizend"), month names, calendar days, and
 * the Brussels time zone those days are reckoned in. One module for every reader of Dutch text:
 * the normaliser (amounts, quantities, dates, exchanges, privacy) and the article extractor's dates.
 * Patterns are exported as RegExp sources without capture groups or flags, so that each reader
 * builds them into its own expression.
 */

// Numbers

/**
 * A number as Dutch writes it: thousands grouped by dots, spaces or no-break spaces ("1.234",
 * "150 000"), decimals after a comma ("1.234,56", "0,5"), or plain digits ("2025", "20000").
 * Read a match with `parseDutchNumber`.
 */
export const DUTCH_NUMBER = String.raw`\d+\.\d{1,2}(?![\d.,])|\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d+|,-)?|\d+(?:,\d+|,-)?`;

/** The scale words written after a number ("1,8 miljoen", "20 duizend"); read them with `dutchScale`. */
export const DUTCH_SCALE = "miljoen|miljard|duizend";

const scales = new Map([
  ["duizend", 1e3],
  ["miljoen", 1e6],
  ["miljard", 1e9],
]);

/** What a scale word multiplies by, in any case ("Miljoen" 1 000 000); 1 for no word or another word. */
export function dutchScale(word: string | undefined): number {
  return word === undefined ? 1 : (scales.get(word.toLowerCase()) ?? 1);
}

/**
 * A Dutch number (`DUTCH_NUMBER`): dots or spaces group thousands, a comma separates decimals
 * ("1.200,50" 1200.5, "5 000" 5000), times its scale word when given ("1,8", "miljoen" 1 800 000).
 */
export function parseDutchNumber(text: string, scale?: string): number {
  // "0.40", "1.5": a point before one or two digits is a decimal point (a thousands point takes three).
  if (/^\d+\.\d{1,2}$/.test(text)) return Number(text) * dutchScale(scale);
  // "50,-": whole euros.
  const value = Number(text.replace(/,-$/, "").replace(/[.\u00a0 ]/g, "").replace(",", "."));
  return value * dutchScale(scale);
}

// Number words

const digitWords = new Map([
  ["een", 1], ["twee", 2], ["drie", 3], ["vier", 4], ["vijf", 5], ["zes", 6], ["zeven", 7], ["acht", 8], ["negen", 9],
]);
const smallWords = new Map([
  ...digitWords, ["tien", 10], ["elf", 11], ["twaalf", 12], ["dertien", 13], ["veertien", 14], ["vijftien", 15],
  ["zestien", 16], ["zeventien", 17], ["achttien", 18], ["negentien", 19],
]);
const tensWords = new Map([
  ["twintig", 20], ["dertig", 30], ["veertig", 40], ["vijftig", 50], ["zestig", 60], ["zeventig", 70], ["tachtig", 80], ["negentig", 90],
]);

/** 1–99 written as one word: "negen", "twaalf", "dertig", "vijfentwintig", "tweeëntwintig" (ë already folded). */
function readBelowHundred(word: string): number | undefined {
  const simple = smallWords.get(word) ?? tensWords.get(word);
  if (simple !== undefined) return simple;
  const [, unit = "", tens = ""] = word.match(/^(een|twee|drie|vier|vijf|zes|zeven|acht|negen)en(\p{L}+)$/u) ?? [];
  const units = digitWords.get(unit);
  const tensValue = tensWords.get(tens);
  return units !== undefined && tensValue !== undefined ? units + tensValue : undefined;
}

/** 1–999: "honderd", "honderdtwintig", "tweehonderdvijftig". */
function readBelowThousand(word: string): number | undefined {
  const hundreds = word.match(/^(\p{L}*?)honderd(\p{L}*)$/u);
  if (!hundreds) return readBelowHundred(word);
  const [, head = "", tail = ""] = hundreds;
  const count = head === "" ? 1 : head === "een" ? undefined : digitWords.get(head);
  const rest = tail === "" ? 0 : readBelowHundred(tail);
  return count !== undefined && rest !== undefined ? count * 100 + rest : undefined;
}

/**
 * A Dutch number written as one word, or undefined: "negen" 9, "vijfentwintig" 25,
 * "honderdtwintig" 120, "tweeduizend" 2000, "één" 1, "anderhalf" 1.5. Plain "een" is the
 * article ("een buurtteam"), not a number.
 */
export function readDutchNumberWord(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower === "één" || lower === "eén") return 1;
  if (lower === "anderhalf") return 1.5;
  const folded = lower.replace(/ë/g, "e");
  if (folded === "een") return undefined;
  const thousands = folded.match(/^(\p{L}*?)duizend(\p{L}*)$/u);
  if (!thousands) return readBelowThousand(folded);
  const [, head = "", tail = ""] = thousands;
  const count = head === "" ? 1 : head === "een" ? undefined : readBelowThousand(head);
  const rest = tail === "" ? 0 : readBelowThousand(tail);
  return count !== undefined && rest !== undefined ? count * 1000 + rest : undefined;
}

// Months

/** The months written in full, January first. */
export const dutchMonthNames = [
  "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
] as const;

/** The common abbreviations, by month; "mei" has none. */
const monthAbbreviations = new Map([
  ["jan", 1], ["feb", 2], ["mrt", 3], ["apr", 4], ["jun", 6], ["jul", 7], ["aug", 8], ["sept", 9], ["sep", 9], ["okt", 10], ["nov", 11], ["dec", 12],
]);

const monthNumbers = new Map<string, number>([...dutchMonthNames.map((name, index): [string, number] => [name, index + 1]), ...monthAbbreviations]);

/** A month name written in full: "januari" … "december". */
export const DUTCH_MONTH_NAME = dutchMonthNames.join("|");

/** A month's abbreviation without its dot: "jan", "mrt", "sept", "sep" (the longer one first). */
export const DUTCH_MONTH_ABBREVIATION = [...monthAbbreviations.keys()].join("|");

/**
 * A month in full or abbreviated, the abbreviation perhaps with a dot ("14 mrt. 2024"). Full names
 * come first, so that "juni" is not read as "jun"; a full name takes no dot.
 */
export const DUTCH_MONTH = String.raw`${DUTCH_MONTH_NAME}|(?:${DUTCH_MONTH_ABBREVIATION})\.?`;

/**
 * The number of a month written in digits ("3", "03", as written, so "13" is 13) or in Dutch, in
 * any case, in full or abbreviated with or without its dot ("maart", "Mrt.", "sept"); undefined for
 * anything else.
 */
export function readMonthNumber(written: string): number | undefined {
  return /^\d+$/.test(written) ? Number(written) : monthNumbers.get(written.toLowerCase().replace(/\.$/, ""));
}

// Calendar days

const pad = (n: number) => String(n).padStart(2, "0");

/** A calendar day as YYYY-MM-DD, or undefined when there is no such day (31 februari, 29 februari 2023, month 13). */
export function calendarDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A year as written: two digits are this century ("24" in "3/4/24" is 2024), more are the year itself. */
export function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

/**
 * A day written day first, as Belgians do, with the month in digits or in Dutch and a year of two
 * or four digits ("3", "4", "24"; "14", "mrt.", "2024") as YYYY-MM-DD, or undefined when that day
 * does not exist.
 */
export function readDayMonthYear(day: string, month: string, year: string): string | undefined {
  return calendarDay(fullYear(year), readMonthNumber(month) ?? 0, Number(day));
}

// The Brussels time zone

/*
 * Vangnet's calendar days are days in Europe/Brussels, where every publisher it reads is. A
 * publication that states a day without a time ("Gepubliceerd op 3 november 2026", an
 * `eli:date_publication`) is stored as the moment that day starts in Brussels
 * (`2026-11-02T23:00:00.000Z`), and the day of any stored moment is its Brussels calendar day, so
 * that a date-only value reads back as the day it was written, on a server in any time zone.
 * Scrapers, the database queries and the API all take their days from here.
 */

const brusselsClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Brussels",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const brusselsCalendar = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" });

/** Offset of Brussels from UTC at an instant, in milliseconds. */
function brusselsOffsetMs(instant: number): number {
  const parts = Object.fromEntries(brusselsClock.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const wallClockAsUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wallClockAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (milliseconds since the epoch) at which Brussels clocks show a wall-clock time,
 * given as if it were UTC (`Date.UTC(y, m, d, h, min)`). In the hour skipped in spring the
 * clock is read with the offset before the change.
 */
export function instantOfBrusselsWallClock(wallClockAsUtc: number): number {
  return wallClockAsUtc - brusselsOffsetMs(wallClockAsUtc - brusselsOffsetMs(wallClockAsUtc));
}

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The moment a calendar day (`YYYY-MM-DD`) starts in Brussels; throws on anything else. */
export function startOfBrusselsDay(day: string): Date {
  const match = day.match(isoDay);
  const wallClock = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(wallClock).toISOString().slice(0, 10) !== day) throw new Error(`not a calendar day written YYYY-MM-DD: ${JSON.stringify(day)}`);
  return new Date(instantOfBrusselsWallClock(wallClock));
}

/** The Brussels calendar day (`YYYY-MM-DD`) of a moment. */
export function brusselsDayOf(instant: Date | string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not a moment in time: ${JSON.stringify(instant)}`);
  return brusselsCalendar.format(date);
}

// Writing Dutch

/** A calendar day (`YYYY-MM-DD`) as Dutch writes it: "26 oktober 2026"; throws on anything else. */
export function writeDutchDay(day: string): string {
  const match = day.match(isoDay);
  const month = match ? dutchMonthNames[Number(match[2]) - 1] : undefined;
  if (!match || !month || calendarDay(Number(match[1]), Number(match[2]), Number(match[3])) !== day) throw new Error(`not a calendar day written YYYY-MM-DD: ${JSON.stringify(day)}`);
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** A moment as Brussels clocks show it, in Dutch: "26 oktober 2026 om 20.00 uur". */
export function writeBrusselsMoment(instant: Date | string): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`not a moment in time: ${JSON.stringify(instant)}`);
  const parts = Object.fromEntries(brusselsClock.formatToParts(date).map((p) => [p.type, p.value]));
  return `${writeDutchDay(brusselsDayOf(date))} om ${parts.hour}.${parts.minute} uur`;
}

/**
 * An amount in cents (a string of digits, as events carry it: it may exceed 2^53) in euro as
 * Dutch writes it: "150", "120,50", "1.800.000"; throws on anything but an integer.
 */
export function writeEuroCents(cents: string): string {
  if (!/^-?\d+$/.test(cents)) throw new Error(`not an amount in cents: ${JSON.stringify(cents)}`);
  const value = BigInt(cents);
  const sign = value < 0n ? "-" : "";
  const absolute = value < 0n ? -value : value;
  const euro = (absolute / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ".");
  const rest = absolute % 100n;
  return `${sign}${euro}${rest === 0n ? "" : `,${rest.toString().padStart(2, "0")}`}`;
}
