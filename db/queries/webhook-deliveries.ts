import { and, count, desc, eq, inArray, lt, sql } from "drizzle-orm";
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
  delivery: WebhookDeliveryRow;
  subscription: Pick<typeof webhookSubscriptions.$inferSelect, "id" | "url" | "secret" | "previousSecret" | "previousSecretExpiresAt">;
  change: ChangeRow;
}

/**
 * Claim due deliveries for one attempt each: at most `limit`, and per webhook at most
 * `perWebhook` in flight counting the leases already held. Rows are locked with SKIP LOCKED, so
 * workers sharing the queue take different rows. The claim increments `attempts` and sets a lease:
 * `next_attempt_at` moves to the lease's end, so a worker killed mid-attempt leaves a row that is
 * due again once the lease has passed. Webhooks are read fairly: each contributes its oldest few.
 */
export async function claimDueWebhookDeliveries(
  db: Database,
  options: { now: Date; leaseUntil: Date; limit: number; perWebhook: number },
): Promise<ClaimedDelivery[]> {
  if (options.limit <= 0) return [];
  const now = options.now.toISOString();
  const leaseUntil = options.leaseUntil.toISOString();
  const claimed = resultRows<{ id: string | number }>(
    await db.execute(sql`
      with candidates as (
        select d.id, d.subscription_id, d.next_attempt_at,
               row_number() over (partition by d.subscription_id order by d.next_attempt_at, d.id) as rank
        from webhook_subscriptions s
        join api_keys k on k.id = s.api_key_id and k.revoked_at is null
        cross join lateral (
          select p.id, p.subscription_id, p.next_attempt_at
          from webhook_deliveries p
          where p.subscription_id = s.id and p.status = 'pending' and p.next_attempt_at <= ${now}::timestamptz
          order by p.next_attempt_at, p.id
          limit ${options.perWebhook}
          for update skip locked
        ) d
        where s.active
      ), in_flight as (
        select f.subscription_id, count(*) as n
        from webhook_deliveries f
        where f.leased_until > ${now}::timestamptz and f.status = 'pending'
          and f.subscription_id in (select subscription_id from candidates)
        group by f.subscription_id
      ), chosen as (
        select c.id
        from candidates c left join in_flight i on i.subscription_id = c.subscription_id
        where c.rank + coalesce(i.n, 0) <= ${options.perWebhook}
        order by c.next_attempt_at, c.id
        limit ${options.limit}
      )
      update webhook_deliveries d
      set attempts = d.attempts + 1, leased_until = ${leaseUntil}::timestamptz,
          next_attempt_at = ${leaseUntil}::timestamptz, last_attempt_at = ${now}::timestamptz
      from chosen
      where d.id = chosen.id
      returning d.id`),
  );
  if (claimed.length === 0) return [];
  const rows = await db
    .select({
      delivery: webhookDeliveries,
      subscription: {
        id: webhookSubscriptions.id,
        url: webhookSubscriptions.url,
        secret: webhookSubscriptions.secret,
        previousSecret: webhookSubscriptions.previousSecret,
        previousSecretExpiresAt: webhookSubscriptions.previousSecretExpiresAt,
      },
      change: changeLog,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .innerJoin(changeLog, eq(changeLog.seq, webhookDeliveries.changeSeq))
    .where(
      inArray(
        webhookDeliveries.id,
        claimed.map((c) => Number(c.id)),
      ),
    )
    .orderBy(webhookDeliveries.nextAttemptAt, webhookDeliveries.id);
  return rows;
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
