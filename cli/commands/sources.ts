import type { Database } from "../../db/client.js";
import { latestRunPerSource, readHarvestRecord } from "../../db/queries/scrape-runs.js";
import { documentCountsOfSources, listSourceRows, syncSources } from "../../db/queries/sources.js";
import { sourcesToHarvest } from "../../scrapers/first-harvest.js";
import { presentHarvest } from "../../scrapers/harvest-progress.js";
import { nextRunOf } from "../../schema/source-health.js";
import type { SourceDefinition } from "../../scrapers/source.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { openMigratedDb } from "../open-database.js";
import { configuredSources } from "../configured-sources.js";

/** `vangnet sources`: every configured source with schedule, next run, last run and counts. */
export async function runSources(config: Config, logger: Logger, options: { json: boolean }): Promise<number> {
  const declared = configuredSources(config);
  const handle = await openMigratedDb(config, logger);
  try {
    await syncSources(handle.db, declared);
    const declaredIds = new Set(declared.map((s) => s.id));
    const rows = (await listSourceRows(handle.db)).filter((row) => declaredIds.has(row.id));
    const runs = await latestRunPerSource(handle.db);
    const docCounts = await documentCountsOfSources(handle.db, rows.map((row) => row.id));
    const listing = rows.map((row) => {
      const run = runs.get(row.id);
      return {
        id: row.id,
        kind: row.kind,
        enabled: row.enabled,
        schedule: row.schedule,
        nextRun: row.enabled ? (nextRunOf(row.schedule, row.timezone)?.toISOString() ?? null) : null,
        lastRun: run ? { startedAt: run.startedAt.toISOString(), status: run.status, pagesFetched: run.pagesFetched, pagesNotModified: run.pagesNotModified, itemsInserted: run.itemsInserted, itemsUpdated: run.itemsUpdated, errors: (run.errors as unknown[]).length } : null,
        documents: docCounts.get(row.id) ?? 0,
        lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
        lastError: row.lastError,
        startUrl: row.startUrl,
      };
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
      return 0;
    }
    const lines = listing.map((s) =>
      [
        s.id.padEnd(32),
        s.kind.padEnd(6),
        (s.enabled ? s.schedule : "disabled").padEnd(12),
        (s.nextRun?.slice(0, 16).replace("T", " ") ?? "-").padEnd(17),
        (s.lastRun ? `${s.lastRun.startedAt.slice(0, 16).replace("T", " ")} ${s.lastRun.status}` : "never run").padEnd(26),
        String(s.documents).padStart(6),
      ].join(" "),
    );
    process.stdout.write(
      `${["source".padEnd(32), "kind".padEnd(6), "schedule".padEnd(12), "next run (UTC)".padEnd(17), "last run (UTC)".padEnd(26), "docs".padStart(6)].join(" ")}\n${lines.join("\n")}\n`,
    );
    const harvest = await describeFirstHarvest(handle.db, declared, config.VANGNET_FIRST_HARVEST);
    if (harvest) process.stdout.write(`\n${harvest}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

/**
 * A line about the first harvest while one is unfinished (this command runs beside the service,
 * or while it is stopped, so the runs recorded in the database say where it stands), or when the
 * next start would begin one; null otherwise.
 */
async function describeFirstHarvest(db: Database, declared: SourceDefinition[], harvestOn: boolean): Promise<string | null> {
  const enabled = declared.filter((s) => s.enabled);
  const record = await readHarvestRecord(db, enabled.map((s) => s.id));
  const progress = presentHarvest(record, enabled.length, false);
  if (progress.state === "running") {
    const since = progress.startedAt?.toISOString().slice(0, 16).replace("T", " ");
    return `first harvest: ${progress.sourcesDone} of ${progress.sourcesTotal} sources harvested since ${since} UTC; it goes on while \`vangnet start\` or \`vangnet worker\` runs, and resumes after a restart`;
  }
  if (progress.state === "off" && harvestOn && sourcesToHarvest(record, enabled).length > 0) {
    return `first harvest: not begun; the next \`vangnet start\` (or \`vangnet worker\`) collects every source not run yet, right away`;
  }
  return null;
}
