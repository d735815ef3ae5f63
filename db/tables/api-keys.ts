import { sql } from "drizzle-orm";
import { bigint, check, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * API keys for higher rate limits and webhooks. Only a SHA-256 hash of the secret is stored; the
 * short `prefix` identifies a key in listings and logs without revealing it.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull().unique(),
    /** Hex SHA-256 of the full key. */
    keyHash: text("key_hash").notNull().unique(),
    /** standard | partner */
    tier: text("tier").notNull().default("standard"),
    contact: text("contact"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [check("api_keys_tier", sql`${t.tier} in ('standard', 'partner')`)],
);
