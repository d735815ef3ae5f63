import { hostname } from "node:os";
import { and, desc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { violates } from "../result-rows.js";
import { scrapeRuns } from "../tables/sources.js";

export type ScrapeRunRow = typeof scrapeRuns.$inferSelect;
export type RunStatus = "running" | "ok" | "partial" | "failed";
export interface RunError {
  url: string;
  reason: string;
  at: string;
}
export interface RunCounts {
  pagesFetched: number;
  pagesNotModified: number;
  itemsInserted: number;
  itemsUpdated: number;
  itemsUnchanged: number;
}

/** This process, as recorded on its runs. */
export const currentWorker = `${hostname()}:${process.pid}`;

function isAliveHere(worker: string | null): boolean {
  if (!worker) return false;
  const [host, pid] = worker.split(":");
  if (host !== hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A source is being run by another run (in this process or another one); a second run is refused. */
export class SourceBusyError extends Error {
  override name = "SourceBusyError";
  constructor(
    readonly sourceId: string,
    readonly running: Pick<ScrapeRunRow, "id" | "worker" | "startedAt"> | undefined,
  ) {
    super(
      running
        ? `source ${sourceId} is already being run (run ${running.id} by ${running.worker ?? "an unknown process"} since ${running.startedAt.toISOString()}); not started again`
        : `source ${sourceId} is already being run; not started again`,
    );
  }
}

/**
 * Start a run of a source. A unique index allows one running run per source, so two processes
 * (two `vangnet scrape`, or a scrape beside the scheduler) cannot interleave their writes: the
 * second gets a SourceBusyError naming the run in progress.
 */
export async function startRun(db: Database, sourceId: string, trigger: string, now: Date, fireAt?: Date): Promise<ScrapeRunRow> {
  let row: ScrapeRunRow | undefined;
  try {
    [row] = await db.insert(scrapeRuns).values({ sourceId, trigger, fireAt: fireAt ?? null, startedAt: now, heartbeatAt: now, worker: currentWorker }).returning();
  } catch (error) {
    if (!violates(error, "scrape_runs_one_running_per_source")) throw error;
    const [running] = await db
      .select({ id: scrapeRuns.id, worker: scrapeRuns.worker, startedAt: scrapeRuns.startedAt })
      .from(scrapeRuns)
      .where(and(eq(scrapeRuns.sourceId, sourceId), eq(scrapeRuns.status, "running")));
    throw new SourceBusyError(sourceId, running);
  }
  if (!row) throw new Error("scrape_runs insert returned no row");
  return row;
}

/** Save progress so far; a run whose heartbeat stops was ended by a killed process. */
export async function heartbeatRun(db: Database, id: number, counts: RunCounts, notes: { errors: RunError[]; warnings: RunError[] }, now: Date) {
  await db.update(scrapeRuns).set({ ...counts, ...notes, heartbeatAt: now }).where(eq(scrapeRuns.id, id));
}

export async function finishRun(
  db: Database,
  id: number,
  result: RunCounts & { status: Exclude<RunStatus, "running">; errors: RunError[]; warnings?: RunError[]; finishedAt: Date },
) {
  await db
    .update(scrapeRuns)
    .set({ ...result, heartbeatAt: result.finishedAt })
    .where(eq(scrapeRuns.id, id));
}

/**
 * Close runs of a source still marked running whose process is gone: its PID no longer runs on
 * this host, or (for another host) its heartbeat is older than `staleBefore`. They become
 * `failed` and `interrupted` with the reason, keeping their counts.
 */
export async function failStaleRuns(db: Database, sourceId: string, staleBefore: Date, now: Date): Promise<number> {
  const running = await db
    .select({ id: scrapeRuns.id, worker: scrapeRuns.worker, heartbeatAt: scrapeRuns.heartbeatAt })
    .from(scrapeRuns)
    .where(and(eq(scrapeRuns.sourceId, sourceId), eq(scrapeRuns.status, "running")));
  const stale = running.filter((run) => run.heartbeatAt < staleBefore || !isAliveHere(run.worker)).map((run) => run.id);
  if (stale.length === 0) return 0;
  const reason = JSON.stringify([{ url: "", reason: "the process ended during the run (killed or crashed)", at: now.toISOString() }]);
  await db
    .update(scrapeRuns)
    .set({ status: "failed", interrupted: true, finishedAt: now, errors: sql`${scrapeRuns.errors} || ${reason}::jsonb` })
    .where(or(...stale.map((id) => eq(scrapeRuns.id, id))));
  return stale.length;
}

/**
 * Close the runs `worker` (this process, at shutdown) leaves unfinished: `failed` and `interrupted`
 * with the reason, keeping their counts. What each wrote is whole (every document is one
 * transaction); the next run of the source completes the crawl. Returns how many.
 */
export async function interruptRunsOfWorker(db: Database, worker: string, now: Date, reason: string): Promise<number> {
  const error = JSON.stringify([{ url: "", reason, at: now.toISOString() }]);
  const rows = await db
    .update(scrapeRuns)
    .set({ status: "failed", interrupted: true, finishedAt: now, errors: sql`${scrapeRuns.errors} || ${error}::jsonb` })
    .where(and(eq(scrapeRuns.worker, worker), eq(scrapeRuns.status, "running")))
    .returning({ id: scrapeRuns.id });
  return rows.length;
}

export function lastRuns(db: Database, sourceId: string, limit = 1): Promise<ScrapeRunRow[]> {
  return db.select().from(scrapeRuns).where(eq(scrapeRuns.sourceId, sourceId)).orderBy(desc(scrapeRuns.startedAt), desc(scrapeRuns.id)).limit(limit);
}

/** The latest run of every source, for listings. */
export async function latestRunPerSource(db: Database): Promise<Map<string, ScrapeRunRow>> {
  const rows = await db
    .selectDistinctOn([scrapeRuns.sourceId])
    .from(scrapeRuns)
    .orderBy(scrapeRuns.sourceId, desc(scrapeRuns.startedAt), desc(scrapeRuns.id));
  return new Map(rows.map((row) => [row.sourceId, row]));
}

export function findRunsByIds(db: Database, ids: readonly number[]): Promise<ScrapeRunRow[]> {
  return db.select().from(scrapeRuns).where(inArray(scrapeRuns.id, [...ids]));
}

/** What the database holds about the first harvest (scrapers/first-harvest.ts). */
export interface HarvestRecord {
  /** Start of the first run of trigger `harvest`; null while no harvest has begun. */
  startedAt: Date | null;
  /** Whether the scheduler has ever run a source in this database. */
  scheduled: boolean;
  /**
   * Of the sources asked about, those harvested: with a run that collected (any trigger but
   * `reprocess`, which only re-reads stored pages) and finished, whatever its outcome, without
   * being cut short by a killed process; each with the end of its first such run.
   */
  harvested: Map<string, Date>;
}

/** The first harvest as the runs record it, so that every process (and a restart) reads the same. */
export async function readHarvestRecord(db: Database, sourceIds: readonly string[]): Promise<HarvestRecord> {
  const [first] = await db.select({ startedAt: scrapeRuns.startedAt }).from(scrapeRuns).where(eq(scrapeRuns.trigger, "harvest")).orderBy(scrapeRuns.id).limit(1);
  const [scheduled] = await db.select({ id: scrapeRuns.id }).from(scrapeRuns).where(eq(scrapeRuns.trigger, "schedule")).limit(1);
  const finished =
    sourceIds.length === 0
      ? []
      : await db
          .select({ sourceId: scrapeRuns.sourceId, finishedAt: sql<Date>`min(${scrapeRuns.finishedAt})`.mapWith(scrapeRuns.finishedAt) })
          .from(scrapeRuns)
          .where(
            and(
              inArray(scrapeRuns.sourceId, [...sourceIds]),
              ne(scrapeRuns.trigger, "reprocess"),
              ne(scrapeRuns.status, "running"),
              eq(scrapeRuns.interrupted, false),
              isNotNull(scrapeRuns.finishedAt),
            ),
          )
          .groupBy(scrapeRuns.sourceId);
  return {
    startedAt: first?.startedAt ?? null,
    scheduled: scheduled !== undefined,
    harvested: new Map(finished.map((row) => [row.sourceId, row.finishedAt])),
  };
}
