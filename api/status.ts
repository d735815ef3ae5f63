import { type Request, type RequestHandler, type Response, Router } from "express";
import type { Logger } from "pino";
import type { DbHandle } from "../db/client.js";
import { openBackfills } from "../db/queries/backfills.js";
import { listSourceRows } from "../db/queries/sources.js";
import { changeLogHeadEntry, newestDocument, runningRuns } from "../db/queries/vital-signs.js";
import type { HarvestProgress } from "../schema/harvest.js";
import { type SourceHealth, sourceHealth } from "../schema/source-health.js";
import { sendJsonError } from "./http-errors.js";
import type { RateLimitGateOptions } from "./rate-limit.js";

const HEALTHS: readonly SourceHealth[] = ["ok", "stale", "failing", "never_run", "disabled"];

export interface StatusRouterOptions {
  db: () => DbHandle | undefined;
  harvest: () => HarvestProgress;
  clock: () => Date;
  logger: Logger;
  createRateLimitGate?: (options: RateLimitGateOptions) => RequestHandler;
}


/**
 * GET /api/status: the service at a glance, for operators and for users who wonder whether the
 * data is current (like OpenBesluitvorming's status): sources by health with the failing and
 * stale ones named, the newest document stored, the change log's head, the runs going on, the
 * first harvest and the backfills waiting or going on. One rate-limit point per request.
 */
export function createStatusRouter(options: StatusRouterOptions): Router {
  const router = Router();
  const ready: RequestHandler = (_req, res, next) => {
    if (options.db()) return next();
    sendJsonError(res, 503, "The database is not ready yet; try again in a moment.", "SERVICE_UNAVAILABLE", { "Retry-After": "2" });
  };
  const gate = options.createRateLimitGate ? [options.createRateLimitGate({ points: 1, refuse: sendJsonError })] : [];
  router.get("/api/status", ready, ...gate, async (_req: Request, res: Response) => {
    const handle = options.db() as DbHandle;
    try {
      const now = options.clock();
      const [sources, newest, head, running, backfills] = await Promise.all([
        listSourceRows(handle.db),
        newestDocument(handle.db),
        changeLogHeadEntry(handle.db),
        runningRuns(handle.db),
        openBackfills(handle.db),
      ]);
      const counts = Object.fromEntries(HEALTHS.map((health) => [health, 0])) as Record<SourceHealth, number>;
      const attention: { id: string; name: string; health: SourceHealth; lastSuccessAt: string | null; lastError: string | null; consecutiveFailures: number; lastNewDocumentAt: string | null; newDocumentIntervalSeconds: number | null }[] = [];
      for (const source of sources) {
        const health = sourceHealth(source, now);
        counts[health]++;
        if (health === "failing" || health === "stale") {
          attention.push({ id: source.id, name: source.name, health, lastSuccessAt: source.lastSuccessAt?.toISOString() ?? null, lastError: source.lastError,
            consecutiveFailures: source.consecutiveFailures,
            lastNewDocumentAt: source.lastNewDocumentAt?.toISOString() ?? null,
            newDocumentIntervalSeconds: source.newDocumentGaps > 0 ? Math.round(source.newDocumentGapS ?? 0) : null,
          });
        }
      }
      res.set("Cache-Control", "no-store").json({
        status: counts.failing > 0 || counts.stale > 0 ? "degraded" : "ok",
        checkedAt: now.toISOString(),
        sources: { total: sources.length, ...counts, needingAttention: attention },
        newestDocument: newest && { uri: newest.uri, title: newest.title, kind: newest.kind, publishedAt: newest.publishedAt?.toISOString() ?? null, storedAt: newest.firstSeenAt.toISOString() },
        changeLog: head && { headSeq: String(head.seq), headAt: head.occurredAt.toISOString() },
        running: running.map((run) => ({ sourceId: run.sourceId, trigger: run.trigger, startedAt: run.startedAt.toISOString(), heartbeatAt: run.heartbeatAt.toISOString(), pagesFetched: run.pagesFetched })),
        harvest: options.harvest(),
        backfills: backfills.map((b) => ({
          sourceId: b.sourceId,
          since: b.since,
          status: b.status,
          reachedDate: b.reachedDate,
          attempts: b.attempts,
          pagesFetched: b.pagesFetched,
          pagesReused: b.pagesReused,
          itemsInserted: b.itemsInserted,
          lastError: b.lastError,
        })),
      });
    } catch (error) {
      options.logger.error({ err: error }, "could not read the service status");
      sendJsonError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
    }
  });
  return router;
}
