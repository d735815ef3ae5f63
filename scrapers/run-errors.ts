import { storableText } from "../schema/storable-text.js";

/**
 * Longest reason kept for one error. A database error quotes its statement and every parameter,
 * a page's whole body included (seen 2026-11: megabytes of raw body in one log line and one
 * `scrape_runs.errors` entry).
 */
export const MAX_REASON_CHARS = 1_000;
/** Errors kept per run; beyond, one last entry counts the others. */
export const MAX_RUN_ERRORS = 200;

/** A text cut to `max` characters, saying how much was left out, and storable. */
export function boundText(text: string, max = MAX_REASON_CHARS): string {
  const clean = storableText(text);
  return clean.length <= max ? clean : `${clean.slice(0, max)}… (${clean.length - max} more characters)`;
}

/**
 * What went wrong, in one bounded line: a failed SQL statement is named by its first words and the
 * database's own message, never with its parameters.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return boundText(String(error));
  const cause = error.cause instanceof Error ? error.cause.message : null;
  // drizzle writes "Failed query: <SQL>\nparams: <every parameter>".
  const failedQuery = error.message.match(/^Failed query: ([^\n]*)/);
  if (failedQuery) {
    const statement = (failedQuery[1] ?? "").replace(/\s+/g, " ").slice(0, 120);
    return boundText(`database error: ${cause ?? "unknown cause"} (statement: ${statement}…)`);
  }
  return boundText(cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message);
}
