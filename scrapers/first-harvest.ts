import { type HarvestRecord, readHarvestRecord, SourceBusyError } from "../db/queries/scrape-runs.js";
import type { HarvestProgress } from "../schema/harvest.js";
import type { HarvestMonitor } from "./harvest-progress.js";
import { describeError } from "./run-errors.js";
import { type RunDeps, runSource } from "./run-source.js";
import type { SourceDefinition } from "./source.js";

/**
 * The first harvest: a service that opens a database in which it never collected runs every
 * enabled source once, in the background, instead of serving nothing until each source's first
 * scheduled night. What counts is recorded in `scrape_runs` only, so a restart resumes it:
 *
 * - it begins when the scheduler has never run a source here and no harvest has begun;
 * - while one has begun (a run of trigger `harvest` exists), every start runs the enabled sources
 *   not yet harvested: without a finished run of any trigger but `reprocess`, whatever its
 *   outcome, that a killed process did not cut short (`interrupted`);
 * - a source tried with `vangnet scrape` before, or run by its schedule during the harvest, is
 *   not fetched twice.
 */
export interface FirstHarvest {
  /** Whether the harvest's run of this source is in progress (its scheduled fire is then skipped). */
  isRunning(sourceId: string): boolean;
  /** Settles when every source of the harvest had its run, or after `stop()`. */
  readonly finished: Promise<void>;
  /** Start no more runs and wait for those in progress to end. */
  stop(): Promise<void>;
}

export interface FirstHarvestOptions {
  /** The configured sources; the enabled ones are harvested. */
  sources: readonly SourceDefinition[];
  deps: RunDeps;
  /** Most runs at once; never two on one host, where the fetcher's spacing would make them wait anyway. */
  concurrency: number;
  monitor: HarvestMonitor;
  /** Called after each run of the harvest with the progress it made (the API drops its cached answers). */
  afterRun?: (progress: HarvestProgress) => void;
}

/** The enabled sources the first harvest still has to run; none when no harvest is due here. */
export function sourcesToHarvest(record: HarvestRecord, sources: readonly SourceDefinition[]): SourceDefinition[] {
  // A database that was collecting on schedule before first harvests existed is not harvested.
  if (record.startedAt === null && record.scheduled) return [];
  return sources.filter((source) => source.enabled && !record.harvested.has(source.id));
}

/** Host of a source's start URL: runs on one host at once would share its request spacing. */
function hostOf(source: SourceDefinition): string {
  try {
    return new URL(source.startUrl).host;
  } catch {
    return source.startUrl;
  }
}

/**
 * Begin (or resume) the first harvest when one is due, in the background; null when none is.
 * The sources run in their configured order, at most `concurrency` at once and one per host.
 */
export async function startFirstHarvest(options: FirstHarvestOptions): Promise<FirstHarvest | null> {
  const { deps, monitor } = options;
  const enabled = options.sources.filter((source) => source.enabled);
  const record = await readHarvestRecord(deps.db, enabled.map((source) => source.id));
  const queue = sourcesToHarvest(record, enabled);
  if (queue.length === 0) {
    await monitor.refresh();
    return null;
  }
  const logger = deps.logger.child({ harvest: "first" });
  monitor.setHarvesting(true);
  await monitor.refresh();
  logger.info(
    { sources: queue.length, harvested: enabled.length - queue.length, total: enabled.length, concurrency: options.concurrency },
    record.startedAt === null ? "first harvest: every source runs once now" : "first harvest resumed: the sources not harvested yet run now",
  );

  const running = new Map<string, string>();
  const inProgress = new Set<Promise<void>>();
  let stopping = false;
  const readProgress = () =>
    monitor.refresh().catch((error: unknown) => {
      logger.warn({ err: error }, "first harvest: its progress could not be read");
      return monitor.current();
    });

  const harvestOne = async (source: SourceDefinition) => {
    try {
      await runSource(source, deps, { trigger: "harvest" });
    } catch (error) {
      // Its schedule or a `vangnet scrape` runs it right now: that run counts once it ends.
      if (error instanceof SourceBusyError) logger.debug({ source: source.id }, error.message);
      else logger.error({ source: source.id, err: error }, `first harvest: the run of ${source.id} could not start: ${describeError(error)}`);
    }
    const progress = await readProgress();
    options.afterRun?.(progress);
    logger.info({ done: progress.sourcesDone, total: progress.sourcesTotal }, `first harvest: ${progress.sourcesDone} of ${progress.sourcesTotal} sources`);
  };

  const finished = (async () => {
    for (;;) {
      while (!stopping && inProgress.size < options.concurrency) {
        const busyHosts = new Set(running.values());
        const next = queue.findIndex((source) => !busyHosts.has(hostOf(source)));
        if (next < 0) break;
        const [source] = queue.splice(next, 1) as [SourceDefinition];
        running.set(source.id, hostOf(source));
        const run: Promise<void> = harvestOne(source).finally(() => {
          running.delete(source.id);
          inProgress.delete(run);
        });
        inProgress.add(run);
      }
      if (inProgress.size === 0) break;
      await Promise.race(inProgress);
    }
    monitor.setHarvesting(false);
    const progress = await readProgress();
    const counts = { done: progress.sourcesDone, total: progress.sourcesTotal };
    if (queue.length > 0) logger.info(counts, `first harvest paused at ${counts.done} of ${counts.total} sources; the others run at the next start`);
    else logger.info(counts, `first harvest finished: ${counts.done} of ${counts.total} sources harvested`);
  })();

  return {
    isRunning: (sourceId) => running.has(sourceId),
    finished,
    stop: async () => {
      stopping = true;
      if (inProgress.size > 0) logger.info({ runs: inProgress.size }, "first harvest: waiting for the runs in progress to end");
      await finished;
    },
  };
}
