import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import type { RunCounts, RunError } from "../db/queries/scrape-runs.js";
import type { MunicipalityRegister } from "../db/reference/municipality-register.js";
import type { Fetcher } from "./fetchers/types.js";
import type { SourceDefinition } from "./source.js";

/** Everything a crawler needs during one run of one source; counts and errors accumulate here. */
export interface RunContext {
  db: Database;
  fetcher: Fetcher;
  logger: Logger;
  now: () => Date;
  source: SourceDefinition;
  runId: number;
  /** Which municipality published a page on its date. */
  municipalities: MunicipalityRegister;
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
