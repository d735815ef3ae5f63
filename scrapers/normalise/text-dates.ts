import { calendarDay, DUTCH_MONTH, DUTCH_MONTH_NAME, readDayMonthYear, readMonthNumber } from "../../schema/dutch-text.js";
import { findAmounts } from "./amounts.js";
import { findQuantities } from "./quantities.js";

/** A date written in a Dutch text: "14 maart 2024", "vanaf september", "tegen 2030". */
export interface TextDate {
  /** YYYY-MM-DD; the first day of the month or year when the text is less precise. */
  date: string;
  /** What the text says: a day, a month ("in maart 2025") or a year ("eind 2025"). */
  precision: "day" | "month" | "year";
  /** The text gives no year; it is the one nearest the document date. */
  yearInferred: boolean;
  /**
   * The date as written, with its preposition and qualifier ("op 3/4/2024", "tot eind juni",
   * "tegen 2030"), so that a reader can tell a start from an end. And where (character offsets).
   */
  text: string;
  start: number;
  end: number;
}

type Precision = TextDate["precision"];

interface Reading {
  date: string;
  precision: Precision;
  yearInferred: boolean;
}

/** The document date as a day, for the year of a date written without one. */
interface Reference {
  year: number;
  month: number;
  time: number;
}

const WEEKDAY = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag";
/** Kept in the date's text: "tot" and "t.e.m." mark an end, "vanaf" a start. Longest first. */
const PREPOSITION = String.raw`tot en met|t\.e\.m\.?|t\/m|tot|vanaf|van|sinds|sedert|op|in|tegen|voor|vóór|na|tijdens|tussen|uiterlijk|ten laatste|per|het jaar`;
/** A part of a month or year: "eind maart", "begin 2026", "najaar 2025". */
const QUALIFIER = String.raw`begin|eind|einde|midden|medio|half|halfweg|voorjaar|najaar|zomer|winter|lente|herfst`;

const LEAD = String.raw`(?<![\p{L}\d.,/:-])(?:(?<prep>${PREPOSITION})\s+)?`;
const QUALIFIED = String.raw`(?:(?<qual>${QUALIFIER})\s+)?`;
/** A weekday before a day is kept in the text, not checked: the written day and month decide. */
const DAY_PREFIX = String.raw`(?:(?:${WEEKDAY}),?\s+)?`;
const END = String.raw`(?![\p{L}\d]|[.,/:-]\d)`;
const pattern = (source: string) => new RegExp(source, "giu");

type Groups = Partial<Record<string, string>>;

interface DatePattern {
  pattern: RegExp;
  read: (groups: Groups, reference: Reference | null) => Reading | undefined;
  /** A match is a date even when it cannot be read ("31 februari 2024"), so no later pattern reads a part of it. */
  claims: boolean;
}

/** The patterns, most precise first; a later match that overlaps an earlier one is dropped. */
const datePatterns: DatePattern[] = [
  { pattern: pattern(String.raw`${LEAD}(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?!\d)`), read: readDay, claims: true },
  { pattern: pattern(String.raw`${LEAD}${DAY_PREFIX}(?<day>\d{1,2})(?<sep>[./-])(?<month>\d{1,2})\k<sep>(?<year>\d{4}|\d{2})${END}`), read: readDay, claims: true },
  { pattern: pattern(String.raw`${LEAD}${DAY_PREFIX}(?<day>\d{1,2})(?:ste|de|e)?\s+(?<month>${DUTCH_MONTH})(?:\s+(?<year>\d{4}))?(?![\p{L}\d])`), read: readDay, claims: true },
  { pattern: pattern(String.raw`${LEAD}${QUALIFIED}(?<month>${DUTCH_MONTH})\s+(?<year>\d{4})${END}`), read: readMonth, claims: false },
  { pattern: pattern(String.raw`${LEAD}${QUALIFIED}(?<month>${DUTCH_MONTH_NAME})(?!\p{L})`), read: readMonth, claims: false },
  { pattern: pattern(String.raw`${LEAD}${QUALIFIED}(?<year>(?:19|20)\d\d)${END}`), read: readYear, claims: false },
  // "2020-2025", "in 2024 en 2025": both years of a span.
  { pattern: pattern(String.raw`(?<![\p{L}\d.,/:-])(?<span>(?:19|20)\d\d)(?=\s*[-–]\s*(?:19|20)\d\d${END})`), read: readYear, claims: false },
  { pattern: pattern(String.raw`(?<=(?:19|20)\d\d(?:\s*[-–]\s*|\s+(?:en|of|tot)\s+))(?<span>(?:19|20)\d\d)${END}`), read: readYear, claims: false },
];

