import type { Logger } from "../cli/logger.js";
import type { DbHandle } from "../db/client.js";

/** What a source's run receives: everything it may touch, passed rather than imported. */
export interface SourceDeps {
  db: DbHandle;
  logger: Logger;
  /** The clock, so that tests can fix it. */
  now: () => Date;
}

/** A publisher Vangnet collects from, as declared in the registry. */
export interface SourceDefinition {
  /** Stable id, e.g. `lblod:gent-gemeente`. */
  id: string;
  kind: "lblod" | "feed" | "listing" | "browser" | "sparql";
  name: string;
  startUrl: string;
  /** Cron expression (node-cron syntax, optional seconds field). */
  schedule: string;
  /** Time zone of the schedule; Europe/Brussels unless said otherwise. */
  timezone?: string;
  enabled: boolean;
  /** Collect once: fetch, parse, validate and store. */
  run(deps: SourceDeps): Promise<void>;
}

/** Declare a source; the registry imports every declaration by name. */
export function defineSource(definition: SourceDefinition): SourceDefinition {
  return definition;
}
