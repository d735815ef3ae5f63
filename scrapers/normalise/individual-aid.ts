import { REDACTION_MARKS } from "../../schema/redaction.js";
import { findPii } from "./pii.js";

/** "betrokkene": the one person a BCSD decision is about, named or not. */
const personConcerned = /\bbetrokkene\b/i;

/**
 * Whether a sentence is about aid to one person rather than a municipal measure: it names an aid
 * recipient or holds their personal data, before redaction or after it (stored texts carry the
 * marks), or speaks of "betrokkene". "Het BCSD kent aan mevrouw [naam verwijderd] een
 * huurwaarborg van 1.200 euro toe" decides about one household; a measure changes a rule or a
 * service for everyone it concerns.
 */
export function concernsOnePerson(sentence: string): boolean {
  return REDACTION_MARKS.some((mark) => sentence.includes(mark)) || personConcerned.test(sentence) || findPii(sentence).length > 0;
}
