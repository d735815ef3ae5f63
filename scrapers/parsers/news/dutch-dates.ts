import { calendarDay, readDayMonthYear, readMonthNumber } from "../../../schema/dutch-text.js";

/** A month written as a word in a byline; besides the usual abbreviations some sites shorten maart to "maa". */
const readBylineMonth = (word: string) => (word === "maa" ? 3 : readMonthNumber(word));

const pad = (n: number) => String(n).padStart(2, "0");

export interface DutchDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM when the text gives a time. */
  time: string | null;
  /** The text the date was read from. */
  text: string;
}

/**
 * The first date written in Dutch in a text: `12-01-2024`, `12/01/2024`, `12.01.24`,
 * `13 oktober 2023`, `maandag 13 okt. 2023 om 14.30 uur`, `2024-01-12`, with prefixes such as
 * "Gepubliceerd op:" ignored. Day-month order is Belgian. A day and month without a year
 * (`13 oktober`) take the year of `reference` (YYYY-MM-DD) when given, else no date is read.
 */
export function parseDutchDate(text: string, reference?: string): DutchDate | null {
  const source = text.toLowerCase();
  const withTime = (date: string | undefined, matched: string): DutchDate | null => {
    if (!date) return null;
    // The time is looked for outside the date, so that `5.3.24` is not read as 03:24.
    const time = source.replace(matched, " ").match(/(?:^|[^\d])([01]?\d|2[0-3])[:.u]([0-5]\d)(?!\d)/);
    return { date, time: time ? `${pad(Number(time[1]))}:${time[2]}` : null, text: matched.trim() };
  };

  const iso = source.match(/\b(\d{4})-(\d{2})-(\d{2})(?!\d)/);
  if (iso) return withTime(calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3])), iso[0]);
  const numeric = source.match(/\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)/);
  if (numeric) return withTime(readDayMonthYear(numeric[1] as string, numeric[2] as string, numeric[3] as string), numeric[0]);
  const written = source.match(/\b(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4})(?!\d))?/g) ?? [];
  for (const candidate of written) {
    const parts = candidate.match(/(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?/);
    const month = parts ? readBylineMonth(parts[2] as string) : undefined;
    if (!parts || !month) continue;
    const year = parts[3] ? Number(parts[3]) : reference ? Number(reference.slice(0, 4)) : null;
    if (year === null) continue;
    return withTime(calendarDay(year, month, Number(parts[1])), candidate);
  }
  return null;
}
