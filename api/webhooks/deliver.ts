import type { Database } from "../../db/client.js";
import type { ChangeRow } from "../../db/queries/change-log.js";
import { type ClaimedDelivery, recordDeliveryOutcome } from "../../db/queries/webhook-deliveries.js";
import { disableWebhookSubscription, recordWebhookFailure, recordWebhookSuccess } from "../../db/queries/webhook-subscriptions.js";
import { presentChangeJson } from "../changes/change-json.js";
import { type AttemptDecision, decideAttemptOutcome } from "./attempt-outcome.js";
import { type OutboundPolicy, postOutbound } from "./outbound.js";
import type { RetryPolicy } from "./retry-schedule.js";
import { webhookMessageId } from "./webhook-ids.js";
import { signingSecretsOf, signWebhookMessage } from "./webhook-secret.js";

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

/** What an attempt came to, for logs and measurements. */
export interface AttemptReport {
  messageId: string;
  decision: AttemptDecision;
  /** False when the lease had passed to another worker, so nothing was recorded. */
  recorded: boolean;
  elapsedMs: number;
}

/** The body of a delivery (Standard Webhooks): the event as `type`, when it happened, and the change. */
export function webhookBodyOf(change: ChangeRow): string {
  return JSON.stringify({ type: change.event, timestamp: new Date(change.occurredAt).toISOString(), data: presentChangeJson(change) });
}

/**
 * One attempt of a claimed delivery: sign and POST the change (postOutbound checks the resolved
 * address and never follows a redirect), decide what the answer means, and record it with the
 * webhook's health in one transaction. A webhook failing for longer than `disableAfterMs` since
 * its last success is disabled with the reason.
 */
export async function attemptDelivery(claim: ClaimedDelivery, deps: DeliverDeps): Promise<AttemptReport> {
  const { delivery, subscription, change } = claim;
  const messageId = webhookMessageId(subscription.id, change.seq);
  const body = webhookBodyOf(change);
  const sentAt = deps.clock();
  const started = performance.now();
  const result = await postOutbound(
    {
      url: subscription.url,
      headers: {
        "content-type": "application/json",
        "webhook-id": messageId,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signWebhookMessage(signingSecretsOf(subscription, sentAt), messageId, sentAt, body),
      },
      body,
      timeoutMs: deps.timeoutMs,
      maxResponseBytes: deps.maxResponseBytes,
      userAgent: deps.userAgent,
    },
    deps.policy,
  );
  const at = deps.clock();
  const decision = decideAttemptOutcome(result, { attemptsMade: delivery.attempts, at }, deps.retry, deps.random);
  const recorded = await deps.db.transaction(async (tx) => {
    if (!(await recordDeliveryOutcome(tx, { id: delivery.id, attempts: delivery.attempts }, decision.delivery, at))) return false;
    if (decision.endpoint.accepted) {
      await recordWebhookSuccess(tx, subscription.id, at);
      return true;
    }
    const webhook = await recordWebhookFailure(tx, subscription.id, at);
    let disable = decision.endpoint.disable;
    if (!disable && webhook?.failingSince && at.getTime() - webhook.failingSince.getTime() >= deps.retry.disableAfterMs) {
      disable =
        `Deliveries have failed since ${webhook.failingSince.toISOString()} without a success ` +
        `(${webhook.consecutiveFailures} failed attempts in a row); last error: ${decision.delivery.lastError}`;
    }
    if (disable) await disableWebhookSubscription(tx, subscription.id, disable, at);
    return true;
  });
  return { messageId, decision, recorded, elapsedMs: performance.now() - started };
}
