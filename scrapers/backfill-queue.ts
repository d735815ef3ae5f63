import { firstStartBackfillQueued, openBackfill, openBackfills } from "../db/queries/backfills.js";
import { syncSources } from "../db/queries/sources.js";
import { backfillSource } from "./backfill.js";
import { describeError } from "./run-errors.js";
import type { RunDeps } from "./run-source.js";
import type { SourceDefinition } from "./source.js";

export interface BackfillQueue {
  /** Settles when every open backfill had its attempt, or after `stop()`. */
  readonly finished: Promise<void>;
  /** Begin no further backfill; the one in progress ends with the process (the next start resumes it). */
  stop(): void;
}

export interface BackfillQueueOptions {
  sources: readonly SourceDefinition[];
  deps: RunDeps;
  /** The first day the first start collects (VANGNET_BACKFILL_SINCE, read as a day); null: none is queued. */
  firstStartSince: string | null;
  /** Whether this start found a new database (the first harvest begins now). */
  newDatabase: boolean;
  /** Work that must end before the backfills begin: the first harvest. */
  after: Promise<void>;
  /** Called after each backfill's attempt (the API drops its cached answers). */
  afterRun?: () => void;
}

/**
 * The backfills of a long-running process: on the first start of a new database, with
 * VANGNET_BACKFILL_SINCE set, one per enabled source is queued; on every start, the open ones
 * (queued, or left running by a process that stopped) run one after another once the first
 * harvest is over, so that a new installation shows the recent data first and history after.
 * One at a time: a backfill fetches many pages, and the per-host spacing is the sites' due.
 */
export async function startBackfillQueue(options: BackfillQueueOptions): Promise<BackfillQueue> {
  const { deps } = options;
  const logger = deps.logger.child({ backfill: "queue" });
  const enabled = options.sources.filter((source) => source.enabled);
  if (options.firstStartSince !== null && options.newDatabase && !(await firstStartBackfillQueued(deps.db))) {
    await syncSources(deps.db, enabled);
    for (const source of enabled) {
      await openBackfill(deps.db, { sourceId: source.id, since: options.firstStartSince, refetch: false, requestedBy: "first-start" });
    }
    logger.info({ sources: enabled.length, since: options.firstStartSince }, `backfill back to ${options.firstStartSince} queued behind the first harvest`);
  }
  let stopping = false;
  const finished = (async () => {
    await options.after;
    const byId = new Map(enabled.map((source) => [source.id, source]));
    const open = (await openBackfills(deps.db)).filter((row) => byId.has(row.sourceId));
    if (open.length > 0) logger.info({ backfills: open.length }, "backfills: walking the sources' history");
    for (const [index, row] of open.entries()) {
      if (stopping) break;
      const source = byId.get(row.sourceId) as SourceDefinition;
      try {
        const outcome = await backfillSource(source, deps, { since: row.since, refetch: row.refetch, again: true, requestedBy: row.requestedBy as "cli" | "first-start" });
        logger.info({ source: source.id, status: outcome.status, done: index + 1, total: open.length }, `backfill ${index + 1} of ${open.length}: ${source.id} ${outcome.status}`);
      } catch (error) {
        logger.error({ source: source.id, err: error }, `backfill of ${source.id} could not run: ${describeError(error)}`);
      }
      options.afterRun?.();
    }
  })().catch((error: unknown) => logger.error({ err: error }, `backfills stopped: ${describeError(error)}`));
  return {
    finished,
    stop: () => {
      stopping = true;
    },
  };
}
