import type { HealthTransition } from "../db/queries/sources.js";
import type { SourceDefinition } from "./source.js";

/** `source.failing` when a source that worked fails; `source.recovered` when a failing one works again. */
export type HealthAlertType = "source.failing" | "source.recovered";

export interface HealthAlert {
  type: HealthAlertType;
  source: Pick<SourceDefinition, "id" | "name" | "kind" | "startUrl" | "municipalityNis">;
  runId: number;
  at: Date;
  consecutiveFailures: number;
  /** The failing run's first error; null on recovery. */
  error: string | null;
}

/** Tells the operator when sources start failing or recover; `drain()` waits for the alerts in flight. */
export interface HealthAlerts {
  notify(alert: HealthAlert): void;
  drain(): Promise<void>;
}

/** The alert a run's health transition calls for, if any. */
export function alertTypeOf(transition: HealthTransition): HealthAlertType | null {
  if (transition.failuresBefore === 0 && transition.failuresAfter > 0) return "source.failing";
  if (transition.failuresBefore > 0 && transition.failuresAfter === 0) return "source.recovered";
  return null;
}

/** The JSON body: `{ type, timestamp, data }` as Standard Webhooks suggests, like the change webhooks. */
export function healthAlertBody(alert: HealthAlert): string {
  const { source } = alert;
  return JSON.stringify({
    type: alert.type,
    timestamp: alert.at.toISOString(),
    data: {
      sourceId: source.id,
      name: source.name,
      kind: source.kind,
      startUrl: source.startUrl,
      municipalityNis: source.municipalityNis,
      runId: alert.runId,
      consecutiveFailures: alert.consecutiveFailures,
      error: alert.error,
    },
  });
}
