import { SourceBusyError } from "../../db/queries/scrape-runs.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { type ReprocessSummary, reprocessSource } from "../../scrapers/reprocess.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { openMigratedDb } from "../open-database.js";
import { configuredSources } from "../configured-sources.js";
import { createPagePool } from "../scraping.js";
import { selectSources } from "./scrape.js";

/** `vangnet reprocess [source…]`: re-parse stored pages of the named (or all) sources and analyse their documents again, fetching nothing. */
export async function runReprocess(config: Config, logger: Logger, ids: string[]): Promise<number> {
  const selected = selectSources(configuredSources(config), { ids, all: ids.length === 0 }, "reprocess");
  const handle = await openMigratedDb(config, logger);
  const parser = createPagePool(config);
  const municipalities = municipalityRegister();
  try {
    let failed = 0;
    for (const source of selected) {
      let summary: ReprocessSummary;
      try {
        summary = await reprocessSource(source, { db: handle.db, logger, now: () => new Date(), parser, municipalities });
      } catch (error) {
        if (!(error instanceof SourceBusyError)) throw error;
        // A scrape of the source is running: re-parsing beside it would interleave writes.
        process.stderr.write(`vangnet: ${error.message}\n`);
        failed++;
        continue;
      }
      const c = summary.counts;
      const a = summary.analysis;
      if (c.itemsInserted + c.itemsUpdated + c.itemsUnchanged + summary.errors.length + (a?.documents ?? 0) === 0) continue;
      const analysed = a ? `analysed ${a.documents} (changed ${a.changed}, measures +${a.measuresCreated} ~${a.measuresChanged} -${a.measuresDeleted}, links ${a.linksChanged})` : "not analysed";
      process.stdout.write(
        `${source.id}  ${summary.status}  items +${c.itemsInserted} ~${c.itemsUpdated} =${c.itemsUnchanged}  ` +
          `${analysed}  revisions redacted ${summary.revisionsRedacted}  errors ${summary.errors.length}\n`,
      );
      for (const error of summary.status === "failed" ? summary.errors.slice(0, 1) : []) process.stderr.write(`vangnet: ${source.id}: ${error.reason}\n`);
      if (summary.status === "failed") failed++;
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await parser.close();
    await handle.close();
  }
}
