import { brusselsDayOf, instantOfBrusselsWallClock } from "../../../schema/dutch-text.js";

/** Milliseconds since the epoch of a calendar date and time, or null when there is no such moment. */
function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number | null {
  const value = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const back = new Date(value);
  // Date.UTC rolls 31 April over to 1 May; a published 31 April is an error, not a date.
  const same = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day && back.getUTCHours() === hour && back.getUTCMinutes() === minute;
  return same && second < 60 ? value : null;
}

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An xsd:dateTime as published, as an ISO 8601 instant in UTC (`2023-12-19T19:00:00.000Z`): one
 * spelling per instant, so values sort and compare as strings. Pages write seven fractional
 * digits (Cevi, seen 2026-11 in the Torhout and Erpe-Mere samples), four (meetingburger,
 * Boortmeerbeek), an offset, `Z`, or nothing. A time without offset is Brussels local time; a
 * bare date is midnight in Brussels. Null when the value is no date and time.
 */
export function readDateTime(value: string | null): string | null {
  const match = value?.trim().match(dateTimePattern);
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "0", zone] = match;
  const millis = Math.min(999, Math.round(Number(`0.${fraction}`) * 1000));
  const wallClock = utcMillis(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), millis);
  if (wallClock === null) return null;
  let instant: number;
  if (zone) {
    const z = zone.toUpperCase();
    const sign = z.startsWith("-") ? -1 : 1;
    const offsetMinutes = z === "Z" ? 0 : sign * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)));
    instant = wallClock - offsetMinutes * 60_000;
  } else {
    instant = instantOfBrusselsWallClock(wallClock);
  }
  return new Date(instant).toISOString();
}

/** An xsd:date (or the Brussels calendar day of an xsd:dateTime) as YYYY-MM-DD, or null. */
export function readDate(value: string | null): string | null {
  const bare = value?.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:?\d{2})?$/i);
  if (bare) return utcMillis(Number(bare[1]), Number(bare[2]), Number(bare[3])) === null ? null : (bare[0] as string).slice(0, 10);
  const instant = readDateTime(value);
  return instant ? brusselsDayOf(instant) : null;
}
