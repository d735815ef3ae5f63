import { syncSources } from "../../db/queries/sources.js";
import { type RunCounts, type RunError, SourceBusyError } from "../../db/queries/scrape-runs.js";
import { describeError } from "../../scrapers/run-errors.js";
import { type RunSummary, runSource } from "../../scrapers/run-source.js";
import type { SourceDefinition } from "../../scrapers/source.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { openMigratedDb } from "../open-database.js";
import { configuredSources } from "../configured-sources.js";
import { createRunDeps } from "../scraping.js";
import { UsageError } from "../usage.js";

export interface ScrapeArgs {
  ids: string[];
  all: boolean;
  since: string | undefined;
  concurrency: number;
}

/** Pick the sources named on the command line; unknown ids are a usage error naming them. */
export function selectSources(all: SourceDefinition[], args: { ids: string[]; all: boolean }, command: "scrape" | "reprocess" | "backfill"): SourceDefinition[] {
  if (args.all) return all.filter((s) => s.enabled);
  if (args.ids.length === 0) throw new UsageError("name one or more source ids, or --all (see `vangnet sources`)", command);
  const byId = new Map(all.map((s) => [s.id, s]));
  const unknown = args.ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new UsageError(`unknown source ${unknown.map((id) => `"${id}"`).join(", ")} (see \`vangnet sources\`)`, command);
  return args.ids.map((id) => byId.get(id) as SourceDefinition);
}

function describeCounts(c: RunCounts, errors: RunError[], warnings: RunError[] = []): string {
  const mended = warnings.length > 0 ? `  warnings ${warnings.length}` : "";
  return `pages ${c.pagesFetched} (304: ${c.pagesNotModified})  items +${c.itemsInserted} ~${c.itemsUpdated} =${c.itemsUnchanged}  errors ${errors.length}${mended}`;
}

/** `vangnet scrape`: run sources now, with a live line per source on a terminal and a summary. */
export async function runScrape(config: Config, logger: Logger, args: ScrapeArgs): Promise<number> {
  const selected = selectSources(configuredSources(config), args, "scrape");
  const handle = await openMigratedDb(config, logger);
  let deps: ReturnType<typeof createRunDeps> | undefined;
  try {
    await syncSources(handle.db, selected);
    deps = createRunDeps(config, handle.db, logger);
    const runDeps = deps;
    const live = process.stderr.isTTY;
    const summaries: RunSummary[] = [];
    let next = 0;
    const worker = async () => {
      while (next < selected.length) {
        const source = selected[next++] as SourceDefinition;
        const label = `[${next}/${selected.length}] ${source.id}`;
        const summary = await runSource(source, runDeps, {
          trigger: "manual",
          since: args.since,
          onProgress: (counts, errors) => {
            if (live) process.stderr.write(`\r\x1b[2K${label}  ${describeCounts(counts, errors)}`);
          },
        }).catch((error: unknown) => unstartedRun(source, error));
        if (live) process.stderr.write("\r\x1b[2K");
        process.stderr.write(`${label}  ${summary.status}  ${describeCounts(summary.counts, summary.errors, summary.warnings)}\n`);
        summaries.push(summary);
      }
    };
    await Promise.all(Array.from({ length: Math.min(args.concurrency, selected.length) }, worker));
    printSummary(summaries);
    return summaries.some((s) => s.status === "failed") ? 1 : 0;
  } finally {
    await deps?.close();
    await handle.close();
  }
}

/**
 * A source whose run could not even start (another process is running it, or the database
 * refused the run's row) fails on its own; the other sources' runs go on.
 */
function unstartedRun(source: SourceDefinition, error: unknown): RunSummary {
  const reason = error instanceof SourceBusyError ? error.message : `the run could not start: ${describeError(error)}`;
  return {
    runId: null,
    sourceId: source.id,
    status: "failed",
    counts: { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 },
    errors: [{ url: source.startUrl, reason, at: new Date().toISOString() }],
    warnings: [],
  };
}

function printSummary(summaries: RunSummary[]) {
  const out = process.stdout;
  const byStatus = (status: string) => summaries.filter((s) => s.status === status).length;
  const total = (key: keyof RunCounts) => summaries.reduce((sum, s) => sum + s.counts[key], 0);
  out.write(
    `\n${summaries.length} source(s): ${byStatus("ok")} ok, ${byStatus("partial")} partial, ${byStatus("failed")} failed\n` +
      `pages fetched ${total("pagesFetched")}, not modified ${total("pagesNotModified")}; ` +
      `items inserted ${total("itemsInserted")}, updated ${total("itemsUpdated")}, unchanged ${total("itemsUnchanged")}\n`,
  );
  for (const summary of summaries) {
    for (const error of summary.errors.slice(0, 10)) out.write(`  ${summary.sourceId}: ${error.url} ${error.reason}\n`);
    if (summary.errors.length > 10) out.write(`  ${summary.sourceId}: … and ${summary.errors.length - 10} more errors\n`);
  }
}
