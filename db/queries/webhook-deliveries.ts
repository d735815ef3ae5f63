import { and, count, desc, eq, lt, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { resultRows } from "../result-rows.js";
import { changeLog } from "../tables/change-log.js";
import { webhookDeliveries, webhookSubscriptions } from "../tables/webhooks.js";
import type { ChangeRow } from "./change-log.js";

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryStatus = "pending" | "delivered" | "failed";

/** Queue one delivery per change for a webhook; a change already queued for it is left alone. */
export async function insertWebhookDeliveries(tx: Transaction, subscriptionId: number, changeSeqs: readonly number[], dueAt: Date): Promise<number> {
  if (changeSeqs.length === 0) return 0;
  const rows = await tx
    .insert(webhookDeliveries)
    .values(changeSeqs.map((changeSeq) => ({ subscriptionId, changeSeq, nextAttemptAt: dueAt })))
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

/** A delivery claimed for one attempt, with what the attempt needs. */
export interface ClaimedDelivery {
  /** The row and its attempt number, which fences the outcome (see recordDeliveryOutcomes). */
  delivery: { id: number; attempts: number };
  subscription: Pick<typeof webhookSubscriptions.$inferSelect, "id" | "url" | "secret" | "previousSecret" | "previousSecretExpiresAt">;
  change: ChangeRow;
}

/**
 * Claim due deliveries for one attempt each: at most `limit`, and per webhook at most
 * `perWebhook` in flight counting the leases already held. Rows are locked with SKIP LOCKED, so
 * workers sharing the queue take different rows. The claim increments `attempts` and sets a lease:
 * `next_attempt_at` moves to the lease's end, so a worker killed mid-attempt leaves a row that is
 * due again once the lease has passed. Webhooks are read fairly: each contributes its oldest few.
 * One statement: the claiming UPDATE, and the change and webhook each attempt needs.
 */
export async function claimDueWebhookDeliveries(
  db: Database,
  options: { now: Date; leaseUntil: Date; limit: number; perWebhook: number },
): Promise<ClaimedDelivery[]> {
  if (options.limit <= 0) return [];
  const now = options.now.toISOString();
  const leaseUntil = options.leaseUntil.toISOString();
  // Output names of their own: drizzle refers to a CTE's columns unqualified.
  const claimed = db
    .$with("claimed", {
      id: sql<number>`claimed_id`.mapWith(Number).as("claimed_id"),
      attempts: sql<number>`claimed_attempts`.mapWith(Number).as("claimed_attempts"),
      subscriptionId: sql<number>`claimed_subscription_id`.mapWith(Number).as("claimed_subscription_id"),
      changeSeq: sql<number>`claimed_change_seq`.mapWith(Number).as("claimed_change_seq"),
    })
    .as(sql`
      update webhook_deliveries d
      set attempts = d.attempts + 1, leased_until = ${leaseUntil}::timestamptz,
          next_attempt_at = ${leaseUntil}::timestamptz, last_attempt_at = ${now}::timestamptz
      from (
        select c.id
        from (
          select p.id, p.subscription_id, p.next_attempt_at,
                 row_number() over (partition by p.subscription_id order by p.next_attempt_at, p.id) as rank
          from webhook_subscriptions s
          join api_keys k on k.id = s.api_key_id and k.revoked_at is null
          cross join lateral (
            select due.id, due.subscription_id, due.next_attempt_at
            from webhook_deliveries due
            where due.subscription_id = s.id and due.status = 'pending' and due.next_attempt_at <= ${now}::timestamptz
            order by due.next_attempt_at, due.id
            limit ${options.perWebhook}
            for update skip locked
          ) p
          where s.active
        ) c
        cross join lateral (
          select count(*) as n from webhook_deliveries f
          where f.subscription_id = c.subscription_id and f.leased_until > ${now}::timestamptz and f.status = 'pending'
        ) in_flight
        where c.rank + in_flight.n <= ${options.perWebhook}
        order by c.next_attempt_at, c.id
        limit ${options.limit}
      ) chosen
      where d.id = chosen.id
      returning d.id as claimed_id, d.attempts as claimed_attempts, d.subscription_id as claimed_subscription_id, d.change_seq as claimed_change_seq`);
  const rows = await db
    .with(claimed)
    .select({
      delivery: { id: claimed.id, attempts: claimed.attempts },
      subscription: {
        id: webhookSubscriptions.id,
        url: webhookSubscriptions.url,
        secret: webhookSubscriptions.secret,
        previousSecret: webhookSubscriptions.previousSecret,
        previousSecretExpiresAt: webhookSubscriptions.previousSecretExpiresAt,
      },
      change: changeLog,
    })
    .from(claimed)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, claimed.subscriptionId))
    .innerJoin(changeLog, eq(changeLog.seq, claimed.changeSeq));
  return rows.sort((a, b) => a.change.seq - b.change.seq);
}

