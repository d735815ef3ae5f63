import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { violates } from "../result-rows.js";
import { backfills } from "../tables/backfills.js";

export type BackfillRow = typeof backfills.$inferSelect;
export type BackfillStatus = "queued" | "running" | "done" | "failed";
export type BackfillRequester = "cli" | "first-start";

/** What a backfill has done over all its attempts. */
export interface BackfillTotals {
  pagesFetched: number;
  pagesReused: number;
  itemsInserted: number;
  reachedDate: string | null;
}

const OPEN: BackfillStatus[] = ["queued", "running"];

/** The finished backfill of a source that already reaches back to `since`, if any. */
export async function coveringBackfill(db: Database, sourceId: string, since: string): Promise<BackfillRow | undefined> {
  const [row] = await db
    .select()
    .from(backfills)
    .where(and(eq(backfills.sourceId, sourceId), eq(backfills.status, "done"), lte(backfills.since, since)))
    .orderBy(desc(backfills.finishedAt))
    .limit(1);
  return row;
}

/**
 * The backfill that serves a request: the source's open one (which then reaches back to the older
 * of the two dates), else its latest failed one for the same date, queued again so that it
 * resumes where it got to, else a new one.
 */
export async function openBackfill(
  db: Database,
  request: { sourceId: string; since: string; refetch: boolean; requestedBy: BackfillRequester },
): Promise<BackfillRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [open] = await db.select().from(backfills).where(and(eq(backfills.sourceId, request.sourceId), inArray(backfills.status, OPEN)));
    if (open) {
      const since = request.since < open.since ? request.since : open.since;
      const [row] = await db
        .update(backfills)
        .set({ since, refetch: open.refetch || request.refetch })
        .where(eq(backfills.id, open.id))
        .returning();
      return row ?? open;
    }
    const [failed] = await db
      .select()
      .from(backfills)
      .where(and(eq(backfills.sourceId, request.sourceId), eq(backfills.status, "failed"), eq(backfills.since, request.since)))
      .orderBy(desc(backfills.id))
      .limit(1);
    try {
      if (failed) {
        const [row] = await db
          .update(backfills)
          .set({ status: "queued", refetch: failed.refetch || request.refetch, finishedAt: null })
          .where(eq(backfills.id, failed.id))
          .returning();
        if (row) return row;
      }
      const [row] = await db.insert(backfills).values({ ...request, status: "queued" }).returning();
      if (row) return row;
    } catch (error) {
      // Another process opened one for this source at the same moment: join it.
      if (!violates(error, "backfills_one_open_per_source")) throw error;
    }
  }
  throw new Error(`could not open a backfill of ${request.sourceId}`);
}

/** An attempt begins: the backfill runs, and remembers when its first attempt began. */
export async function beginBackfillAttempt(db: Database, id: number, now: Date): Promise<BackfillRow> {
  const [row] = await db
    .update(backfills)
    .set({ status: "running", attempts: sql`${backfills.attempts} + 1`, startedAt: sql`coalesce(${backfills.startedAt}, ${now.toISOString()}::timestamptz)`, lastError: null })
    .where(eq(backfills.id, id))
    .returning();
  if (!row) throw new Error(`backfill ${id} does not exist`);
  return row;
}

/** Undo an attempt that could not start (its source was busy): the backfill is as it was. */
export async function withdrawBackfillAttempt(db: Database, before: BackfillRow, reason: string): Promise<void> {
  await db.update(backfills).set({ status: before.status, attempts: before.attempts, lastError: reason }).where(eq(backfills.id, before.id));
}

/** Save the totals so far (a killed attempt leaves them for the next). */
export async function recordBackfillProgress(db: Database, id: number, totals: BackfillTotals, runId: number | null): Promise<void> {
  await db
    .update(backfills)
    .set({ ...totals, ...(runId !== null ? { lastRunId: runId } : {}) })
    .where(eq(backfills.id, id));
}

export async function finishBackfill(db: Database, id: number, end: { status: "done" | "failed"; error: string | null; at: Date }): Promise<void> {
  await db.update(backfills).set({ status: end.status, lastError: end.error, finishedAt: end.at }).where(eq(backfills.id, id));
}

/** Backfills waiting or running (perhaps in a process that was killed), oldest first. */
export function openBackfills(db: Database): Promise<BackfillRow[]> {
  return db.select().from(backfills).where(inArray(backfills.status, OPEN)).orderBy(asc(backfills.id));
}

/** Whether the first start ever queued backfills here. */
export async function firstStartBackfillQueued(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: backfills.id }).from(backfills).where(eq(backfills.requestedBy, "first-start")).limit(1);
  return row !== undefined;
}

export async function backfillsOfSource(db: Database, sourceId: string): Promise<BackfillRow[]> {
  return db.select().from(backfills).where(eq(backfills.sourceId, sourceId)).orderBy(asc(backfills.id));
}