const pad = (n: number) => String(n).padStart(2, "0");
const SIX_MONTHS = 184 * 24 * 60 * 60 * 1000;

const monthNumber = (written: string | undefined) => (written ? (readMonthNumber(written) ?? 0) : 0);

/**
 * The year of a day written without one: of that day in the year before, the year of and the
 * year after the document date, the one nearest the document date, within six months ("1
 * januari" in a text of 20 December is next year's); on a tie the later one. A day with no
 * such year (29 februari far from a leap year) is no date.
 */
function nearestDay(month: number, day: number, reference: Reference): string | undefined {
  const distance = (date: string) => Math.abs(Date.parse(date) - reference.time);
  const candidates = [reference.year - 1, reference.year, reference.year + 1]
    .map((year) => calendarDay(year, month, day))
    .filter((date): date is string => date !== undefined && distance(date) <= SIX_MONTHS);
  return candidates.reduce<string | undefined>((best, date) => (best === undefined || distance(date) <= distance(best) ? date : best), undefined);
}

/** The year of a month written without one: the occurrence nearest the document's month, the later one on a tie. */
function nearestMonth(month: number, reference: Reference): string {
  const here = reference.year * 12 + reference.month;
  const years = [reference.year - 1, reference.year, reference.year + 1];
  const distance = (year: number) => Math.abs(year * 12 + month - here);
  const year = years.reduce((best, y) => (distance(y) <= distance(best) ? y : best));
  return `${year}-${pad(month)}-01`;
}

function readDay(groups: Groups, reference: Reference | null): Reading | undefined {
  if (groups.year) {
    const date = readDayMonthYear(groups.day ?? "", groups.month ?? "", groups.year);
    return date ? { date, precision: "day", yearInferred: false } : undefined;
  }
  const date = reference ? nearestDay(monthNumber(groups.month), Number(groups.day), reference) : undefined;
  return date ? { date, precision: "day", yearInferred: true } : undefined;
}

function readMonth(groups: Groups, reference: Reference | null): Reading | undefined {
  const month = monthNumber(groups.month);
  if (groups.year) return { date: `${groups.year}-${pad(month)}-01`, precision: "month", yearInferred: false };
  // A month name alone needs a preposition ("in mei", "vanaf september"): "April" and "Mei" are also names.
  if (!reference || !(groups.prep || groups.qual)) return undefined;
  return { date: nearestMonth(month, reference), precision: "month", yearInferred: true };
}

/** A year alone needs a preposition or a qualifier ("in 2026", "eind 2025"), or a span ("2020-2025"). */
function readYear(groups: Groups): Reading | undefined {
  const year = groups.span ?? (groups.prep || groups.qual ? groups.year : undefined);
  return year ? { date: `${year}-01-01`, precision: "year", yearInferred: false } : undefined;
}

function readReference(documentDate: string | null): Reference | null {
  const match = documentDate?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!match || !calendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  return { year: Number(match[1]), month: Number(match[2]), time: Date.parse(match[0]) };
}

/**
 * Every date in a Dutch text, in order: "14 maart 2024", "maandag 4 maart", "1ste januari",
 * "op 3/4/2024", "03-04-2024", "2024-04-03" (day); "in maart 2025", "vanaf september" (month);
 * "eind 2025", "in 2026", "tegen 2030", "2020-2025" (year). A day or month without a year
 * takes the year that puts it nearest `documentDate` (YYYY-MM-DD, a timestamp is cut to its
 * day), and is skipped when that is null. Impossible days (31 februari) are skipped, and so are
 * numbers that are amounts or counts ("tot 2000 voedselpakketten", "2025 euro").
 */
export function findDates(text: string, documentDate: string | null): TextDate[] {
  const reference = readReference(documentDate);
  // Characters already read as an amount, a quantity or an earlier date: one flag per character,
  // so that checking a match costs its length, not the number of spans taken so far.
  const taken = new Uint8Array(text.length);
  const take = (span: { start: number; end: number }) => taken.fill(1, span.start, span.end);
  for (const span of [...findAmounts(text), ...findQuantities(text)]) take(span);
  const dates: TextDate[] = [];
  for (const { pattern: datePattern, read, claims } of datePatterns) {
    for (const match of text.matchAll(datePattern)) {
      const found = { start: match.index, end: match.index + match[0].length };
      if (taken.subarray(found.start, found.end).includes(1)) continue;
      const reading = read(match.groups ?? {}, reference);
      if (reading) dates.push({ ...reading, text: match[0], ...found });
      if (reading || claims) take(found);
    }
  }
  return dates.sort((a, b) => a.start - b.start);
}
