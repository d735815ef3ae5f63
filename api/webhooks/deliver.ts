import type { Database } from "../../db/client.js";
import type { ChangeRow } from "../../db/queries/change-log.js";
import { type ClaimedDelivery, recordDeliveryOutcomes } from "../../db/queries/webhook-deliveries.js";
import { disableWebhookSubscription, recordWebhookAttempts } from "../../db/queries/webhook-subscriptions.js";
import { presentChangeJson } from "../changes/change-json.js";
import { type AttemptDecision, decideAttemptOutcome } from "./attempt-outcome.js";
import { type OutboundPolicy, postOutbound } from "./outbound.js";
import type { RetryPolicy } from "./retry-schedule.js";
import { webhookMessageId } from "./webhook-ids.js";
import { signedMessageHeaders, signingSecretsOf } from "./webhook-secret.js";

export interface DeliverDeps {
  db: Database;
  policy: OutboundPolicy;
  retry: RetryPolicy;
  clock: () => Date;
  random: () => number;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
}

/** An attempt made, not yet recorded. */
export interface SentAttempt {
  claim: ClaimedDelivery;
  /** The `webhook-id` it carried. */
  messageId: string;
  decision: AttemptDecision;
  /** When the attempt ended. */
  at: Date;
  /** Signing and the POST, answer included. */
  elapsedMs: number;
}

/** What an attempt came to, for logs and measurements. */
export interface AttemptReport extends SentAttempt {
  /** False when the lease had passed to another worker (or the webhook was deleted), so nothing was recorded. */
  recorded: boolean;
}

/** The body of a delivery (Standard Webhooks): the event as `type`, when it happened, and the change. */
export function webhookBodyOf(change: ChangeRow): string {
  return JSON.stringify({ type: change.event, timestamp: new Date(change.occurredAt).toISOString(), data: presentChangeJson(change) });
}

/**
 * One attempt of a claimed delivery: sign and POST the change (postOutbound checks the resolved
 * address and never follows a redirect) and decide what the answer means.
 */
export async function sendDeliveryAttempt(claim: ClaimedDelivery, deps: DeliverDeps): Promise<SentAttempt> {
  const { delivery, subscription, change } = claim;
  const messageId = webhookMessageId(subscription.id, change.seq);
  const body = webhookBodyOf(change);
  const sentAt = deps.clock();
  const started = performance.now();
  const result = await postOutbound(
    {
      url: subscription.url,
      headers: signedMessageHeaders(signingSecretsOf(subscription, sentAt), messageId, sentAt, body),
      body,
      timeoutMs: deps.timeoutMs,
      maxResponseBytes: deps.maxResponseBytes,
      userAgent: deps.userAgent,
    },
    deps.policy,
  );
  const at = deps.clock();
  const decision = decideAttemptOutcome(result, { attemptsMade: delivery.attempts, at }, deps.retry, deps.random);
  return { claim, messageId, decision, at, elapsedMs: performance.now() - started };
}

/** Why a webhook whose deliveries keep failing is disabled. */
function failingReason(failingSince: Date, failures: number, lastError: string | null): string {
  return `Deliveries have failed since ${failingSince.toISOString()} without a success (${failures} failed attempts in a row); last error: ${lastError}`;
}

/**
 * Record attempts in one transaction (the dispatcher groups those that end while the previous
 * group is being written): each delivery's outcome, fenced by its lease, then each webhook's
 * health. A webhook that answered 410, or whose deliveries have failed without a success for
 * `disableAfterMs`, is disabled with the reason. Returns, in order, whether each was recorded.
 */
export async function recordDeliveryAttempts(db: Database, attempts: readonly SentAttempt[], retry: RetryPolicy): Promise<boolean[]> {
  if (attempts.length === 0) return [];
  return db.transaction(async (tx) => {
    const recorded = await recordDeliveryOutcomes(
      tx,
      attempts.map((a) => ({ id: a.claim.delivery.id, attempts: a.claim.delivery.attempts, outcome: a.decision.delivery, at: a.at })),
    );
    const bySubscription = new Map<number, SentAttempt[]>();
    for (const attempt of attempts) {
      if (!recorded.has(attempt.claim.delivery.id)) continue;
      const list = bySubscription.get(attempt.claim.subscription.id) ?? [];
      list.push(attempt);
      bySubscription.set(attempt.claim.subscription.id, list);
    }
    for (const [id, list] of [...bySubscription].sort(([a], [b]) => a - b)) {
      list.sort((a, b) => a.at.getTime() - b.at.getTime());
      let lastSuccessAt: Date | null = null;
      let failures: SentAttempt[] = [];
      let gone: SentAttempt | undefined;
      for (const attempt of list) {
        if (attempt.decision.endpoint.accepted) {
          lastSuccessAt = attempt.at;
          failures = [];
        } else {
          failures.push(attempt);
          if (attempt.decision.endpoint.disable) gone ??= attempt;
        }
      }
      const lastAt = (list.at(-1) as SentAttempt).at;
      const webhook = await recordWebhookAttempts(tx, id, { lastAt, lastSuccessAt, failuresSinceSuccess: failures.length, firstFailureSinceSuccess: failures[0]?.at ?? null });
      if (gone && !gone.decision.endpoint.accepted && gone.decision.endpoint.disable) {
        await disableWebhookSubscription(tx, id, gone.decision.endpoint.disable, gone.at);
      } else if (failures.length > 0 && webhook?.failingSince && lastAt.getTime() - webhook.failingSince.getTime() >= retry.disableAfterMs) {
        await disableWebhookSubscription(tx, id, failingReason(webhook.failingSince, webhook.consecutiveFailures, (failures.at(-1) as SentAttempt).decision.delivery.lastError), lastAt);
      }
    }
    return attempts.map((a) => recorded.has(a.claim.delivery.id));
  });
}

/** Send one attempt and record it on its own. */
export async function attemptDelivery(claim: ClaimedDelivery, deps: DeliverDeps): Promise<AttemptReport> {
  const sent = await sendDeliveryAttempt(claim, deps);
  const [recorded = false] = await recordDeliveryAttempts(deps.db, [sent], deps.retry);
  return { ...sent, recorded };
}
