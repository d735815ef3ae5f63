/**
 * Personal data that must never reach the public API (domain.md section 7). The original stays
 * only in the raw captures, which are never served.
 */
export interface PiiFinding {
  kind: "national_register_number" | "aid_recipient_name";
  /** Character offsets of the redacted text in the original. */
  start: number;
  end: number;
}

import { NAME_REDACTION_MARK, PII_REDACTION_MARK } from "../../schema/redaction.js";

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

/** Find national register numbers (with valid check digits) and named aid recipients in a text. */
export function findPii(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(candidate)) {
    const digits = match.slice(1, 6).join("");
    if (isNationalRegisterNumber(digits)) findings.push({ kind: "national_register_number", start: match.index, end: match.index + match[0].length });
  }
  findings.push(...findNamedAidRecipients(text));
  return findings.sort((a, b) => a.start - b.start);
}

/** A personal name: capitalised words, with Dutch particles between them ("Jan van den Broeck"). */
const NAME = String.raw`\p{Lu}[\p{Ll}'’-]+(?:\s+(?:(?:van|de|der|den|ter|ten|vande|vanden|Van|De|Der|Den|Vande|Vanden|Vander|Ter|Ten)\s+)*\p{Lu}[\p{Ll}'’-]+){0,3}`;
/** "mevrouw An Peeters", "de heer Jan Van Damme", "dhr. Peeters", "cliënt Ahmed El Amrani". */
const titledName = new RegExp(String.raw`(?<![\p{L}])(?:[Mm]evrouw|[Mm]evr\.|[Mm]w\.|[Dd]e heer|[Dd]hr\.|[Mm]eneer|[Mm]ijnheer|[Cc]liënt|[Cc]lient|[Bb]etrokkene|[Aa]anvrager|[Aa]anvraagster|[Vv]erzoeker|[Vv]erzoekster)\s+(${NAME})`, "gu");
/** "Jan Peeters, geboren op …" or "An Peeters, wonende te …": a person identified in a decision. */
const identifiedName = new RegExp(String.raw`(?<![\p{L}])(\p{Lu}[\p{Ll}'’-]+(?:\s+(?:(?:van|de|der|den|Van|De|Vanden|Vander)\s+)*\p{Lu}[\p{Ll}'’-]+){1,3}),?\s+(?:geboren (?:op|te)|wonende (?:te|in|aan)|gedomicilieerd)`, "gu");
/** Words of individual social aid: a name in the same sentence belongs to an aid recipient. */
const aidCue = /steun|leefloon|hulp|toelage|tussenkomst|bijstand|premie|uitkering|schuld|opvang|toegekend|toe te kennen|kent .* toe|geweigerd|weigering|aanvraag|dossier|cliënt|client|voorschot|huurwaarborg|betrokkene|geboren|wonende/i;
/** Public office holders are named in minutes on purpose; their names stay. */
const officeAfter = /^,?\s*(?:burgemeester|schepen|voorzitter|raadslid|gemeenteraadslid|algemeen directeur|financieel directeur|secretaris|ondervoorzitter|lid|leden)/i;

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf(".", index), text.lastIndexOf("\n", index), 0);
  const ends = [text.indexOf(". ", index), text.indexOf("\n", index)].filter((i) => i >= 0);
  return text.slice(start, ends.length > 0 ? Math.min(...ends) : text.length);
}

/**
 * Names of people who receive (or ask for) individual social aid, as decisions of the BCSD and
 * OCMW items write them: after a title ("mevrouw", "de heer", "cliënt") in a sentence about aid,
 * or followed by a birth date or address. Office holders ("de heer X, schepen") are not redacted.
 */
export function findNamedAidRecipients(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const pattern of [titledName, identifiedName]) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1];
      if (!name) continue;
      const start = match.index + match[0].indexOf(name);
      const end = start + name.length;
      if (officeAfter.test(text.slice(end, end + 40))) continue;
      if (pattern === titledName && !aidCue.test(sentenceAround(text, match.index))) continue;
      if (findings.some((f) => f.start < end && start < f.end)) continue;
      findings.push({ kind: "aid_recipient_name", start, end });
    }
  }
  return findings;
}

/** The text with every national register number and aid recipient's name replaced; null stays null. */
export function redactPii<T extends string | null>(text: T): { text: T; findings: PiiFinding[] } {
  if (text === null) return { text, findings: [] };
  const findings = findPii(text);
  let redacted: string = text;
  for (const finding of [...findings].reverse()) {
    const mark = finding.kind === "national_register_number" ? NATIONAL_REGISTER_REDACTION : NAME_REDACTION_MARK;
    redacted = redacted.slice(0, finding.start) + mark + redacted.slice(finding.end);
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
