import { createApiServer } from "../../api/server.js";
import { createDb } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { syncSources } from "../../db/queries/sources.js";
import { type RunSummary, runSource } from "../../scrapers/run-source.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";
import { newsSources } from "../../scrapers/sources/news.js";
import { buildKortenbergPages, START_PATH } from "../../test/fixtures/lblod-replay/kortenberg.js";
import { newsSites } from "../../test/fixtures/news/sites.js";
import { type Config, servingOptionsOf } from "../config.js";
import { startReplaySite } from "../demo/replay-server.js";
import type { Logger } from "../logger.js";
import { createRunDeps } from "../scraping.js";

/** The demo's fixtures are dated in autumn 2026; collect from here whatever today's date is. */
const DEMO_SINCE = "2026-09-01";

export interface DemoOptions {
  port: number;
  host: string;
  /** PGlite directory to keep the demo data in; default in memory. */
  dataDir: string | undefined;
}

/**
 * `vangnet demo`: serve the project's fixtures on local replay sites (an LBLOD publication site
 * and the news sites), point sources at them, run each once, and serve the API over the result,
 * so that a newcomer without internet sees the whole chain work within a minute.
 */
export async function runDemo(config: Config, logger: Logger, options: DemoOptions): Promise<number> {
  const sites = [];
  const sources: SourceDefinition[] = [];
  const lblod = await startReplaySite({ pages: buildKortenbergPages(), startPath: START_PATH });
  sites.push(lblod);
  sources.push(
    defineSource({
      id: "demo:lblod-kortenberg",
      kind: "lblod",
      name: "Kortenberg (demo replay of a Gelinkt Notuleren site)",
      startUrl: lblod.startUrl,
      schedule: "0 3 * * *",
      enabled: true,
      municipalityNis: "24055",
      config: {},
    }),
  );
  for (const news of newsSources()) {
    const fixture = newsSites[news.id];
    if (!fixture) continue;
    const site = await startReplaySite(fixture);
    sites.push(site);
    sources.push({ ...news, id: news.id.replace(/^news:/, "demo:news-"), startUrl: site.startUrl });
  }

  const handle = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: options.dataDir ?? "memory://" });
  const stopSignal = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  const api = await createApiServer({ logger, development: config.NODE_ENV === "development", serving: servingOptionsOf(config) });
  const deps = createRunDeps({ ...config, VANGNET_REQUESTS_PER_SECOND: 20 }, handle.db, logger);
  try {
    await migrate(handle);
    await syncSources(handle.db, sources);
    const summaries: RunSummary[] = [];
    for (const source of sources) {
      const summary = await runSource(source, deps, { trigger: "demo", since: DEMO_SINCE });
      summaries.push(summary);
      const c = summary.counts;
      process.stderr.write(`${source.id.padEnd(28)} ${summary.status.padEnd(8)} pages ${c.pagesFetched}  items +${c.itemsInserted}\n`);
    }
    const [counts] = await handle.rows<{ decisions: number; articles: number; changes: number }>(
      `select (select count(*)::int from documents where kind = 'council_decision') as decisions,
              (select count(*)::int from documents where kind = 'press_release') as articles,
              (select count(*)::int from change_log) as changes`,
    );
    api.setDatabase(handle);
    const address = await api.listen(options.port, options.host);
    process.stdout.write(
      `\nVangnet demo: ${counts?.decisions} council decisions and ${counts?.articles} press releases collected from ${sites.length} local replay sites (${counts?.changes} change-log entries).\n` +
        `Explorer: http://${address.address}:${address.port}/\n` +
        `API: http://${address.address}:${address.port}/graphql   (Ctrl+C stops)\n`,
    );
    await stopSignal;
    return summaries.some((s) => s.status === "failed") ? 1 : 0;
  } finally {
    await deps.close();
    await api.close();
    await handle.close();
    for (const site of sites) await site.close();
  }
}
