import cron from "node-cron";

/** Time zone of a source's schedule unless it says otherwise. */
export const DEFAULT_TIMEZONE = "Europe/Brussels";

export type SourceHealth = "ok" | "stale" | "failing" | "never_run" | "disabled";

export interface SourceHealthInput {
  enabled: boolean;
  schedule: string;
  timezone: string;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  /** End of the last run that stored a new document; absent where the caller does not know it. */
  lastNewDocumentAt?: Date | null;
  /** The usual time between two runs that found new documents, in seconds (the source's rhythm). */
  newDocumentGapS?: number | null;
  /** How many gaps that rhythm was measured on. */
  newDocumentGaps?: number;
}

/** Gaps a rhythm needs before a quiet source can be called stale by it. */
const RHYTHM_MIN_GAPS = 3;
/** A source is quiet for longer than usual after this many of its usual gaps. */
const RHYTHM_FACTOR = 4;

const periods = new Map<string, number | null>();

/**
 * Time between two scheduled runs, from the pattern; null for an invalid pattern. Remembered per
 * pattern and time zone: the API asks it for every source on every `sources` request.
 */
export function schedulePeriodMs(schedule: string, timezone: string): number | null {
  const key = `${timezone} ${schedule}`;
  if (periods.has(key)) return periods.get(key) ?? null;
  let period: number | null = null;
  if (cron.validate(schedule)) {
    const task = cron.createTask(schedule, () => {}, { timezone });
    const [a, b] = task.getNextRuns(2);
    void task.destroy();
    period = a && b ? b.getTime() - a.getTime() : null;
  }
  if (periods.size > 10_000) periods.clear();
  periods.set(key, period);
  return period;
}

/** When a schedule fires next, without scheduling anything (for listings). */
export function nextRunOf(schedule: string, timezone = DEFAULT_TIMEZONE): Date | null {
  if (!cron.validate(schedule)) return null;
  const task = cron.createTask(schedule, () => {}, { timezone });
  // getNextRun() answers only for started tasks; getNextRuns() computes from the pattern.
  const [next] = task.getNextRuns(1);
  void task.destroy();
  return next ?? null;
}

/**
 * How long a source may go without a new document before it is stale: four of its usual gaps
 * between runs that found new documents, and never less than two schedule periods; null while
 * its rhythm is not known (fewer than three gaps measured).
 */
export function quietLimitMs(source: SourceHealthInput): number | null {
  if (!source.newDocumentGapS || (source.newDocumentGaps ?? 0) < RHYTHM_MIN_GAPS) return null;
  const period = schedulePeriodMs(source.schedule, source.timezone) ?? 0;
  return Math.max(RHYTHM_FACTOR * source.newDocumentGapS * 1000, 2 * period);
}

/**
 * Health of a source: disabled; never run; failing (its last run failed); stale (no success for
 * more than two schedule periods, so a silent gap shows, or runs that succeed but have found no
 * new document for much longer than the source's rhythm: a site that moved its publications
 * elsewhere); else ok.
 */
export function sourceHealth(source: SourceHealthInput, now: Date): SourceHealth {
  if (!source.enabled) return "disabled";
  if (!source.lastRunAt) return "never_run";
  if (source.consecutiveFailures > 0) return "failing";
  const period = schedulePeriodMs(source.schedule, source.timezone);
  if (!source.lastSuccessAt || (period !== null && now.getTime() - source.lastSuccessAt.getTime() > 2 * period)) return "stale";
  const quietLimit = quietLimitMs(source);
  if (quietLimit !== null && source.lastNewDocumentAt && now.getTime() - source.lastNewDocumentAt.getTime() > quietLimit) return "stale";
  return "ok";
}
