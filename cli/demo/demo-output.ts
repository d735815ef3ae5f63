import type { RunCounts } from "../../db/queries/scrape-runs.js";

/** Standard output, or what a test gives. */
export interface TextSink {
  write(text: string): unknown;
  /** On a terminal, progress is drawn live on one line. */
  isTTY?: boolean;
}

/** Erases the terminal's current line, so that a progress line is redrawn in place. */
const CLEAR_LINE = "\r\x1b[2K";

/**
 * What `vangnet demo` tells a person, on standard output (its logs go to standard error, so the
 * two never mix in a pipe): lines that stay, and on a terminal a live line that each new line or
 * progress update replaces. Off a terminal only the lines that stay are written.
 */
export interface DemoOutput {
  line(text: string): void;
  progress(text: string): void;
}

export function createDemoOutput(out: TextSink): DemoOutput {
  const live = out.isTTY === true;
  return {
    line: (text) => void out.write(`${live ? CLEAR_LINE : ""}${text}\n`),
    progress: (text) => void (live && out.write(`${CLEAR_LINE}${text}`)),
  };
}

/** Milliseconds as seconds with one decimal: `2.9 s`. */
export function describeDuration(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `pages 18  items +22 ~0 =16  errors 0`: what a source's run has done so far. */
export function describeRunCounts(counts: RunCounts, errors: number): string {
  return `pages ${counts.pagesFetched}  items +${counts.itemsInserted} ~${counts.itemsUpdated} =${counts.itemsUnchanged}  errors ${errors}`;
}

export interface DemoTotals {
  decisions: number;
  pressReleases: number;
  measures: number;
  changes: number;
  sources: number;
  failedSources: number;
  /** Milliseconds from the start of the process to the moment the API listens. */
  readyAfterMs: number;
}

/** The query the summary offers to paste: a search over what the demo collected. */
export const EXAMPLE_QUERY = '{ documents(first: 3, filter: { search: "huurpremie" }) { totalCount nodes { kind title uri } } }';

/** The closing summary: what was collected, and where to look at it. */
export function describeSummary(totals: DemoTotals, origin: string): string[] {
  const failed = totals.failedSources > 0 ? `, ${totals.failedSources} of them failed (see above)` : "";
  const body = JSON.stringify({ query: EXAMPLE_QUERY });
  return [
    "",
    `Vangnet demo ready after ${describeDuration(totals.readyAfterMs)}: ${totals.decisions} council decisions and ${totals.pressReleases} press releases ` +
      `with ${totals.measures} measures (${totals.changes} change-log entries) from ${totals.sources} sources${failed}.`,
    `  Landing page and explorer  ${origin}/`,
    `  GraphQL API                ${origin}/graphql`,
    `  Example query              curl -s ${origin}/graphql -H 'content-type: application/json' -d '${body}'`,
    "Ctrl+C stops the demo.",
  ];
}
