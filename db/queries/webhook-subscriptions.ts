import { and, asc, count, eq, isNull, lt, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { apiKeys } from "../tables/api-keys.js";
import { webhookSubscriptions } from "../tables/webhooks.js";
import { latestChangeSeq } from "./change-log.js";

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;

export interface NewWebhookSubscription {
  apiKeyId: number;
  url: string;
  secret: string;
  description: string | null;
  /** The owner's `ChangeFilter` input, already checked. */
  filter: Record<string, unknown>;
}

/**
 * Store a webhook for a key, unless the key already has `maxPerKey`. The key's row is locked
 * first, so two creations at once cannot both pass the count. The watermark starts at the change
 * log's head: a new webhook receives the changes committed after its creation, not the history.
 */
export async function createWebhookSubscription(
  db: Database,
  input: NewWebhookSubscription,
  limits: { maxPerKey: number },
): Promise<{ row: WebhookSubscriptionRow } | { limitReached: number }> {
  return db.transaction(async (tx) => {
    await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, input.apiKeyId)).for("update");
    const [existing] = await tx.select({ n: count() }).from(webhookSubscriptions).where(eq(webhookSubscriptions.apiKeyId, input.apiKeyId));
    if ((existing?.n ?? 0) >= limits.maxPerKey) return { limitReached: limits.maxPerKey };
    const lastSeq = await latestChangeSeq(tx);
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({ apiKeyId: input.apiKeyId, url: input.url, secret: input.secret, description: input.description, filter: input.filter, lastSeq })
      .returning();
    if (!row) throw new Error("webhook_subscriptions insert returned no row");
    return { row };
  });
}

/** A key's webhooks, oldest first. */
export function listWebhookSubscriptionsOfKey(db: Database, apiKeyId: number): Promise<WebhookSubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.apiKeyId, apiKeyId)).orderBy(asc(webhookSubscriptions.id));
}

/** A webhook when it belongs to this key; null for another key's webhook as for none at all. */
export async function findWebhookSubscriptionOfKey(db: Database, apiKeyId: number, id: number): Promise<WebhookSubscriptionRow | null> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.apiKeyId, apiKeyId)));
  return row ?? null;
}

/** Delete a key's webhook and (by cascade) its deliveries; null when the key has no such webhook. */
export async function deleteWebhookSubscriptionOfKey(db: Database, apiKeyId: number, id: number): Promise<WebhookSubscriptionRow | null> {
  const [row] = await db
    .delete(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.apiKeyId, apiKeyId)))
    .returning();
  return row ?? null;
}

/**
 * Replace a key's webhook secret; the one it replaces keeps signing until `previousUntil`. A
 * rotation within the grace period of the one before drops the oldest secret: two at most.
 */
export async function rotateWebhookSecretOfKey(
  db: Database,
  apiKeyId: number,
  id: number,
  rotation: { secret: string; previousUntil: Date },
): Promise<WebhookSubscriptionRow | null> {
  const [row] = await db
    .update(webhookSubscriptions)
    .set({ previousSecret: sql`${webhookSubscriptions.secret}`, previousSecretExpiresAt: rotation.previousUntil, secret: rotation.secret })
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.apiKeyId, apiKeyId)))
    .returning();
  return row ?? null;
}

/**
 * Inside the enqueuer's transaction: active webhooks of unrevoked keys whose watermark is behind
 * the change log's head, locked with SKIP LOCKED so that two workers never enqueue for the same
 * webhook at once (the unique (subscription, change) key backs this up).
 */
export function claimWebhooksBehind(tx: Transaction, options: { headSeq: number; limit: number }): Promise<WebhookSubscriptionRow[]> {
  return tx
    .select({ subscription: webhookSubscriptions })
    .from(webhookSubscriptions)
    .innerJoin(apiKeys, and(eq(apiKeys.id, webhookSubscriptions.apiKeyId), isNull(apiKeys.revokedAt)))
    .where(and(eq(webhookSubscriptions.active, true), lt(webhookSubscriptions.lastSeq, options.headSeq)))
    .orderBy(asc(webhookSubscriptions.lastSeq), asc(webhookSubscriptions.id))
    .limit(options.limit)
    .for("update", { of: webhookSubscriptions, skipLocked: true })
    .then((rows) => rows.map((r) => r.subscription));
}

/** Move a webhook's watermark forward (never back). */
export async function advanceWebhookWatermark(tx: Transaction, id: number, seq: number): Promise<void> {
  await tx
    .update(webhookSubscriptions)
    .set({ lastSeq: sql`greatest(${webhookSubscriptions.lastSeq}, ${seq})` })
    .where(eq(webhookSubscriptions.id, id));
}

/** What a batch of attempts to one webhook says about its endpoint, in the order they ended. */
export interface WebhookAttemptsSummary {
  /** When the last of them ended. */
  lastAt: Date;
  /** When the last accepted one ended; null when none was. */
  lastSuccessAt: Date | null;
  /** Failed attempts after the last accepted one (all of them when none was accepted). */
  failuresSinceSuccess: number;
  /** The first of those failures. */
  firstFailureSinceSuccess: Date | null;
}

/**
 * The webhook's health after some attempts: a success ends the failure streak, failures grow it
 * and `failing_since` keeps the first failure of the streak. Returns the webhook as it is now.
 */
export async function recordWebhookAttempts(tx: Transaction, id: number, summary: WebhookAttemptsSummary): Promise<WebhookSubscriptionRow | null> {
  const t = webhookSubscriptions;
  const lastAt = summary.lastAt.toISOString();
  const firstFailure = summary.firstFailureSinceSuccess?.toISOString() ?? null;
  const succeeded = summary.lastSuccessAt !== null;
  const [row] = await tx
    .update(t)
    .set({
      lastDeliveryAt: sql`greatest(${t.lastDeliveryAt}, ${lastAt}::timestamptz)`,
      lastSuccessAt: succeeded ? summary.lastSuccessAt : sql`${t.lastSuccessAt}`,
      consecutiveFailures: succeeded ? summary.failuresSinceSuccess : sql`${t.consecutiveFailures} + ${summary.failuresSinceSuccess}`,
      failingSince:
        summary.failuresSinceSuccess === 0 ? (succeeded ? null : sql`${t.failingSince}`) : succeeded ? summary.firstFailureSinceSuccess : sql`coalesce(${t.failingSince}, ${firstFailure}::timestamptz)`,
    })
    .where(eq(t.id, id))
    .returning();
  return row ?? null;
}

/** Stop delivering to a webhook, with the reason its owner will read; the first reason stays. */
export async function disableWebhookSubscription(db: Database | Transaction, id: number, reason: string, at: Date): Promise<void> {
  await db
    .update(webhookSubscriptions)
    .set({ active: false, disabledReason: reason, disabledAt: at })
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true)));
}
