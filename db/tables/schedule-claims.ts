import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { sources } from "./sources.js";

/**
 * Who runs a scheduled fire of a source: one row per source and fire time, claimed by the first
 * process that inserts it, so with several workers on one database each fire runs once. A claim
 * holds a lease the runner renews while it works; a claim whose lease ran out before it finished
 * (its process died) is taken over by another worker, and one released on shutdown at once.
 */
export const scheduleClaims = pgTable(
  "schedule_claims",
  {
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    /** The scheduled time of the fire (a match of the source's cron expression), not when it ran. */
    fireAt: timestamp("fire_at", { withTimezone: true }).notNull(),
    /** `host:pid` of the process that holds (or last held) the claim. */
    claimedBy: text("claimed_by").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull().defaultNow(),
    /** Until when the claim is the holder's; renewed while the run goes on. */
    leaseUntil: timestamp("lease_until", { withTimezone: true }).notNull(),
    /** How many processes have claimed this fire: more than 1 after a takeover. */
    attempts: integer("attempts").notNull().default(1),
    /** schedule (the cron fired) | catch-up (missed while no worker ran) | takeover (a lapsed claim) */
    how: text("how").notNull().default("schedule"),
    /** When the run of this fire ended (whatever its outcome); null while it is claimed or lapsed. */
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** ran | failed | busy (the source was still being run, for an earlier fire or by hand: this fire was skipped) */
    outcome: text("outcome"),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.fireAt] }),
    index("schedule_claims_open_idx").on(t.leaseUntil).where(sql`${t.finishedAt} is null`),
  ],
);
