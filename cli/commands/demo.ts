import type { RunDeps, RunSummary, runSource } from "../../scrapers/run-source.js";
import type { SourceDefinition } from "../../scrapers/source.js";
import { type Config, servingOptionsOf } from "../config.js";
import { createDemoOutput, type DemoOutput, describeDuration, describeRunCounts, describeSummary, type TextSink } from "../demo/demo-output.js";
import { planDemo } from "../demo/demo-plan.js";
import { createReplayFetcher } from "../demo/replay-fetcher.js";
import { startReplaySite } from "../demo/replay-server.js";
import type { Logger } from "../logger.js";

/** The demo's fixtures are dated in autumn 2026; collect from here whatever today's date is. */
const DEMO_SINCE = "2026-09-01";
/** Errors of one source printed under its line; the rest are in `sources { runs }`. */
const ERRORS_SHOWN = 5;

export interface DemoOptions {
  port: number;
  host: string;
  /** PGlite directory to keep the demo data in; default in memory. */
  dataDir: string | undefined;
}

/**
 * The modules that do the work, loaded once the first line is out: run through tsx they take
 * seconds to load, and the demo says what it is doing before that.
 */
async function loadWork() {
  const [migration, api, run, http, pool, documents, measures, changes, register] = await Promise.all([
    import("../../db/migrate.js"),
    import("../../api/server.js"),
    import("../../scrapers/run-source.js"),
    import("../../scrapers/fetchers/http.js"),
    import("../../scrapers/parsers/parse-pool.js"),
    import("../../db/queries/documents.js"),
    import("../../db/queries/measures.js"),
    import("../../db/queries/change-log.js"),
    import("../../db/reference/municipality-register.js"),
  ]);
  return { ...migration, ...api, ...run, ...http, ...pool, ...documents, ...measures, ...changes, ...register };
}

/**
 * The code and the database, loaded side by side. When one fails the other is not left open
 * (an opened PGlite directory holds its lock until closed).
 */
async function settleBoth<W, H extends { close(): Promise<void> }>(loading: Promise<W>, opening: Promise<H>): Promise<{ work: W; handle: H }> {
  const [work, handle] = await Promise.allSettled([loading, opening]);
  if (work.status === "fulfilled" && handle.status === "fulfilled") return { work: work.value, handle: handle.value };
  if (handle.status === "fulfilled") await handle.value.close();
  throw work.status === "rejected" ? work.reason : (handle as PromiseRejectedResult).reason;
}

/**
 * The runs' logger. The demo's line per source says what each run did, so the runs' `info` lines
 * ("run finished", "page mended") would say it twice; warnings and errors stay, and LOG_LEVEL
 * debug or trace shows everything.
 */
function runLogger(logger: Logger): Logger {
  return logger.levelVal === logger.levels.values.info ? logger.child({}, { level: "warn" }) : logger;
}

/** Run one source, drawing its progress live and leaving a line with the result and the time it took. */
async function collect(run: typeof runSource, source: SourceDefinition, deps: RunDeps, output: DemoOutput, label: string): Promise<RunSummary> {
  const started = performance.now();
  output.progress(`${label}  starting`);
  const summary = await run(source, deps, {
    trigger: "demo",
    since: DEMO_SINCE,
    onProgress: (counts, errors) => output.progress(`${label}  ${describeRunCounts(counts, errors.length)}`),
  });
  const warnings = summary.warnings.length > 0 ? `  warnings ${summary.warnings.length}` : "";
  output.line(`${label}  ${summary.status.padEnd(7)}  ${describeRunCounts(summary.counts, summary.errors.length)}${warnings}  ${describeDuration(performance.now() - started)}`);
  for (const error of summary.errors.slice(0, ERRORS_SHOWN)) output.line(`      ${error.url}: ${error.reason}`);
  return summary;
}

