import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys.js";
import { changeLog } from "./change-log.js";

/**
 * A newsroom's request to be told about changes matching a filter, by signed HTTP POST
 * (Standard Webhooks). Owned by one API key, which alone sees it.
 */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    apiKeyId: bigint("api_key_id", { mode: "number" })
      .notNull()
      .references(() => apiKeys.id),
    url: text("url").notNull(),
    /** Shared secret `whsec_<base64>` for the HMAC signature; needed in clear to sign, never returned by the API after creation. */
    secret: text("secret").notNull(),
    /** The secret before the last rotation: deliveries are signed with both until `previousSecretExpiresAt`. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    description: text("description"),
    /** The `ChangeFilter` input as the owner gave it (checked at creation); read with readChangeFilter at each enqueue. */
    filter: jsonb("filter").notNull().default({}),
    /** Watermark: the last change-log seq the enqueuer has considered for this webhook. */
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
    active: boolean("active").notNull().default(true),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** First failed attempt since the last success; a webhook failing for long enough is disabled. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** End of the last attempt, whatever its outcome. */
    lastDeliveryAt: timestamp("last_delivery_at", { withTimezone: true }),
    /** End of the last attempt the endpoint accepted (2xx). */
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  },
  (t) => [index("webhook_subscriptions_key_idx").on(t.apiKeyId)],
);

/** One change to deliver to one subscription, with its attempts. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: bigint("subscription_id", { mode: "number" })
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    changeSeq: bigint("change_seq", { mode: "number" })
      .notNull()
      .references(() => changeLog.seq),
    /** pending | delivered | failed */
    status: text("status").notNull().default("pending"),
    /** Attempts started, the one in flight included. */
    attempts: integer("attempts").notNull().default(0),
    /** When the delivery is due; while an attempt is in flight, the end of its lease. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while an attempt is in flight: a worker killed mid-attempt leaves a row that is due again once this has passed. */
    leasedUntil: timestamp("leased_until", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    responseStatus: integer("response_status"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    unique("webhook_deliveries_subscription_change_key").on(t.subscriptionId, t.changeSeq),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    /** A webhook's due deliveries, oldest first: what the claim reads per webhook. */
    index("webhook_deliveries_pending_idx").on(t.subscriptionId, t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_in_flight_idx").on(t.subscriptionId).where(sql`${t.leasedUntil} is not null`),
    check("webhook_deliveries_status", sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);
