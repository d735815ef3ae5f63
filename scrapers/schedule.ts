import cron, { type Logger as CronLogger, type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import { DEFAULT_TIMEZONE } from "../schema/source-health.js";
import type { SourceDefinition } from "./source.js";

export interface Scheduler {
  /** Enabled sources with the time of their next run. */
  nextRuns(): { sourceId: string; nextRun: Date | null }[];
  /** Stop every task and wait for runs in progress to finish. */
  stop(): Promise<void>;
}

export class ScheduleError extends Error {
  override name = "ScheduleError";
}

/**
 * One node-cron task per enabled source, in the source's time zone, never overlapping itself: a
 * run still busy when the next one is due makes that next one be skipped (and logged). A failing
 * run is logged and does not stop the schedule.
 */
export function createScheduler(options: {
  sources: readonly SourceDefinition[];
  run: (source: SourceDefinition) => Promise<void>;
  logger: Logger;
}): Scheduler {
  const { logger } = options;
  const enabled = options.sources.filter((source) => source.enabled);
  for (const source of enabled) {
    const check = cron.validateDetailed(source.schedule);
    if (!check.valid) {
      const reasons = check.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
      throw new ScheduleError(`source ${source.id}: invalid schedule "${source.schedule}" (${reasons})`);
    }
  }
  const inFlight = new Set<Promise<void>>();
  const tasks = new Map<string, ScheduledTask>();
  for (const source of enabled) {
    const task = cron.schedule(
      source.schedule,
      async () => {
        const running = options.run(source).catch((error: unknown) => {
          logger.error({ err: error, source: source.id }, "scheduled run failed");
        });
        inFlight.add(running);
        await running;
        inFlight.delete(running);
      },
      {
        name: source.id,
        timezone: source.timezone ?? DEFAULT_TIMEZONE,
        noOverlap: true,
        logger: cronLogger(logger.child({ source: source.id })),
      },
    );
    tasks.set(source.id, task);
  }
  logger.info({ sources: tasks.size, disabled: options.sources.length - enabled.length }, "scheduler started");
  return {
    nextRuns: () => [...tasks].map(([sourceId, task]) => ({ sourceId, nextRun: task.getNextRun() })),
    stop: async () => {
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      await Promise.all(inFlight);
    },
  };
}

/** node-cron's own messages (overlaps, missed runs) go to our logger instead of the console. */
function cronLogger(logger: Logger): CronLogger {
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, err) => logger.error({ err: err ?? message }, String(message)),
    debug: (message, err) => logger.debug({ err }, String(message)),
  };
}
