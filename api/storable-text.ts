/**
 * Text PostgreSQL can take. It refuses U+0000 in any text value ("invalid byte sequence for
 * encoding UTF8: 0x00"), and a lone UTF-16 surrogate has no UTF-8 form at all: the drivers send
 * U+FFFD in its place, so the query would quietly look for something else. Either is a mistake
 * of the caller, never something stored data can match.
 */

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with `value` for PostgreSQL, or undefined when nothing is. */
export function describeUnstorableText(value: string): string | undefined {
  const nul = value.indexOf("\u0000");
  if (nul >= 0) return `contains U+0000 (NUL) at position ${nul + 1}, which PostgreSQL cannot store or compare; remove it`;
  const lone = LONE_SURROGATE.exec(value);
  if (lone) {
    const hex = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone UTF-16 surrogate U+${hex} at position ${lone.index + 1} (half of a character, not text); send well-formed Unicode`;
  }
  return undefined;
}
