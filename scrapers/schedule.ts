import { CronExpressionParser } from "cron-parser";
import cron, { type Logger as CronLogger, type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { type ClaimHow, type FireKey, type FireOutcome, lapsedClaims, latestFires } from "../db/queries/schedule-claims.js";
import { DEFAULT_TIMEZONE } from "../schema/source-health.js";
import type { FireClaims } from "./fire-claims.js";
import type { SourceDefinition } from "./source.js";

/** A scheduled fire of a source that this process is to run. */
export interface ScheduledFire extends FireKey {
  how: ClaimHow;
}

export interface Scheduler {
  /** Enabled sources with the time of their next run. */
  nextRuns(): { sourceId: string; nextRun: Date | null }[];
  /** Take over lapsed claims and catch up missed fires now (it also happens every `sweepMs`). */
  sweep(): Promise<void>;
  /**
   * Stop every task and the sweeps, and wait up to `graceMs` for the runs in progress; the claims
   * of runs still going then are released, so another worker (or the next start) runs those fires.
   */
  stop(options?: { graceMs?: number }): Promise<{ abandoned: FireKey[] }>;
}

export interface SchedulerOptions {
  sources: readonly SourceDefinition[];
  /** Run a fire; resolves "busy" when the source was already being run (the fire is skipped). */
  run: (source: SourceDefinition, fire: ScheduledFire) => Promise<FireOutcome | undefined | void>;
  logger: Logger;
  /** The database the claims live in, and this process's claims on it. */
  db: Database;
  claims: FireClaims;
  /** How often to look for lapsed claims and missed fires (default 30 s). */
  sweepMs?: number;
  /** A fire counts as missed when it is this long past and nobody claimed it (default 60 s). */
  catchUpAfterMs?: number;
  clock?: () => Date;
}

export class ScheduleError extends Error {
  override name = "ScheduleError";
}

/** The latest fire of a schedule at or before `at`, or null when it has none. */
export function previousFire(schedule: string, timezone: string, at: Date): Date | null {
  try {
    return CronExpressionParser.parse(schedule, { currentDate: new Date(at.getTime() + 1), tz: timezone }).prev().toDate();
  } catch {
    return null;
  }
}

/**
 * One node-cron task per enabled source, in the source's time zone, run by one process however
 * many run the scheduler against the same database: each task is `distributed`, and its run
 * coordinator claims the fire in schedule_claims (source, fire time) before running it, so the
 * first process to claim a fire runs it and the others skip it. A sweep (at start, then every
 * `sweepMs`) takes over fires whose claim lapsed unfinished (their process died) and runs the
 * latest fire a source missed while no scheduler ran, once. A source never runs twice at once in
 * this process; a busy source makes its next fire be skipped (and logged). A failing run is logged
 * and does not stop the schedule.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { logger, claims, db } = options;
  const clock = options.clock ?? (() => new Date());
  const sweepMs = options.sweepMs ?? 30_000;
  const catchUpAfterMs = options.catchUpAfterMs ?? 60_000;
  const enabled = options.sources.filter((source) => source.enabled);
  for (const source of enabled) {
    const check = cron.validateDetailed(source.schedule);
    if (!check.valid) {
      const reasons = check.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
      throw new ScheduleError(`source ${source.id}: invalid schedule "${source.schedule}" (${reasons})`);
    }
  }
  const byId = new Map(enabled.map((source) => [source.id, source]));
  const busy = new Set<string>();
  const inFlight = new Map<Promise<void>, FireKey>();
  let stopping = false;

  /** Run a claimed fire; its claim is finished when the run ends, whatever the outcome. */
  function runFire(source: SourceDefinition, fire: ScheduledFire): Promise<void> {
    busy.add(source.id);
    const running = (async () => {
      let outcome: FireOutcome = "ran";
      try {
        outcome = (await options.run(source, fire)) || "ran";
      } catch (error) {
        outcome = "failed";
        logger.error({ err: error, source: source.id, fireAt: fire.fireAt.toISOString() }, "scheduled run failed");
      } finally {
        busy.delete(source.id);
        await claims.finish(fire, outcome).catch((error: unknown) => logger.warn({ err: error, source: source.id }, "could not mark a scheduled fire as run"));
      }
    })();
    inFlight.set(running, fire);
    return running.finally(() => inFlight.delete(running));
  }

  const tasks = new Map<string, ScheduledTask>();
  for (const source of enabled) {
    const prefix = `${source.id}:`;
    const task = cron.schedule(
      source.schedule,
      (context) => runFire(source, { sourceId: source.id, fireAt: context.date, how: "schedule" }),
      {
        name: source.id,
        timezone: source.timezone ?? DEFAULT_TIMEZONE,
        noOverlap: true,
        distributed: true,
        distributedLease: claims.leaseMs,
        runCoordinator: {
          // node-cron's key is `<task name>:<fire time, ISO>`.
          shouldRun: async (key) => !stopping && !busy.has(source.id) && claims.claim({ sourceId: source.id, fireAt: new Date(key.slice(prefix.length)) }, "schedule"),
        },
        logger: cronLogger(logger.child({ source: source.id })),
      },
    );
    tasks.set(source.id, task);
  }

  let sweeping: Promise<void> | undefined;
  async function sweepOnce(): Promise<void> {
    const ids = [...byId.keys()];
    for (const fire of await lapsedClaims(db, ids)) {
      const source = byId.get(fire.sourceId);
      if (stopping || !source || busy.has(source.id)) continue;
      if (await claims.claim(fire, "takeover")) {
        logger.info({ source: source.id, fireAt: fire.fireAt.toISOString() }, "taking over a scheduled fire whose claim lapsed unfinished");
        void runFire(source, { ...fire, how: "takeover" });
      }
    }
    const latest = await latestFires(db, ids);
    const before = new Date(clock().getTime() - catchUpAfterMs);
    for (const [sourceId, last] of latest) {
      const source = byId.get(sourceId);
      if (stopping || !source || busy.has(sourceId)) continue;
      const missed = previousFire(source.schedule, source.timezone ?? DEFAULT_TIMEZONE, before);
      if (!missed || missed <= last) continue;
      const fire = { sourceId, fireAt: missed };
      if (await claims.claim(fire, "catch-up")) {
        logger.info({ source: sourceId, fireAt: missed.toISOString(), lastFire: last.toISOString() }, "catching up a scheduled fire missed while no scheduler ran");
        void runFire(source, { ...fire, how: "catch-up" });
      }
    }
  }
  const sweep = (): Promise<void> => {
    sweeping ??= sweepOnce()
      .catch((error: unknown) => logger.warn({ err: error }, "schedule sweep failed; retried at the next one"))
      .finally(() => {
        sweeping = undefined;
      });
    return sweeping;
  };
  const sweeper = setInterval(() => void sweep(), sweepMs);
  sweeper.unref();
  void sweep();

  logger.info({ sources: tasks.size, disabled: options.sources.length - enabled.length, worker: claims.worker }, "scheduler started");
  return {
    nextRuns: () => [...tasks].map(([sourceId, task]) => ({ sourceId, nextRun: task.getNextRun() })),
    sweep,
    stop: async ({ graceMs = Number.POSITIVE_INFINITY } = {}) => {
      stopping = true;
      clearInterval(sweeper);
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      await sweeping;
      const settled = Promise.all(inFlight.keys()).then(() => true);
      const inTime = Number.isFinite(graceMs) ? await Promise.race([settled, new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs).unref())]) : await settled;
      if (inTime) return { abandoned: [] };
      const abandoned = [...inFlight.values()];
      for (const fire of abandoned) await claims.release(fire).catch((error: unknown) => logger.warn({ err: error, source: fire.sourceId }, "could not release the claim on a scheduled fire"));
      return { abandoned };
    },
  };
}

/** node-cron's own messages (overlaps, missed runs, skipped fires) go to our logger instead of the console. */
function cronLogger(logger: Logger): CronLogger {
  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, err) => logger.error({ err: err ?? message }, String(message)),
    debug: (message, err) => logger.debug({ err }, String(message)),
  };
}
