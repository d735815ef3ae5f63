import type { DeliveryOutcome } from "../../db/queries/webhook-deliveries.js";
import type { OutboundResult } from "./outbound.js";
import { type RetryPolicy, retryAfterMs, retryDelayMs } from "./retry-schedule.js";

/** What one attempt means for its delivery and for its webhook. */
export interface AttemptDecision {
  delivery: DeliveryOutcome;
  /** Whether the endpoint accepted; `disable` when it asked never to be called again (410). */
  endpoint: { accepted: true } | { accepted: false; disable?: string };
}

/** Longest part of an answer's body quoted in `lastError`. */
const EXCERPT_CHARS = 200;

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

/** Why an attempt failed, in one line, and the status when there was an answer. */
function describeFailure(result: OutboundResult): string {
  switch (result.kind) {
    case "response": {
      if (result.status >= 300 && result.status < 400) {
        const location = headerOf(result.headers, "location");
        return `HTTP ${result.status}: redirects are not followed${location ? ` (Location: ${location})` : ""}`;
      }
      const body = excerpt(result.bodyExcerpt);
      return `HTTP ${result.status}${body ? `: ${body}` : ""}`;
    }
    case "too_large":
      return `HTTP ${result.status}: ${result.message}`;
    case "timeout":
      return `timeout: ${result.message}`;
    case "refused":
      return `refused: ${result.message}`;
    case "network":
      return `network error: ${result.message}`;
  }
}

/**
 * Decide what an attempt comes to (Standard Webhooks): only a 2xx answer delivers; 410 Gone fails
 * the delivery and disables the webhook at once; 429 and 503 wait for `Retry-After` when the
 * answer gives one; anything else (3xx included: redirects are not followed, a timeout, a network
 * error, an address refused at connect time) is retried on the schedule until it runs out.
 */
export function decideAttemptOutcome(
  result: OutboundResult,
  attempt: { attemptsMade: number; at: Date },
  policy: RetryPolicy,
  random: () => number,
): AttemptDecision {
  const status = result.kind === "response" || result.kind === "too_large" ? result.status : null;
  if (status !== null && status >= 200 && status < 300) {
    return { delivery: { status: "delivered", nextAttemptAt: null, responseStatus: status, lastError: null }, endpoint: { accepted: true } };
  }
  if (status === 410) {
    return {
      delivery: { status: "failed", nextAttemptAt: null, responseStatus: 410, lastError: "HTTP 410 Gone: the endpoint asked not to be called again" },
      endpoint: { accepted: false, disable: `The endpoint answered 410 Gone on ${attempt.at.toISOString()}; no more deliveries are made.` },
    };
  }
  const error = describeFailure(result);
  const retryAfter =
    result.kind === "response" && (status === 429 || status === 503) ? retryAfterMs(headerOf(result.headers, "retry-after"), attempt.at, policy.maxRetryAfterMs) : undefined;
  const scheduled = retryDelayMs(policy, attempt.attemptsMade, random);
  if (scheduled === null) {
    return {
      delivery: { status: "failed", nextAttemptAt: null, responseStatus: status, lastError: `${error} (gave up after ${attempt.attemptsMade} attempts)` },
      endpoint: { accepted: false },
    };
  }
  const delay = retryAfter ?? scheduled;
  return {
    delivery: { status: "pending", nextAttemptAt: new Date(attempt.at.getTime() + delay), responseStatus: status, lastError: error },
    endpoint: { accepted: false },
  };
}
