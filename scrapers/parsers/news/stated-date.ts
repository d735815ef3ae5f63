import { brusselsDayOf } from "../../../schema/dutch-text.js";
import { parseDateTime } from "../lblod/literals.js";
import { parseDutchDate } from "./dutch-dates.js";

/** A date a page states, and whether it gave a time of day. */
export interface StatedDate {
  /** ISO 8601 instant in UTC; a day without a time is the moment it starts in Brussels. */
  at: string;
  dateOnly: boolean;
}

/** A day without a time, with or without a zone (`2026-11-03`, `2026-11-03+01:00`): the day is what counts. */
const isoDay = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date as a page writes it, in an attribute (`2026-11-03`, `2026-11-03T10:15:00+01:00`) or in
 * Dutch text (`3 november 2026`, `05-11-2026 om 14.30 uur`). Times without an offset are Brussels
 * time. Null when there is no date in it.
 */
export function readStatedDate(value: string | null | undefined): StatedDate | null {
  const text = value?.trim();
  if (!text) return null;
  const day = text.match(isoDay)?.[1];
  const iso = parseDateTime(day ?? text);
  if (iso) return { at: iso, dateOnly: day !== undefined };
  const dutch = parseDutchDate(text);
  if (!dutch) return null;
  const at = parseDateTime(dutch.time ? `${dutch.date}T${dutch.time}:00` : dutch.date);
  return at ? { at, dateOnly: dutch.time === null } : null;
}

/**
 * The date of the first source that states one, sources given from the most to the least
 * trusted. When that source gives only a day, the time comes from the first later source that
 * gives a time on the same Brussels day (a byline "3 november 2026" and JSON-LD
 * `2026-11-03T09:12:00+01:00` make 09:12): the trusted source decides the day, never the time.
 */
export function chooseStatedDate(sources: (StatedDate | null)[]): string | null {
  const stated = sources.filter((s): s is StatedDate => s !== null);
  const first = stated[0];
  if (!first) return null;
  if (!first.dateOnly) return first.at;
  const day = brusselsDayOf(first.at);
  return stated.find((s) => !s.dateOnly && brusselsDayOf(s.at) === day)?.at ?? first.at;
}
