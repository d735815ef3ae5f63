/**
 * Time in the benchmark seed: the days documents are published on (2019-01-01 to 2026-11-30),
 * Brussels days as Vangnet stores them (a day is the moment it starts in Brussels), and when the
 * harvester first saw each document.
 */
import { startOfBrusselsDay } from "../../schema/dutch-text.js";
import { type Random, WeightedChoice } from "./seed-random.js";

export const FIRST_DAY = "2019-01-01";
export const LAST_DAY = "2026-11-30";
/** The first day of the merged municipalities (the mergers of 1 January 2025). */
export const MERGER_DAY = "2025-01-01";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` day. */
export const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** The `YYYY-MM-DD` of a day number. */
export const dayOfNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (n: number) => (n + 4) % 7;

const firstNumber = dayNumber(FIRST_DAY);
const lastNumber = dayNumber(LAST_DAY);
/** The moment the synthetic history ends: the end of LAST_DAY in Brussels. */
export const HISTORY_END_MS = startOfBrusselsDay(LAST_DAY).getTime() + DAY_MS;

const dayStarts = new Map<number, number>();
/** The moment a day (by number) starts in Brussels, in ms. */
export function brusselsDayStart(n: number): number {
  let start = dayStarts.get(n);
  if (start === undefined) {
    start = startOfBrusselsDay(dayOfNumber(n)).getTime();
    dayStarts.set(n, start);
  }
  return start;
}

/** The Brussels day (number) a moment falls on. */
export function brusselsDayNumber(ms: number): number {
  // Brussels is UTC+1 or UTC+2: the UTC day of ms + 1 h is right except in the hour before midnight in summer.
  let n = Math.floor((ms + HOUR_MS) / DAY_MS);
  if (ms >= brusselsDayStart(n + 1)) n += 1;
  else if (ms < brusselsDayStart(n)) n -= 1;
  return n;
}

/**
 * How many documents a day gets, relatively: more every year (more sites publish, more
 * articles), fewer in the summer holidays and at the end of December, few on weekends.
 */
function dayWeight(n: number): number {
  const progress = (n - firstNumber) / (lastNumber - firstNumber);
  const month = Number(dayOfNumber(n).slice(5, 7));
  const day = Number(dayOfNumber(n).slice(8, 10));
  const season = month === 7 ? 0.55 : month === 8 ? 0.45 : month === 12 && day > 20 ? 0.4 : 1;
  const weekday = weekdayOf(n);
  const week = weekday === 0 ? 0.12 : weekday === 6 ? 0.2 : 1;
  return (0.55 + 0.9 * progress) * season * week;
}

/**
 * When each of `count` documents was first seen, in ascending order (document ids follow it, as
 * they do when a harvester inserts them): days drawn by `dayWeight`, times spread over the day.
 */
export function drawFirstSeenTimes(count: number, random: Random): Float64Array {
  const days = Array.from({ length: lastNumber - firstNumber + 1 }, (_, i) => firstNumber + i);
  const choice = new WeightedChoice(days.map(dayWeight));
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const n = days[choice.draw(random)] as number;
    const start = brusselsDayStart(n);
    times[i] = Math.min(start + random.next() * (brusselsDayStart(n + 1) - start), HISTORY_END_MS - 1);
  }
  return times.sort();
}

export const firstDayNumber = firstNumber;
export const mergerDayNumber = dayNumber(MERGER_DAY);
export { DAY_MS, HOUR_MS };