/** SIGINT or SIGTERM: the demo stops between two sources, or once it serves. */
function listenForStop() {
  let requested = false;
  let resolve = () => {};
  const stopped = new Promise<void>((done) => {
    resolve = done;
  });
  const onSignal = () => {
    requested = true;
    resolve();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    stopped,
    isRequested: () => requested,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/**
 * `vangnet demo`: serve the project's fixtures on local replay sites under the public origins they
 * imitate, run the built-in definitions of their sources once against them, and serve the API
 * over the result, saying on standard output what it does as it goes (a line per step and per
 * source, drawn live on a terminal) and closing with what was collected and the URLs to open.
 * Nothing leaves the machine, and two demos store the same documents under the same URIs.
 * The data is in memory, or in the PGlite directory `--data-dir`; never in DATABASE_URL's
 * database, which may hold real data.
 */
export async function runDemo(config: Config, logger: Logger, options: DemoOptions, out: TextSink = process.stdout): Promise<number> {
  const output = createDemoOutput(out);
  const plan = planDemo();
  const hosts = [...plan.sites.keys()].map((origin) => new URL(origin).host);
  output.line(
    `Vangnet demo: ${plan.sources.length} sources read from local replays of ${hosts.length} sites (${hosts.join(", ")}), ` +
      "then the API over what they stored. Nothing leaves this machine.",
  );
  const stop = listenForStop();
  const opened: { close(): Promise<unknown> }[] = [];
  try {
    output.progress("loading …");
    const where = options.dataDir ?? "in memory";
    const databaseStarted = performance.now();
    const [{ createDb }, { readPgliteTemplate }] = await Promise.all([import("../../db/client.js"), import("../../db/pglite-template.js")]);
    // PGlite's first start (compiling its WebAssembly, then initdb, or loading the build's migrated
    // template) takes seconds: it runs while the rest loads.
    const database = options.dataDir ? createDb({ dataDir: options.dataDir }) : createDb({ dataDir: "memory://", pgliteDump: readPgliteTemplate() });
    const { work, handle } = await settleBoth(loadWork(), database);
    opened.push(handle);
    const parser = work.createParsePool({ workers: config.VANGNET_PARSE_WORKERS, timeoutMs: config.VANGNET_PARSE_TIMEOUT_MS, maxBytes: config.VANGNET_MAX_BODY_BYTES });
    opened.push(parser);
    // The parse worker loads its modules on another thread while the database is migrated.
    void parser.analyse({ text: "", date: null, publisher: null });
    const api = await work.createApiServer({ logger, development: config.NODE_ENV === "development", serving: servingOptionsOf(config) });
    opened.push(api);

    const sitesStarted = performance.now();
    const sites = await Promise.all([...plan.sites].map(async ([origin, pages]) => ({ origin, site: await startReplaySite({ pages, startPath: "/" }) })));
    opened.push(...sites.map(({ site }) => site));
    output.line(`  replay sites    ${sites.length} on 127.0.0.1  ${describeDuration(performance.now() - sitesStarted)}`);

    output.progress(`  database        ${where}, migrating …`);
    const report = await work.migrate(handle);
    output.line(`  database        ${where}, ${report.applied.length} migrations applied  ${describeDuration(performance.now() - databaseStarted)}`);

    // No politeness spacing: this fetcher reaches the demo's own sites and nothing else.
    const http = work.createHttpFetcher({ userAgent: "Vangnet demo", requestsPerSecondPerHost: Number.POSITIVE_INFINITY, timeoutMs: config.VANGNET_FETCH_TIMEOUT_MS, maxBodyBytes: config.VANGNET_MAX_BODY_BYTES });
    const fetcher = createReplayFetcher(http, new Map(sites.map(({ origin, site }) => [origin, site.origin])));
    const deps: RunDeps = { db: handle.db, fetcher, parser, now: () => new Date(), logger: runLogger(logger), municipalities: work.municipalityRegister() };
    const summaries: RunSummary[] = [];
    for (const [index, source] of plan.sources.entries()) {
      if (stop.isRequested()) return 1;
      summaries.push(await collect(work.runSource, source, deps, output, `[${index + 1}/${plan.sources.length}] ${source.id.padEnd(26)}`));
    }

    const totals = {
      decisions: await work.countDocuments(handle.db, { kinds: ["council_decision"] }),
      pressReleases: await work.countDocuments(handle.db, { kinds: ["press_release"] }),
      measures: await work.countMeasures(handle.db, {}),
      changes: await work.countChanges(handle.db, {}),
      sources: summaries.length,
      failedSources: summaries.filter((s) => s.status === "failed").length,
    };
    api.setDatabase(handle);
    const address = await api.listen(options.port, options.host);
    // An API listening on every address is opened through this machine's name for itself.
    const host = address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address.includes(":") ? `[${address.address}]` : address.address;
    for (const line of describeSummary({ ...totals, readyAfterMs: process.uptime() * 1000 }, `http://${host}:${address.port}`)) output.line(line);
    await stop.stopped;
    return totals.failedSources > 0 ? 1 : 0;
  } finally {
    stop.dispose();
    // Closed in the reverse order of opening: the API before its database.
    for (const resource of opened.reverse()) await resource.close();
  }
}
