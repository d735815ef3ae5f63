import { count, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { listAllMunicipalities } from "../db/queries/municipalities.js";
import {
  failStaleRuns,
  finishRun,
  heartbeatRun,
  type RunCounts,
  type RunError,
  type RunStatus,
  startRun,
} from "../db/queries/scrape-runs.js";
import { recordSourceHealth, syncSources } from "../db/queries/sources.js";
import { documents } from "../db/tables/documents.js";
import { FetchError, type Fetcher } from "./fetchers/types.js";
import { crawlLblodSite } from "./lblod/crawl.js";
import { crawlNewsSite } from "./news/crawl.js";
import { MunicipalityDirectory } from "./normalise/places.js";
import { type PageParser, parseOnThisThread } from "./parsers/page-parser.js";
import type { RunContext } from "./run-context.js";
import type { SourceDefinition } from "./source.js";

export const DEFAULT_WINDOW_DAYS = 60;
/** A run whose heartbeat is older than this was ended by a killed process. */
const STALE_RUN_MS = 10 * 60 * 1000;

export interface RunDeps {
  db: Database;
  fetcher: Fetcher;
  /** Renders pages in Chromium, for sources of kind `browser`. */
  browser?: Fetcher;
  logger: Logger;
  now: () => Date;
  /** Parses fetched pages: the process's pool of worker threads; by default this thread, without a time budget (tests, tools). */
  parser?: PageParser;
}

export interface RunOptions {
  trigger: "schedule" | "manual" | "reprocess" | "demo";
  /** First day of sessions to collect (YYYY-MM-DD); default: today minus the window. */
  since?: string;
  /** Called with the counts so far after every page. */
  onProgress?: (counts: RunCounts, errors: RunError[]) => void;
}

export interface RunSummary {
  runId: number;
  sourceId: string;
  status: Exclude<RunStatus, "running">;
  counts: RunCounts;
  errors: RunError[];
}

const crawlers: Partial<Record<SourceDefinition["kind"], (ctx: RunContext) => Promise<boolean>>> = {
  lblod: crawlLblodSite,
  feed: crawlNewsSite,
  listing: crawlNewsSite,
  browser: crawlNewsSite,
};

const missingBrowser: Fetcher = {
  fetch: async (request) => {
    throw new FetchError(request.url, "network", "this source needs a browser, and none was configured for this process");
  },
};

function windowStart(source: SourceDefinition, now: Date, since: string | undefined): string {
  if (since) return since;
  const days = Number(source.config.windowDays ?? DEFAULT_WINDOW_DAYS);
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Run one source now: a `scrape_runs` row records what was fetched, stored and what failed. The
 * run is `failed` when the start page cannot be read or when a source that used to yield documents
 * yields nothing, `partial` when some pages failed, `ok` otherwise. Errors of single pages never
 * abort the run; what was stored before stays.
 */
export async function runSource(source: SourceDefinition, deps: RunDeps, options: RunOptions): Promise<RunSummary> {
  const { db, now } = deps;
  await syncSources(db, [source]);
  await failStaleRuns(db, source.id, new Date(now().getTime() - STALE_RUN_MS), now());
  const run = await startRun(db, source.id, options.trigger, now());
  const logger = deps.logger.child({ source: source.id, run: run.id });
  const counts: RunCounts = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
  const errors: RunError[] = [];
  let lastBeat = now().getTime();
  const ctx: RunContext = {
    db,
    fetcher: source.kind === "browser" ? (deps.browser ?? missingBrowser) : deps.fetcher,
    parser: deps.parser ?? parseOnThisThread,
    logger,
    now,
    source,
    runId: run.id,
    directory: new MunicipalityDirectory(await listAllMunicipalities(db)),
    windowStart: windowStart(source, now(), options.since),
    counts,
    errors,
    progress: async () => {
      options.onProgress?.(counts, errors);
      if (now().getTime() - lastBeat > 5_000) {
        lastBeat = now().getTime();
        await heartbeatRun(db, run.id, counts, errors, now());
      }
    },
  };

  let fatal: boolean;
  const crawl = crawlers[source.kind];
  if (!crawl) {
    fatal = true;
    ctx.errors.push({ url: source.startUrl, reason: `sources of kind "${source.kind}" have no crawler`, at: now().toISOString() });
  } else {
    try {
      fatal = !(await crawl(ctx));
    } catch (error) {
      fatal = true;
      logger.error({ err: error }, "run aborted by an unexpected error");
      errors.push({ url: source.startUrl, reason: `unexpected error: ${(error as Error).message}`, at: now().toISOString() });
    }
  }

  const items = counts.itemsInserted + counts.itemsUpdated + counts.itemsUnchanged;
  if (!fatal && items === 0 && counts.pagesNotModified === 0 && !source.mayBeEmpty) {
    const [stored] = await db.select({ n: count() }).from(documents).where(eq(documents.sourceId, source.id));
    if ((stored?.n ?? 0) > 0) {
      fatal = true;
      errors.push({
        url: source.startUrl,
        reason: `the source yielded nothing, but it has yielded ${stored?.n} documents before: the site may have changed`,
        at: now().toISOString(),
      });
    }
  }
  const status = fatal ? "failed" : errors.length > 0 ? "partial" : "ok";
  const finishedAt = now();
  await finishRun(db, run.id, { ...counts, status, errors, finishedAt });
  await recordSourceHealth(db, source.id, {
    finishedAt,
    succeeded: status !== "failed",
    error: errors.length > 0 ? `${errors.length} error(s); first: ${errors[0]?.url} ${errors[0]?.reason}` : null,
  });
  logger.info({ status, ...counts, errors: errors.length }, "run finished");
  return { runId: run.id, sourceId: source.id, status, counts, errors };
}
