/**
 * What replaces a Belgian national register number in every stored and served text.
 */
export const PII_REDACTION_MARK = "[rijksregisternummer verwijderd]";

/** What replaces the name of a person who receives individual social aid. */
export const NAME_REDACTION_MARK = "[naam verwijderd]";

/** Whether a stored value (any shape, serialised) had personal data redacted: flags `documents.pii_redacted`. */
export function containsRedaction(value: unknown): boolean {
  const serialised = typeof value === "string" ? value : JSON.stringify(value);
  return serialised.includes(PII_REDACTION_MARK) || serialised.includes(NAME_REDACTION_MARK);
}
