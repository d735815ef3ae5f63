import { latestCapturesOfSource } from "../db/queries/captures.js";
import { listAllMunicipalities } from "../db/queries/municipalities.js";
import { finishRun, type RunCounts, type RunError, startRun } from "../db/queries/scrape-runs.js";
import { lblodPage } from "../schema/lblod.js";
import { pageDate, storeLblodPage } from "./lblod/store-page.js";
import { MunicipalityDirectory } from "./normalise/places.js";
import { parseLblodPage } from "./parsers/lblod/parse-page.js";
import { DEFAULT_WINDOW_DAYS, type RunDeps, type RunSummary } from "./run-source.js";
import type { SourceDefinition } from "./source.js";

/**
 * Re-parse and re-store the latest capture of every page of a source, fetching nothing: what
 * parsing-rule changes do to stored data. A page is stored when the original run would have
 * stored it (its session inside the window as seen on the day it was fetched). Unchanged results
 * write nothing, so only real differences reach the change log.
 */
export async function reprocessSource(source: SourceDefinition, deps: Omit<RunDeps, "fetcher">): Promise<RunSummary> {
  const { db, now } = deps;
  const run = await startRun(db, source.id, "reprocess", now());
  const counts: RunCounts = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
  const errors: RunError[] = [];
  const directory = new MunicipalityDirectory(await listAllMunicipalities(db));
  const windowDays = Number(source.config.windowDays ?? DEFAULT_WINDOW_DAYS);
  for (const capture of await latestCapturesOfSource(db, source.id)) {
    if (source.kind !== "lblod") break;
    const parsed = lblodPage.safeParse(await parseLblodPage(capture.body, capture.finalUrl));
    if (!parsed.success) {
      errors.push({ url: capture.url, reason: "the stored page does not match the LBLOD publication schema", at: now().toISOString() });
      continue;
    }
    const date = pageDate(parsed.data);
    const windowStart = new Date(capture.fetchedAt.getTime() - windowDays * 86_400_000).toISOString().slice(0, 10);
    if (date !== null && date < windowStart) continue;
    const stored = await storeLblodPage(db, {
      page: parsed.data,
      sourceId: source.id,
      sourceMunicipalityNis: source.municipalityNis,
      runId: run.id,
      captureId: capture.id,
      directory,
      now: now(),
    });
    counts.itemsInserted += stored.inserted;
    counts.itemsUpdated += stored.updated;
    counts.itemsUnchanged += stored.unchanged;
  }
  if (source.kind !== "lblod") {
    errors.push({ url: source.startUrl, reason: `sources of kind "${source.kind}" cannot be reprocessed yet`, at: now().toISOString() });
  }
  const status = errors.length > 0 ? "partial" : "ok";
  await finishRun(db, run.id, { ...counts, status, errors, finishedAt: now() });
  return { runId: run.id, sourceId: source.id, status, counts, errors };
}
