import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import type { RunCounts, RunError } from "../db/queries/scrape-runs.js";
import type { Fetcher } from "./fetchers/types.js";
import type { MunicipalityDirectory } from "./normalise/places.js";
import type { PageParser } from "./parsers/page-parser.js";
import type { SourceDefinition } from "./source.js";

/** Everything a crawler needs during one run of one source; counts and errors accumulate here. */
export interface RunContext {
  db: Database;
  fetcher: Fetcher;
  /** Parses the fetched pages (off the main thread in the long-running commands). */
  parser: PageParser;
  logger: Logger;
  now: () => Date;
  source: SourceDefinition;
  runId: number;
  directory: MunicipalityDirectory;
  /** First day (YYYY-MM-DD) of the rolling window: older sessions are not stored or followed. */
  windowStart: string;
  counts: RunCounts;
  errors: RunError[];
  /** Called after each page, for progress displays and heartbeats. */
  progress: () => Promise<void>;
}

export function recordError(ctx: RunContext, url: string, reason: string): void {
  ctx.errors.push({ url, reason, at: ctx.now().toISOString() });
  ctx.logger.warn({ url, reason }, "page failed");
}
