import cliProgress from "cli-progress";
import { currentWorker, interruptRunsOfWorker } from "../../db/queries/scrape-runs.js";
import { type BackfillOutcome, type BackfillProgress, backfillSource } from "../../scrapers/backfill.js";
import { describeError } from "../../scrapers/run-errors.js";
import type { Config } from "../config.js";
import { configuredSources } from "../configured-sources.js";
import type { Logger } from "../logger.js";
import { openMigratedDb } from "../open-database.js";
import { createRunDeps } from "../scraping.js";
import { selectSources } from "./scrape.js";

export interface BackfillArgs {
  ids: string[];
  all: boolean;
  since: string;
  refetch: boolean;
  again: boolean;
}

/** Steps of the bar per source: its share of the days walked, in thousandths. */
const STEPS = 1_000;
/** Without a terminal, a progress line this often. */
const LINE_EVERY_MS = 30_000;

/** The bar on a terminal, progress lines otherwise; both with the time left. */
function backfillDisplay(total: number) {
  const stream = process.stderr;
  const startedAt = Date.now();
  const bar = stream.isTTY
    ? new cliProgress.SingleBar(
        {
          stream,
          format: "{bar} {percentage}% | {position} {source} back to {reached} | pages {fetched} fetched, {reused} from the store | +{items} | ETA {eta_formatted}",
          hideCursor: true,
          etaBuffer: 200,
          fps: 4,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(total * STEPS, 0, { position: "", source: "", reached: "-", fetched: 0, reused: 0, items: 0 });
  let lastLine = 0;
  return {
    update(index: number, progress: BackfillProgress) {
      const value = index * STEPS + Math.round(progress.covered * STEPS);
      const payload = {
        position: `[${index + 1}/${total}]`,
        source: progress.sourceId,
        reached: progress.reachedDate ?? "-",
        fetched: progress.pagesFetched,
        reused: progress.pagesReused,
        items: progress.itemsInserted,
      };
      if (bar) return bar.update(value, payload);
      if (Date.now() - lastLine < LINE_EVERY_MS) return;
      lastLine = Date.now();
      const done = value / (total * STEPS);
      const left = done > 0 ? ((Date.now() - startedAt) * (1 - done)) / done : null;
      stream.write(
        `${payload.position} ${payload.source}  back to ${payload.reached} of ${progress.since}  ${(done * 100).toFixed(1)}%  ` +
          `pages ${payload.fetched} fetched, ${payload.reused} from the store  +${payload.items}  ETA ${left === null ? "?" : formatDuration(left)}\n`,
      );
    },
    line(text: string) {
      // On a terminal the line goes above the bar, which draws itself again on its next update.
      stream.write(bar ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
    stop: () => bar?.stop(),
  };
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** A backfill's outcome, or the error that kept it from running (the database refused it, say). */
type Result = BackfillOutcome | { status: "error"; sourceId: string; reason: string };

function describeOutcome(outcome: Result): string {
  if (outcome.status === "busy" || outcome.status === "covered" || outcome.status === "error") return `${outcome.status === "error" ? "failed" : outcome.status}: ${outcome.reason}`;
  const p = outcome.progress;
  const line = `${outcome.status}  back to ${p.reachedDate ?? "-"}  pages ${p.pagesFetched} fetched, ${p.pagesReused} from the store  items +${p.itemsInserted}`;
  return outcome.reason ? `${line}\n    ${outcome.reason}` : line;
}

/**
 * `vangnet backfill`: walk the named sources' history back to `--since`, one after another.
 * Ctrl-C marks the run interrupted and says how to resume; a kill is resumed the same way.
 */
export async function runBackfill(config: Config, logger: Logger, args: BackfillArgs): Promise<number> {
  const selected = selectSources(configuredSources(config), args, "backfill");
  const handle = await openMigratedDb(config, logger);
  const deps = createRunDeps(config, handle.db, logger);
  const display = backfillDisplay(selected.length);
  const onInterrupt = () => {
    display.stop();
    process.stderr.write("\nbackfill interrupted; run the same command again to go on where it got to\n");
    void interruptRunsOfWorker(handle.db, currentWorker, new Date(), "the backfill was interrupted (Ctrl-C)")
      .catch(() => undefined)
      .finally(() => process.exit(130));
  };
  process.once("SIGINT", onInterrupt);
  process.once("SIGTERM", onInterrupt);
  const outcomes: Result[] = [];
  try {
    for (const [index, source] of selected.entries()) {
      const request = { since: args.since, refetch: args.refetch, again: args.again, requestedBy: "cli" as const };
      const outcome: Result = await backfillSource(source, deps, request, (progress) => display.update(index, progress)).catch((error: unknown) => ({
        status: "error" as const,
        sourceId: source.id,
        reason: `the backfill could not run: ${describeError(error)}`,
      }));
      outcomes.push(outcome);
      display.line(`[${index + 1}/${selected.length}] ${source.id}  ${describeOutcome(outcome)}`);
    }
  } finally {
    display.stop();
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
    await deps.close();
    await handle.close();
  }
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  process.stdout.write(`\n${outcomes.length} source(s): ${count("done")} done, ${count("covered")} already covered, ${count("failed") + count("error")} failed, ${count("busy")} busy\n`);
  return count("failed") + count("busy") + count("error") > 0 ? 1 : 0;
}
