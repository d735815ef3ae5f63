/** Collapse whitespace; a blank line (paragraph break) becomes one newline. Empty text is null. */
export function cleanText(value: string | null): string | null {
  if (value === null) return null;
  const text = value
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
  return text === "" ? null : text;
}

export function parseBoolean(value: string | null): boolean | null {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (["true", "1", "ja", "yes"].includes(v)) return true;
  if (["false", "0", "nee", "no"].includes(v)) return false;
  return null;
}

export function parseCount(value: string | null): number | null {
  if (value === null) return null;
  const match = value.trim().match(/^\d+/);
  return match ? Number(match[0]) : null;
}

const brusselsParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Brussels",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Offset of Brussels from UTC at an instant, in milliseconds. */
function brusselsOffsetMs(instant: number): number {
  const parts = Object.fromEntries(brusselsParts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * An xsd:dateTime as published, to ISO 8601 in UTC. Real pages write seven fractional digits,
 * an offset, `Z` or nothing (seen 2026-11 in the Torhout and Essen samples); a time without offset
 * is Brussels local time. A bare date is midnight in Brussels. Returns null when unreadable.
 */
export function parseDateTime(value: string | null): string | null {
  if (value === null) return null;
  const match = value.trim().match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i);
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "0", zone] = match;
  const millis = Math.round(Number(`0.${fraction}`) * 1000);
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  if (Number.isNaN(local)) return null;
  let instant: number;
  if (zone) {
    const z = zone.toUpperCase();
    const offsetMinutes = z === "Z" ? 0 : (z.startsWith("-") ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)));
    instant = local - offsetMinutes * 60_000;
  } else {
    const guess = local - brusselsOffsetMs(local);
    instant = local - brusselsOffsetMs(guess);
  }
  return new Date(instant).toISOString();
}

/** An xsd:date (or the date of a dateTime, in Brussels) as YYYY-MM-DD. */
export function parseDate(value: string | null): string | null {
  if (value === null) return null;
  const bare = value.trim().match(/^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:?\d{2})?$/);
  if (bare?.[1]) return bare[1];
  const instant = parseDateTime(value);
  if (!instant) return null;
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}
