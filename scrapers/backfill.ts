import {
  type BackfillRequester,
  type BackfillRow,
  type BackfillTotals,
  beginBackfillAttempt,
  coveringBackfill,
  finishBackfill,
  openBackfill,
  recordBackfillProgress,
  withdrawBackfillAttempt,
} from "../db/queries/backfills.js";
import { SourceBusyError } from "../db/queries/scrape-runs.js";
import { syncSources } from "../db/queries/sources.js";
import type { BackfillWalk } from "./run-context.js";
import { type RunDeps, type RunSummary, runSource } from "./run-source.js";
import type { SourceDefinition } from "./source.js";

export interface BackfillRequest {
  /** First day to collect (YYYY-MM-DD). */
  since: string;
  /** Fetch again the session documents and articles stored before the backfill began. */
  refetch: boolean;
  /** Walk again although a finished backfill already reaches back to `since`. */
  again: boolean;
  requestedBy: BackfillRequester;
}

/** Where a backfill of one source stands, for progress bars and logs. */
export interface BackfillProgress extends BackfillTotals {
  sourceId: string;
  since: string;
  /** Share of the days from today back to `since` that the walk has covered, 0 to 1. */
  covered: number;
}

export type BackfillOutcome =
  | { status: "done" | "failed"; sourceId: string; backfill: BackfillRow; progress: BackfillProgress; run: RunSummary; reason: string | null }
  /** Another run of the source is going on (a schedule, a scrape, a backfill in another process). */
  | { status: "busy"; sourceId: string; reason: string }
  /** A finished backfill already reaches back that far. */
  | { status: "covered"; sourceId: string; reason: string };

/** Saving the totals more often than this would cost more than it protects. */
const SAVE_EVERY_MS = 5_000;

/** Share of the days between today and `since` that lie between today and `reached`. */
export function coveredShare(since: string, reached: string | null, today: Date): number {
  if (reached === null) return 0;
  const total = today.getTime() - Date.parse(since);
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, (today.getTime() - Date.parse(reached)) / total));
}

/** A `since` setting read as a day: a date as it is, `730d` as that many days before `now`. */
export function backfillSinceOf(setting: string, now: Date): string {
  const days = setting.match(/^(\d+)d$/)?.[1];
  if (days === undefined) return setting;
  return new Date(now.getTime() - Number(days) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Walk one source's history back to `since`: one attempt, recorded in `backfills` (the walk's
 * totals and how far back it got) and as a run of trigger `backfill`. An attempt that was killed
 * is resumed by the next one, which reads from their captures the pages the earlier attempts
 * fetched and fetches only the rest; the per-host spacing of the fetcher applies as in every run.
 * `done` when the run ended `ok`; `failed`, with the reason, when it failed or some pages failed
 * (running it again fetches those).
 */
export async function backfillSource(
  source: SourceDefinition,
  deps: RunDeps,
  request: BackfillRequest,
  onProgress?: (progress: BackfillProgress) => void,
): Promise<BackfillOutcome> {
  const { db, now } = deps;
  await syncSources(db, [source]);
  if (!request.again && !request.refetch) {
    const covering = await coveringBackfill(db, source.id, request.since);
    if (covering) {
      const when = covering.finishedAt?.toISOString().slice(0, 10) ?? "earlier";
      return { status: "covered", sourceId: source.id, reason: `already collected back to ${covering.since} (backfill ${covering.id}, finished ${when}); --again walks it again` };
    }
  }
  const opened = await openBackfill(db, { sourceId: source.id, since: request.since, refetch: request.refetch, requestedBy: request.requestedBy });
  const row = await beginBackfillAttempt(db, opened.id, now());
  const base = { pagesFetched: row.pagesFetched, pagesReused: row.pagesReused, itemsInserted: row.itemsInserted };
  const walk: BackfillWalk = { reuseFrom: row.startedAt ?? now(), refetch: row.refetch, pagesReused: 0, reachedDate: row.reachedDate };
  let runId: number | null = null;
  let lastSave = 0;
  const totalsOf = (counts: { pagesFetched: number; itemsInserted: number }): BackfillTotals => ({
    pagesFetched: base.pagesFetched + counts.pagesFetched,
    pagesReused: base.pagesReused + walk.pagesReused,
    itemsInserted: base.itemsInserted + counts.itemsInserted,
    reachedDate: walk.reachedDate,
  });
  const progressOf = (totals: BackfillTotals): BackfillProgress => ({ ...totals, sourceId: source.id, since: row.since, covered: coveredShare(row.since, totals.reachedDate, now()) });

  let run: RunSummary;
  try {
    run = await runSource(source, deps, {
      trigger: "backfill",
      since: row.since,
      backfill: walk,
      onProgress: (counts) => {
        const totals = totalsOf(counts);
        onProgress?.(progressOf(totals));
        if (Date.now() - lastSave < SAVE_EVERY_MS) return;
        lastSave = Date.now();
        void recordBackfillProgress(db, row.id, totals, runId).catch((error: unknown) => deps.logger.warn({ err: error, source: source.id }, "backfill: its progress could not be saved"));
      },
    });
  } catch (error) {
    if (!(error instanceof SourceBusyError)) throw error;
    await withdrawBackfillAttempt(db, opened, error.message);
    return { status: "busy", sourceId: source.id, reason: error.message };
  }
  runId = run.runId;
  const totals = totalsOf(run.counts);
  await recordBackfillProgress(db, row.id, totals, runId);
  const failedPages = run.errors.length;
  const reason =
    run.status === "ok"
      ? null
      : run.status === "partial"
        ? `${failedPages} page(s) failed (first: ${run.errors[0]?.url} ${run.errors[0]?.reason}); run the backfill again to fetch them: what was fetched is kept`
        : `the run failed: ${run.errors[0]?.reason ?? "no reason recorded"}`;
  const status = run.status === "ok" ? "done" : "failed";
  await finishBackfill(db, row.id, { status, error: reason, at: now() });
  const progress = progressOf(totals);
  deps.logger.info({ source: source.id, since: row.since, status, ...totals, attempts: row.attempts }, `backfill of ${source.id} ${status}`);
  return { status, sourceId: source.id, backfill: { ...row, ...totals, status }, progress: status === "done" ? { ...progress, covered: 1 } : progress, run, reason };
}
