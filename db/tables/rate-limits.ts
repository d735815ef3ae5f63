import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Rate-limit counters shared by every API process on one Postgres server (rate-limiter-flexible's
 * Drizzle store reads and writes it; its columns are the store's): points spent by a caller
 * (`<tier>:<caller>`) in the window that ends at `expire`. UNLOGGED (migration 0025): counters of
 * a minute are not worth the write-ahead log, and a crash may forget them.
 */
export const rateLimitPoints = pgTable("rate_limit_points", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});