/** What an attempt came to, as the queue records it. */
export interface DeliveryOutcome {
  status: WebhookDeliveryStatus;
  /** When a pending delivery is due again. */
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  lastError: string | null;
}

/** One attempt's outcome to record: the claim it ends (row and attempt number), what it came to, when. */
export interface DeliveryOutcomeRecord {
  id: number;
  attempts: number;
  outcome: DeliveryOutcome;
  at: Date;
}

/**
 * Record the outcomes of attempts, in one statement, each only if its lease is still this
 * attempt's (`attempts` unchanged): a worker whose lease ran out while it waited, and whose row
 * another worker took, records nothing. Returns the ids recorded.
 */
export async function recordDeliveryOutcomes(tx: Transaction, records: readonly DeliveryOutcomeRecord[]): Promise<Set<number>> {
  if (records.length === 0) return new Set();
  const values = records.map(
    (r) =>
      sql`(${r.id}::bigint, ${r.attempts}::int, ${r.outcome.status}::text, ${(r.outcome.nextAttemptAt ?? r.at).toISOString()}::timestamptz, ${r.outcome.responseStatus}::int, ${r.outcome.lastError}::text, ${r.at.toISOString()}::timestamptz)`,
  );
  const rows = resultRows<{ id: string | number }>(
    await tx.execute(sql`
      update webhook_deliveries d
      set status = v.status, next_attempt_at = v.next_attempt_at, leased_until = null, response_status = v.response_status,
          last_error = v.last_error, delivered_at = case when v.status = 'delivered' then v.at end
      from (values ${sql.join(values, sql`, `)}) as v(id, attempts, status, next_attempt_at, response_status, last_error, at)
      where d.id = v.id and d.attempts = v.attempts and d.leased_until is not null
      returning d.id`),
  );
  return new Set(rows.map((row) => Number(row.id)));
}

/** Record one attempt's outcome (see recordDeliveryOutcomes); returns whether it was recorded. */
export async function recordDeliveryOutcome(tx: Transaction, claim: { id: number; attempts: number }, outcome: DeliveryOutcome, at: Date): Promise<boolean> {
  return (await recordDeliveryOutcomes(tx, [{ ...claim, outcome, at }])).has(claim.id);
}

/** A delivery as its owner lists it, with the event of its change. */
export type WebhookDeliveryListing = WebhookDeliveryRow & { event: string };

/** A webhook's deliveries, newest change first, after the change `beforeSeq` when given. */
export async function listWebhookDeliveries(
  db: Database,
  subscriptionId: number,
  options: { limit: number; beforeSeq?: number },
): Promise<WebhookDeliveryListing[]> {
  const where = [eq(webhookDeliveries.subscriptionId, subscriptionId)];
  if (options.beforeSeq !== undefined) where.push(lt(webhookDeliveries.changeSeq, options.beforeSeq));
  const rows = await db
    .select({ delivery: webhookDeliveries, event: changeLog.event })
    .from(webhookDeliveries)
    .innerJoin(changeLog, eq(changeLog.seq, webhookDeliveries.changeSeq))
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.changeSeq))
    .limit(options.limit);
  return rows.map((r) => ({ ...r.delivery, event: r.event }));
}

export async function countWebhookDeliveries(db: Database, subscriptionId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, subscriptionId));
  return Number(row?.n ?? 0);
}
