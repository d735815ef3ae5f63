import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { apiKeys } from "./api-keys.js";
import { changeLog } from "./change-log.js";

/** A newsroom's request to be told about changes matching a filter, by signed HTTP POST. */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    apiKeyId: bigint("api_key_id", { mode: "number" }).references(() => apiKeys.id),
    url: text("url").notNull(),
    /** Shared secret for the HMAC signature; needed in clear to sign, never returned by the API. */
    secret: text("secret").notNull(),
    description: text("description"),
    /** Event names to deliver, e.g. ["document.created"]; empty means all. */
    events: jsonb("events").$type<string[]>().notNull().default([]),
    /** Same shape as the `changes` query filter. */
    filter: jsonb("filter").notNull().default({}),
    active: boolean("active").notNull().default(true),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    disabledReason: text("disabled_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastDeliveryAt: timestamp("last_delivery_at", { withTimezone: true }),
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
      .references(() => webhookSubscriptions.id),
    changeSeq: bigint("change_seq", { mode: "number" })
      .notNull()
      .references(() => changeLog.seq),
    /** pending | delivered | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer("response_status"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    unique("webhook_deliveries_subscription_change_key").on(t.subscriptionId, t.changeSeq),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    check("webhook_deliveries_status", sql`${t.status} in ('pending', 'delivered', 'failed')`),
  ],
);
