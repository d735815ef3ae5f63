import cron from "node-cron";

export type SourceHealth = "ok" | "stale" | "failing" | "never_run" | "disabled";

export interface SourceHealthInput {
  enabled: boolean;
  schedule: string;
  timezone: string;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
}

/** Time between two scheduled runs, from the pattern; null for an invalid pattern. */
export function schedulePeriodMs(schedule: string, timezone: string): number | null {
  if (!cron.validate(schedule)) return null;
  const task = cron.createTask(schedule, () => {}, { timezone });
  const [a, b] = task.getNextRuns(2);
  void task.destroy();
  return a && b ? b.getTime() - a.getTime() : null;
}

/**
 * Health of a source: disabled; never run; failing (its last run failed); stale (no success for
 * more than two schedule periods, so a silent gap shows); else ok.
 */
export function sourceHealth(source: SourceHealthInput, now: Date): SourceHealth {
  if (!source.enabled) return "disabled";
  if (!source.lastRunAt) return "never_run";
  if (source.consecutiveFailures > 0) return "failing";
  const period = schedulePeriodMs(source.schedule, source.timezone);
  if (!source.lastSuccessAt || (period !== null && now.getTime() - source.lastSuccessAt.getTime() > 2 * period)) return "stale";
  return "ok";
}
