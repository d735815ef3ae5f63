/**
 * Text as PostgreSQL can store it. PostgreSQL refuses NUL in `text` and `jsonb` values, and
 * `jsonb` also refuses the `\u0000` escape and unpaired surrogate escapes, which `JSON.stringify`
 * writes for unpaired UTF-16 surrogates (seen 2026-11: one feed item with a NUL failed a run).
 */

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one (code units). */
const loneSurrogateSource = String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
const loneSurrogate = new RegExp(loneSurrogateSource);
const loneSurrogateAll = new RegExp(loneSurrogateSource, "g");

/**
 * A text with NUL characters removed (they are never content) and unpaired UTF-16 surrogates,
 * which have no UTF-8 form, replaced by U+FFFD.
 */
export function storableText(text: string): string {
  const withoutNul = text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
  return loneSurrogate.test(withoutNul) ? withoutNul.replace(loneSurrogateAll, "\ufffd") : withoutNul;
}

/** Every string inside a value (records, arrays) made storable, keeping its shape. */
export function storableValue<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableValue) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [storableText(key), storableValue(inner)])) as T;
  }
  return value;
}

/**
 * What is wrong with a text a caller sent, for PostgreSQL, or undefined when nothing is. Where
 * scraped text is cleaned (a NUL in a page is dirt), a NUL or lone surrogate in a query argument
 * is the caller's mistake: the drivers would send U+FFFD for a lone surrogate, so the query would
 * quietly look for something else.
 */
export function describeUnstorableText(value: string): string | undefined {
  const nul = value.indexOf("\u0000");
  if (nul >= 0) return `contains U+0000 (NUL) at position ${nul + 1}, which PostgreSQL cannot store or compare; remove it`;
  const lone = loneSurrogate.exec(value);
  if (lone) {
    const hex = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone UTF-16 surrogate U+${hex} at position ${lone.index + 1} (half of a character, not text); send well-formed Unicode`;
  }
  return undefined;
}
