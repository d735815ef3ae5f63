const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delays before each retry: the Standard Webhooks schedule (immediately, 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h) extended with 10-hour steps to about three days: the twelfth and last
 * attempt comes 67.6 hours after the first.
 */
export const STANDARD_RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR];

export interface RetryPolicy {
  /** Delay before retry n (index n − 1); the first attempt is immediate, and after the last entry the delivery fails. */
  delaysMs: readonly number[];
  /** Each delay is stretched or shrunk by up to this fraction at random, so retries of many deliveries spread out. */
  jitter: number;
  /** Longest `Retry-After` honoured; a longer one is cut to this. */
  maxRetryAfterMs: number;
  /** A webhook whose deliveries have failed without a success for this long is disabled. */
  disableAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  delaysMs: STANDARD_RETRY_DELAYS_MS,
  jitter: 0.1,
  maxRetryAfterMs: 10 * HOUR,
  disableAfterMs: 3 * 24 * HOUR,
};

/**
 * The delay before the next attempt after `attemptsMade` failed ones, with jitter; null when the
 * schedule has run out. `random` is in [0, 1).
 */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number, random: () => number): number | null {
  const base = policy.delaysMs[attemptsMade - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + policy.jitter * (2 * random() - 1)));
}

/**
 * `Retry-After` in milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3),
 * bounded to [0, maxMs]; undefined when absent or unreadable.
 */
export function retryAfterMs(value: string | undefined, now: Date, maxMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * SECOND;
  else {
    // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) begins with the day's name.
    const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), maxMs);
}
