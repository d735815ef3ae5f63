/**
 * What the keys inside global ids and cursors may hold. Both are base64 a client can forge, and
 * their parts reach PostgreSQL as bigint, date, timestamptz and real parameters: a value
 * PostgreSQL refuses (an id beyond bigint, 30 February, hour 25, year 0) would fail the query as
 * INTERNAL_SERVER_ERROR. Each check accepts what the API itself writes into a key, and no more.
 * The `Date` scalar uses the same calendar check, so every date argument is one PostgreSQL has.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A row id as the API serves it. Ids are bigint in the database but read as JavaScript numbers
 * (drizzle's `mode: "number"`), so no id the API ever handed out is above 2^53 − 1; a larger
 * number cannot name a row and may not even fit a bigint.
 */
export function isDatabaseId(key: string): boolean {
  return /^\d{1,16}$/.test(key) && Number.isSafeInteger(Number(key));
}

/** A date `YYYY-MM-DD` that exists, from 0001-01-01 (PostgreSQL has no year 0) to 9999-12-31. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value.startsWith("0000")) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** A moment written exactly as `Date.prototype.toISOString` writes it, from year 1 to 9999. */
export function isIsoTimestamp(value: string): boolean {
  if (!ISO_TIMESTAMP.test(value) || value.startsWith("0000")) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/** A finite number as `String(number)` writes it (search ranks): not NaN, not Infinity. */
export function isFiniteNumber(value: string): boolean {
  return /^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(value) && Number.isFinite(Number(value));
}
