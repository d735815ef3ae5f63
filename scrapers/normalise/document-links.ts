import { foldText } from "./sentences.js";

/** A press release may be backed by a decision taken up to this many days before it… */
export const BACKING_DAYS_BEFORE = 120;
/** …or announced up to this many days before the decision. */
export const BACKING_DAYS_AFTER = 14;
/** Links below this confidence are not stored. */
export const BACKING_THRESHOLD = 0.45;

export interface LinkableDocument {
  title: string;
  text: string;
  /** YYYY-MM-DD */
  date: string | null;
  themeCodes: readonly string[];
}

const stopwords = new Set(
  "aanwezig besluit besluiten beslissing gemeente gemeenteraad college burgemeester schepenen artikel stad stadsbestuur zitting goedkeuring betreffende volgende daarnaast hiervoor tijdens worden werden hebben zullen kunnen mogelijk andere verder alleen tussen waarbij waarvan tegelijk ongeveer bovendien namelijk".split(" "),
);

/** The most frequent content words (seven letters or more) of a text, folded. */
export function keyTerms(text: string, limit = 25): Set<string> {
  const counts = new Map<string, number>();
  for (const word of foldText(text).match(/\p{L}{7,}/gu) ?? []) {
    if (!stopwords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return new Set([...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([w]) => w));
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * How likely a council decision backs a press release, between 0 and 1: they must share a theme
 * and the decision must fall within the window; then shared themes (35%), shared key terms (45%)
 * and closeness in time (20%) decide.
 */
export function scoreBacking(release: LinkableDocument, decision: LinkableDocument): number {
  const sharedThemes = release.themeCodes.filter((c) => decision.themeCodes.includes(c));
  if (sharedThemes.length === 0 || !release.date || !decision.date) return 0;
  const days = daysBetween(decision.date, release.date);
  if (days > BACKING_DAYS_BEFORE || days < -BACKING_DAYS_AFTER) return 0;
  const themeScore = sharedThemes.length / new Set([...release.themeCodes, ...decision.themeCodes]).size;
  const a = keyTerms(`${release.title} ${release.text}`);
  const b = keyTerms(`${decision.title} ${decision.text}`);
  const shared = [...a].filter((w) => b.has(w)).length;
  const termScore = Math.min(1, shared / Math.max(1, Math.min(a.size, b.size, 10)));
  const timeScore = 1 - Math.abs(days) / BACKING_DAYS_BEFORE;
  return Math.round((0.35 * themeScore + 0.45 * termScore + 0.2 * timeScore) * 1000) / 1000;
}
