import type { TextSpan } from "./pii-text.js";

/**
 * 11 digits as YYMMDD SSS CC, any group boundary written with nothing, a dot, a dash, a slash or a
 * space: "85.07.30-033.28", "85073003328", "61-03-03-123-22", "79/01/01-456/16", "930822 117 68".
 * A digit run that goes on before or after (a longer number, a date with more parts) is not one.
 */
const candidate = /(?<!\d[.\-/\s]?)(\d{2})[.\-/\s]?(\d{2})[.\-/\s]?(\d{2})[.\-/\s]?(\d{3})[.\-/\s]?(\d{2})(?![.\-/]?\d)/g;

/**
 * Whether 11 digits form a Belgian national register (or BIS) number: the check digits are
 * 97 − (first nine digits mod 97), with a 2 put before the nine digits for people born from 2000
 * (both are tried: the two-digit year does not say the century). Month and day must be plausible:
 * BIS numbers add 20 or 40 to the month, and 00 stands for an unknown month or day.
 */
export function isNationalRegisterNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month > 52 || month % 20 > 12 || day > 31) return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return check === 97 - (base % 97) || check === 97 - ((2_000_000_000 + base) % 97);
}

/** National register numbers with valid check digits, in any usual notation. */
export function findNationalRegisterNumbers(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(candidate)) {
    if (isNationalRegisterNumber(match.slice(1, 6).join(""))) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
