import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { resultRows } from "../result-rows.js";
import { changeLog } from "../tables/change-log.js";
import { documents } from "../tables/documents.js";
import { scrapeRuns } from "../tables/sources.js";
import { webhookDeliveries } from "../tables/webhooks.js";

/** What the scrape runs add up to, whichever process ran them (for /metrics). */
export interface RunTotals {
  /** Finished runs by status (ok, partial, failed) and runs still going (running). */
  runsByStatus: Map<string, number>;
  pagesFetched: number;
  pagesNotModified: number;
  documentsInserted: number;
  documentsUpdated: number;
}

export async function runTotals(db: Database): Promise<RunTotals> {
  const rows = await db
    .select({
      status: scrapeRuns.status,
      runs: sql<number>`count(*)::int`,
      fetched: sql<number>`coalesce(sum(${scrapeRuns.pagesFetched}), 0)::bigint`,
      notModified: sql<number>`coalesce(sum(${scrapeRuns.pagesNotModified}), 0)::bigint`,
      inserted: sql<number>`coalesce(sum(${scrapeRuns.itemsInserted}), 0)::bigint`,
      updated: sql<number>`coalesce(sum(${scrapeRuns.itemsUpdated}), 0)::bigint`,
    })
    .from(scrapeRuns)
    .groupBy(scrapeRuns.status);
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + Number(pick(row)), 0);
  return {
    runsByStatus: new Map(rows.map((row) => [row.status, Number(row.runs)])),
    pagesFetched: sum((row) => row.fetched),
    pagesNotModified: sum((row) => row.notModified),
    documentsInserted: sum((row) => row.inserted),
    documentsUpdated: sum((row) => row.updated),
  };
}

/** Webhook deliveries by status (pending is the queue). */
export async function deliveriesByStatus(db: Database): Promise<Map<string, number>> {
  const rows = await db.select({ status: webhookDeliveries.status, count: sql<number>`count(*)::int` }).from(webhookDeliveries).groupBy(webhookDeliveries.status);
  return new Map(rows.map((row) => [row.status, Number(row.count)]));
}

/** Connections to this database by state (active, idle, idle in transaction …), all processes together. */
export async function connectionsByState(db: Database): Promise<Map<string, number>> {
  const rows = resultRows<{ state: string; count: number }>(
    await db.execute(sql`select coalesce(state, 'unknown') as state, count(*)::int as count from pg_stat_activity where datname = current_database() group by 1`),
  );
  return new Map(rows.map((row) => [row.state, Number(row.count)]));
}

/** The document stored last (highest id), for /api/status. */
export async function newestDocument(db: Database) {
  const [row] = await db
    .select({ uri: documents.uri, title: documents.title, kind: documents.kind, publishedAt: documents.publishedAt, firstSeenAt: documents.firstSeenAt })
    .from(documents)
    .orderBy(desc(documents.id))
    .limit(1);
  return row ?? null;
}

/** The newest change-log entry's sequence number and time, or null for an empty log. */
export async function changeLogHeadEntry(db: Database) {
  const [row] = await db.select({ seq: changeLog.seq, occurredAt: changeLog.occurredAt }).from(changeLog).orderBy(desc(changeLog.seq)).limit(1);
  return row ?? null;
}

/** Runs going on now, whichever worker does them. */
export function runningRuns(db: Database) {
  return db
    .select({ sourceId: scrapeRuns.sourceId, trigger: scrapeRuns.trigger, worker: scrapeRuns.worker, startedAt: scrapeRuns.startedAt, heartbeatAt: scrapeRuns.heartbeatAt, pagesFetched: scrapeRuns.pagesFetched })
    .from(scrapeRuns)
    .where(eq(scrapeRuns.status, "running"))
    .orderBy(scrapeRuns.startedAt);
}
