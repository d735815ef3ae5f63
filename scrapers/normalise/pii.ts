/**
 * Personal data that must never reach the public API (domain.md section 7). The original stays
 * only in the raw captures, which are never served.
 */
export interface PiiFinding {
  kind: "national_register_number";
  /** Character offsets of the redacted text in the original. */
  start: number;
  end: number;
}

import { PII_REDACTION_MARK } from "../../schema/redaction.js";

export const NATIONAL_REGISTER_REDACTION = PII_REDACTION_MARK;

/** 11 digits written as YYMMDD-SSS-CC with optional dots, dashes or spaces between the groups. */
const candidate = /(?<![\d.])(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})[\s.-]?(\d{3})[\s.-]?(\d{2})(?![\d])/g;

/**
 * Whether 11 digits form a Belgian national register (or BIS) number: the check digits are
 * 97 − (first nine digits mod 97), with a 2 put before the nine digits for people born from 2000.
 * Month and day must be plausible (BIS numbers add 20 or 40 to the month; 00 is an unknown part).
 */
export function isNationalRegisterNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4)) % 20;
  const day = Number(digits.slice(4, 6));
  if (month > 12 || day > 31) return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return check === 97 - (base % 97) || check === 97 - ((2_000_000_000 + base) % 97);
}

/** Find national register numbers (with valid check digits) in a text. */
export function findPii(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(candidate)) {
    const digits = match.slice(1, 6).join("");
    if (isNationalRegisterNumber(digits)) findings.push({ kind: "national_register_number", start: match.index, end: match.index + match[0].length });
  }
  return findings;
}

/** The text with every national register number replaced; null stays null. */
export function redactPii<T extends string | null>(text: T): { text: T; findings: PiiFinding[] } {
  if (text === null) return { text, findings: [] };
  const findings = findPii(text);
  let redacted: string = text;
  for (const finding of [...findings].reverse()) {
    redacted = redacted.slice(0, finding.start) + NATIONAL_REGISTER_REDACTION + redacted.slice(finding.end);
  }
  return { text: redacted as T, findings };
}

/** Redact every string inside a value (records, arrays), keeping its shape. */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redactPii(value).text as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
