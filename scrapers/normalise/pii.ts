/**
 * Personal data that must never reach the public API (domain.md section 7): national register
 * numbers, names of people who receive individual aid, and their birth dates and home addresses.
 * Found in each text field before anything is stored and replaced by a mark that says what was
 * there (`schema/redaction.ts`); the original stays only in the raw captures, which are never served.
 */
import { ADDRESS_REDACTION_MARK, BIRTH_DATE_REDACTION_MARK, NAME_REDACTION_MARK, NATIONAL_REGISTER_REDACTION_MARK } from "../../schema/redaction.js";
import { findBirthDates, findHomeAddresses } from "./pii-details.js";
import { findAidRecipientNames, deriveNameForms } from "./pii-names.js";
import { findNationalRegisterNumbers } from "./pii-register-numbers.js";
import { overlaps, type TextSpan } from "./pii-text.js";

export { isNationalRegisterNumber } from "./pii-register-numbers.js";

export type PiiKind = "national_register_number" | "aid_recipient_name" | "birth_date" | "address";

export interface PiiFinding extends TextSpan {
  kind: PiiKind;
}

/** The mark that replaces each kind of personal data. */
export const REDACTION_MARK_OF: Record<PiiKind, string> = {
  national_register_number: NATIONAL_REGISTER_REDACTION_MARK,
  aid_recipient_name: NAME_REDACTION_MARK,
  birth_date: BIRTH_DATE_REDACTION_MARK,
  address: ADDRESS_REDACTION_MARK,
};

/** Every place where a name returns: as found or by its surname, capitalised as a name is ("Benali", "BENALI", not "benali"). */
function findNameOccurrences(text: string, names: readonly string[]): TextSpan[] {
  const forms = [...new Set(names.flatMap(deriveNameForms))];
  const spans: TextSpan[] = [];
  for (const form of forms) {
    const words = form.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${words.join(String.raw`\s+`)}(?![\p{L}\p{N}])`, "giu");
    for (const match of text.matchAll(pattern)) {
      if (match[0] === form || /^\p{Lu}/u.test(match[0])) spans.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return spans;
}

/** Index of the first of non-overlapping spans in text order that ends after `offset`. */
function firstEndingAfter(spans: readonly TextSpan[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle] as TextSpan).end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The names of aid recipients a text holds, as written: what a document's other fields are redacted with too. */
export function findRecipientNames(text: string): string[] {
  return findAidRecipientNames(text).map((span) => text.slice(span.start, span.end));
}

/**
 * Personal data in a text, in text order, without overlaps. `knownNames` are recipients found
 * elsewhere in the same document (a name the body introduces returns in the title or a vote
 * subject without the words that gave it away); every name found returns by its surname too.
 */
export function findPii(text: string, knownNames: readonly string[] = []): PiiFinding[] {
  // Kept in text order; a span that overlaps one found before it (by a surer rule) is dropped.
  const findings: PiiFinding[] = [];
  const add = (kind: PiiKind, spans: readonly TextSpan[]) => {
    for (const span of spans) {
      const at = firstEndingAfter(findings, span.start);
      if (findings[at] && overlaps(findings[at] as TextSpan, span)) continue;
      findings.splice(at, 0, { kind, start: span.start, end: span.end });
    }
  };
  add("national_register_number", findNationalRegisterNumbers(text));
  add("birth_date", findBirthDates(text));
  const names = findAidRecipientNames(text);
  add("address", findHomeAddresses(text, names));
  add("aid_recipient_name", names);
  add("aid_recipient_name", findNameOccurrences(text, [...knownNames, ...names.map((n) => text.slice(n.start, n.end))]));
  return findings;
}

/** The text with its personal data replaced by marks; null stays null. */
export function redactPii<T extends string | null>(text: T, knownNames: readonly string[] = []): { text: T; findings: PiiFinding[] } {
  if (text === null) return { text, findings: [] };
  const findings = findPii(text, knownNames);
  // One pass over the text: rebuilding it once per finding is quadratic on multi-megabyte minutes.
  const pieces: string[] = [];
  let from = 0;
  for (const finding of findings) {
    pieces.push(text.slice(from, finding.start), REDACTION_MARK_OF[finding.kind]);
    from = finding.end;
  }
  pieces.push(text.slice(from));
  return { text: pieces.join("") as T, findings };
}
