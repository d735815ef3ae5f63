/**
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
