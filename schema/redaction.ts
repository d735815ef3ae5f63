/**
 * What replaces a Belgian national register number in every stored and served text. Its presence
 * also flags a document as redacted (`documents.pii_redacted`).
 */
export const PII_REDACTION_MARK = "[rijksregisternummer verwijderd]";
