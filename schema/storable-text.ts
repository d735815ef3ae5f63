/**
 * Text as PostgreSQL can store it. PostgreSQL refuses NUL in `text` and `jsonb` values, and
 * `jsonb` also refuses the `\u0000` escape and unpaired surrogate escapes, which `JSON.stringify`
 * writes for unpaired UTF-16 surrogates (seen 2026-11: one feed item with a NUL failed a run).
 */

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
