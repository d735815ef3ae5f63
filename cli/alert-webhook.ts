import type { Logger } from "pino";
import { postOutbound } from "../api/webhooks/outbound.js";
import { signedMessageHeaders } from "../api/webhooks/webhook-secret.js";
import { type HealthAlert, type HealthAlerts, healthAlertBody } from "../scrapers/health-alerts.js";

export interface HealthAlertOptions {
  url: string;
  /** `whsec_…`: the Standard Webhooks secret the receiver verifies with. */
  secret: string;
  userAgent: string;
  logger: Logger;
  timeoutMs?: number;
  /** Waits before the second and later attempts; the alert is dropped (and logged) after the last. */
  retryDelaysMs?: readonly number[];
}

// The operator configures this URL: private addresses (an Alertmanager on the same network) are allowed.
const OPERATOR_POLICY = { allowNetworks: ["0.0.0.0/0", "::/0"] };

/**
 * Alerts sent in the background, each signed (webhook-id `alert_<run>_<type>`, stable across
 * retries so that a receiver can drop a repeat) and retried a few times on a network error or a
 * non-2xx answer. They never hold up or fail a run.
 */
export function createHealthAlerts(options: HealthAlertOptions): HealthAlerts {
  const delays = options.retryDelaysMs ?? [2_000, 10_000, 60_000];
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      stopping.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const send = async (alert: HealthAlert) => {
    const body = healthAlertBody(alert);
    const messageId = `alert_${alert.runId}_${alert.type.replace("source.", "")}`;
    const logger = options.logger.child({ alert: alert.type, source: alert.source.id });
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await pause(delays[attempt - 1] ?? 0);
      if (attempt > 0 && stopping.signal.aborted) break;
      const sentAt = new Date();
      const result = await postOutbound(
        {
          url: options.url,
          headers: signedMessageHeaders([options.secret], messageId, sentAt, body),
          body,
          timeoutMs: options.timeoutMs ?? 10_000,
          maxResponseBytes: 4_096,
          userAgent: options.userAgent,
        },
        OPERATOR_POLICY,
      );
      if (result.kind === "response" && result.status >= 200 && result.status < 300) {
        logger.info({ attempt: attempt + 1 }, "health alert delivered");
        return;
      }
      const why = result.kind === "response" ? `answered ${result.status}` : `${result.kind}: ${result.message}`;
      logger.warn({ attempt: attempt + 1 }, `health alert not delivered (${why})`);
    }
    logger.error(stopping.signal.aborted ? "health alert dropped: the process is stopping" : "health alert dropped after its last attempt");
  };

  return {
    notify(alert) {
      const sending: Promise<void> = send(alert)
        .catch((error: unknown) => options.logger.error({ err: error }, "health alert failed"))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async drain() {
      // The attempt in flight ends (within its timeout); no retry starts after this.
      stopping.abort();
      await Promise.all(inFlight);
    },
  };
}
