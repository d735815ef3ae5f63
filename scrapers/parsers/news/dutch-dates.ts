const months: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, maart: 3, mrt: 3, maa: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};

const pad = (n: number) => String(n).padStart(2, "0");

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function fullYear(year: string): number {
  const n = Number(year);
  return year.length === 2 ? 2000 + n : n;
}

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
  const withTime = (date: string | null, matched: string): DutchDate | null => {
    if (!date) return null;
    // The time is looked for outside the date, so that `5.3.24` is not read as 03:24.
    const time = source.replace(matched, " ").match(/(?:^|[^\d])([01]?\d|2[0-3])[:.u]([0-5]\d)(?!\d)/);
    return { date, time: time ? `${pad(Number(time[1]))}:${time[2]}` : null, text: matched.trim() };
  };

  const iso = source.match(/\b(\d{4})-(\d{2})-(\d{2})(?!\d)/);
  if (iso) return withTime(isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])), iso[0]);
  const numeric = source.match(/\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)/);
  if (numeric) return withTime(isoDate(fullYear(numeric[3] as string), Number(numeric[2]), Number(numeric[1])), numeric[0]);
  const written = source.match(/\b(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4})(?!\d))?/g) ?? [];
  for (const candidate of written) {
    const parts = candidate.match(/(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?/);
    const month = parts ? months[parts[2] as string] : undefined;
    if (!parts || !month) continue;
    const year = parts[3] ? Number(parts[3]) : reference ? Number(reference.slice(0, 4)) : null;
    if (year === null) continue;
    return withTime(isoDate(year, month, Number(parts[1])), candidate);
  }
  return null;
}
