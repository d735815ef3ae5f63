/** An xsd:boolean as published ("true", "false", "1", "0"; any case), or null. */
export function readBoolean(value: string | null): boolean | null {
  const v = value?.trim().toLowerCase();
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  return null;
}

/**
 * A count of votes: the leading whole number of the text ("14", "14 stemmen voor"), or null for
 * anything else (a negative or decimal number, words). Some templates give it as a typed
 * `content`, others as the element's text (seen 2026-11 in the Boortmeerbeek sample).
 */
export function readCount(value: string | null): number | null {
  const match = value?.trim().match(/^(\d{1,6})(?![\d.,])/);
  return match ? Number(match[1]) : null;
}
