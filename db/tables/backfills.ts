import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { scrapeRuns, sources } from "./sources.js";

/**
 * A walk through a source's history beyond its rolling window, down to `since`
 * (`vangnet backfill`, or queued by the first start with VANGNET_BACKFILL_SINCE). Each attempt
 * is a run of trigger `backfill`; the pages an attempt fetched are kept as captures, so a later
 * attempt (after a kill) reads them from there and fetches only what is left.
 */
export const backfills = pgTable(
  "backfills",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    /** First day of sessions (or articles) to collect. */
    since: date("since", { mode: "string" }).notNull(),
    /** Fetch again pages that were stored before the backfill began (normally read from their captures). */
    refetch: boolean("refetch").notNull().default(false),
    /** queued | running | done | failed */
    status: text("status").notNull().default("queued"),
    /** cli (`vangnet backfill`) | first-start (VANGNET_BACKFILL_SINCE) */
    requestedBy: text("requested_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Start of its first attempt: pages fetched since then are never fetched again by it. */
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** Attempts begun: more than 1 when an attempt was killed or failed and the backfill resumed. */
    attempts: integer("attempts").notNull().default(0),
    /** The run of its latest attempt. */
    lastRunId: bigint("last_run_id", { mode: "number" }).references(() => scrapeRuns.id),
    /** Pages fetched over all attempts. */
    pagesFetched: integer("pages_fetched").notNull().default(0),
    /** Pages read from their stored capture instead of fetched, over all attempts. */
    pagesReused: integer("pages_reused").notNull().default(0),
    itemsInserted: integer("items_inserted").notNull().default(0),
    /** Oldest session or article date reached so far: how far back the walk got. */
    reachedDate: date("reached_date", { mode: "string" }),
    lastError: text("last_error"),
  },
  (t) => [
    // One backfill of a source waits or runs at a time; a second request joins it.
    uniqueIndex("backfills_one_open_per_source").on(t.sourceId).where(sql`${t.status} in ('queued', 'running')`),
    check("backfills_status", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check("backfills_requested_by", sql`${t.requestedBy} in ('cli', 'first-start')`),
  ],
);
