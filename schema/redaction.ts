/**
 * What replaces personal data in every stored and served text (domain.md section 7). Each mark
 * says what was there, so a reader knows a number, a name, a birth date or an address was removed
 * and the sentence still reads.
 */

/** Replaces a Belgian national register (or BIS) number. */
export const NATIONAL_REGISTER_REDACTION_MARK = "[rijksregisternummer verwijderd]";

/** Replaces the name of a person who receives (or asks for) individual social aid. */
export const NAME_REDACTION_MARK = "[naam verwijderd]";

/** Replaces the birth date of such a person ("geboren op [geboortedatum verwijderd]"). */
export const BIRTH_DATE_REDACTION_MARK = "[geboortedatum verwijderd]";

/** Replaces the street and house number where such a person lives ("wonende te [adres verwijderd], 9000 Gent"). */
export const ADDRESS_REDACTION_MARK = "[adres verwijderd]";

/** Every mark, for readers that only need to know that something personal was removed. */
export const REDACTION_MARKS = [NATIONAL_REGISTER_REDACTION_MARK, NAME_REDACTION_MARK, BIRTH_DATE_REDACTION_MARK, ADDRESS_REDACTION_MARK] as const;

/** Whether a stored value (any shape, serialised) had personal data redacted: flags `documents.pii_redacted`. */
export function containsRedaction(value: unknown): boolean {
  const serialised = typeof value === "string" ? value : JSON.stringify(value);
  return serialised !== undefined && REDACTION_MARKS.some((mark) => serialised.includes(mark));
}
