import { hostname } from "node:os";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { finishRun, startRun } from "../../db/queries/scrape-runs.js";
import { syncSources } from "../../db/queries/sources.js";
import type { HarvestProgress } from "../../schema/harvest.js";
import { type FirstHarvest, startFirstHarvest } from "../../scrapers/first-harvest.js";
import { createHarvestMonitor, type HarvestMonitor } from "../../scrapers/harvest-progress.js";
import type { RunDeps } from "../../scrapers/run-source.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import { buildQuietSitePages } from "../fixtures/lblod-replay/quiet-site.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestRunDeps } from "../helpers/scrape-deps.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NO_COUNTS = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };

function lblodSource(id: string, startUrl: string, overrides: Partial<SourceDefinition> = {}): SourceDefinition {
  return defineSource({ id, kind: "lblod", name: id, startUrl, schedule: "0 3 * * *", enabled: true, municipalityNis: null, config: {}, ...overrides });
}

/** Requests a site received for one path (robots.txt aside). */
const requestsFor = (site: ReplaySite, path: string) => site.requests.filter((r) => r.path === path);

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not seen within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe(`the first harvest (${testDriver})`, () => {
  /** Four sites, four hosts (a port each); `a` has a second publication at /tweede. */
  const sites: Record<"a" | "b" | "c" | "d", ReplaySite> = {} as never;
  let db: TestDb;
  let deps: RunDeps;
  let monitor: HarvestMonitor;
  let harvest: FirstHarvest | null;
  let steps: HarvestProgress[];

  const sources = () => [
    lblodSource("lblod:a", sites.a.startUrl),
    lblodSource("lblod:b", sites.b.startUrl),
    lblodSource("lblod:c", sites.c.startUrl),
    lblodSource("lblod:d-disabled", sites.d.startUrl, { enabled: false }),
  ];
  const enabledIds = () => sources().filter((s) => s.enabled).map((s) => s.id);

  async function begin(configured: SourceDefinition[] = sources(), concurrency = 1) {
    steps = [];
    monitor = createHarvestMonitor({ db: db.db, enabledSourceIds: configured.filter((s) => s.enabled).map((s) => s.id), logger: pino({ level: "silent" }) });
    harvest = await startFirstHarvest({ sources: configured, deps, concurrency, monitor, afterRun: (progress) => steps.push(progress) });
    return harvest;
  }

  async function recordRun(sourceId: string, trigger: string, end: "ok" | "failed" | "running" = "ok") {
    const run = await startRun(db.db, sourceId, trigger, expected.now);
    if (end !== "running") await finishRun(db.db, run.id, { ...NO_COUNTS, status: end, errors: [], finishedAt: expected.now });
    return run;
  }

  const runsOf = () =>
    db.rows<{ source_id: string; trigger: string; status: string; interrupted: boolean }>(
      "select source_id, trigger, status, interrupted from scrape_runs order by id",
    );

  beforeAll(async () => {
    for (const name of ["a", "b", "c", "d"] as const) {
      sites[name] = await startReplaySite({ pages: buildQuietSitePages(["/zittingen", "/tweede"]), startPath: "/zittingen" });
    }
  });
  afterAll(async () => {
    for (const site of Object.values(sites)) await site.close();
  });

  afterEach(async () => {
    await harvest?.stop();
    harvest = null;
    for (const site of Object.values(sites)) {
      site.requests.length = 0;
      site.setFault("/zittingen", null);
      site.setFault("/tweede", null);
    }
    await db?.close();
  });

  /** Each test starts from an empty database, with the sources declared as a start declares them. */
  async function freshDatabase() {
    db = await createTestDb();
    deps = createTestRunDeps(db.db);
    await syncSources(db.db, sources());
  }

  it("runs every enabled source once on a database where nothing ran, counting each as it ends", async () => {
    await freshDatabase();
    const started = await begin();
    // Running from the start, before its first run is recorded.
    expect(monitor.current()).toEqual({ state: "running", sourcesDone: 0, sourcesTotal: 3, startedAt: null, finishedAt: null });
    await started?.finished;

    expect(steps.map((p) => `${p.state} ${p.sourcesDone}/${p.sourcesTotal}`)).toEqual(["running 1/3", "running 2/3", "done 3/3"]);
    expect(monitor.current()).toEqual({ state: "done", sourcesDone: 3, sourcesTotal: 3, startedAt: expected.now, finishedAt: expected.now });
    expect(await runsOf()).toEqual([
      { source_id: "lblod:a", trigger: "harvest", status: "ok", interrupted: false },
      { source_id: "lblod:b", trigger: "harvest", status: "ok", interrupted: false },
      { source_id: "lblod:c", trigger: "harvest", status: "ok", interrupted: false },
    ]);
    for (const name of ["a", "b", "c"] as const) expect(requestsFor(sites[name], "/zittingen")).toHaveLength(1);
    expect(sites.d.requests).toEqual([]);

    // The next start finds it done and begins nothing.
    expect(await begin()).toBeNull();
    expect(monitor.current().state).toBe("done");
  });

  it("does not begin on a database where the scheduler has run sources", async () => {
    await freshDatabase();
    await recordRun("lblod:a", "schedule");
    expect(await begin()).toBeNull();
    expect(monitor.current()).toEqual({ state: "off", sourcesDone: 1, sourcesTotal: 3, startedAt: null, finishedAt: null });
    for (const site of Object.values(sites)) expect(site.requests).toEqual([]);
  });

  it("begins where only `vangnet scrape` ran, leaving out what it collected; a reprocess collects nothing", async () => {
    await freshDatabase();
    await recordRun("lblod:a", "manual", "failed");
    await recordRun("lblod:c", "reprocess");
    const started = await begin();
    expect(monitor.current()).toMatchObject({ state: "running", sourcesDone: 1, sourcesTotal: 3 });
    await started?.finished;
    expect(requestsFor(sites.a, "/zittingen")).toEqual([]);
    expect(requestsFor(sites.b, "/zittingen")).toHaveLength(1);
    expect(requestsFor(sites.c, "/zittingen")).toHaveLength(1);
    expect(steps.map((p) => `${p.state} ${p.sourcesDone}/${p.sourcesTotal}`)).toEqual(["running 2/3", "done 3/3"]);
  });

  it("resumes after a restart with the sources not harvested, running again one whose process was killed", async () => {
    await freshDatabase();
    const first = await recordRun("lblod:a", "harvest");
    // lblod:b's harvest run was cut short: its process is gone (a PID that does not run here).
    const killed = await recordRun("lblod:b", "harvest", "running");
    await db.rows(`update scrape_runs set worker = '${hostname()}:999999999' where id = ${killed.id}`);

    const started = await begin();
    expect(monitor.current()).toMatchObject({ state: "running", sourcesDone: 1, sourcesTotal: 3, startedAt: first.startedAt });
    await started?.finished;
    expect(requestsFor(sites.a, "/zittingen")).toEqual([]);
    expect(requestsFor(sites.b, "/zittingen")).toHaveLength(1);
    expect(requestsFor(sites.c, "/zittingen")).toHaveLength(1);
    expect(steps.map((p) => `${p.state} ${p.sourcesDone}/${p.sourcesTotal}`)).toEqual(["running 2/3", "done 3/3"]);
    expect(await runsOf()).toEqual([
      { source_id: "lblod:a", trigger: "harvest", status: "ok", interrupted: false },
      { source_id: "lblod:b", trigger: "harvest", status: "failed", interrupted: true },
      { source_id: "lblod:b", trigger: "harvest", status: "ok", interrupted: false },
      { source_id: "lblod:c", trigger: "harvest", status: "ok", interrupted: false },
    ]);
  });

  it("stops cleanly: the run in progress ends, no other begins, and the next start runs the rest", async () => {
    await freshDatabase();
    let release = () => {};
    sites.a.setFault("/zittingen", { kind: "held", until: new Promise<void>((resolve) => (release = resolve)) });
    const started = (await begin()) as FirstHarvest;
    await until(() => requestsFor(sites.a, "/zittingen").length === 1, "lblod:a's start page requested");
    // What the runs say the moment stop() settles: had it not waited, lblod:a would still be running.
    const stopped = started.stop().then(runsOf);
    release();
    expect(await stopped).toEqual([{ source_id: "lblod:a", trigger: "harvest", status: "ok", interrupted: false }]);
    expect(sites.b.requests).toEqual([]);
    expect(sites.c.requests).toEqual([]);
    expect(monitor.current()).toMatchObject({ state: "running", sourcesDone: 1, sourcesTotal: 3 });

    const resumed = await begin();
    await resumed?.finished;
    expect(requestsFor(sites.a, "/zittingen")).toHaveLength(1);
    expect(requestsFor(sites.b, "/zittingen")).toHaveLength(1);
    expect(requestsFor(sites.c, "/zittingen")).toHaveLength(1);
    expect(monitor.current()).toMatchObject({ state: "done", sourcesDone: 3, sourcesTotal: 3 });
  });

  it("runs at most `concurrency` sources at once, and never two of one host", async () => {
    await freshDatabase();
    const configured = [
      lblodSource("lblod:a", sites.a.startUrl),
      lblodSource("lblod:a-tweede", `${sites.a.origin}/tweede`),
      lblodSource("lblod:b", sites.b.startUrl),
      lblodSource("lblod:c", sites.c.startUrl),
    ];
    let releaseA = () => {};
    let releaseB = () => {};
    sites.a.setFault("/zittingen", { kind: "held", until: new Promise<void>((resolve) => (releaseA = resolve)) });
    sites.b.setFault("/zittingen", { kind: "held", until: new Promise<void>((resolve) => (releaseB = resolve)) });
    const started = await begin(configured, 2);

    // Two at once: lblod:a and lblod:b (lblod:a-tweede shares lblod:a's host and waits).
    await until(() => requestsFor(sites.a, "/zittingen").length === 1 && requestsFor(sites.b, "/zittingen").length === 1, "a and b started");
    const [running] = await db.rows<{ n: number }>("select count(*)::int as n from scrape_runs where status = 'running'");
    expect(running?.n).toBe(2);
    expect(sites.c.requests).toEqual([]);

    // b ends: c takes its place, not a-tweede, whose host is still busy.
    releaseB();
    await until(() => steps.length === 2, "b and c harvested");
    expect(requestsFor(sites.a, "/tweede")).toEqual([]);
    expect(steps.map((p) => p.sourcesDone)).toEqual([1, 2]);

    releaseA();
    await started?.finished;
    // lblod:a-tweede began only when lblod:a had read its last page.
    const onA = sites.a.requests.filter((r) => r.path !== "/robots.txt").map((r) => r.path);
    expect(onA).toEqual(["/zittingen", "/zittingen/2020-03-03/agenda", "/tweede", "/zittingen/2020-03-03/agenda"]);
    expect(monitor.current()).toMatchObject({ state: "done", sourcesDone: 4, sourcesTotal: 4 });
  });

  it("leaves a source being run elsewhere to that run, and counts it once that run ends", async () => {
    await freshDatabase();
    // A `vangnet scrape` of lblod:a in progress (this process stands in for it: its PID is alive).
    const elsewhere = await recordRun("lblod:a", "manual", "running");
    const started = await begin();
    await started?.finished;
    expect(sites.a.requests).toEqual([]);
    expect(monitor.current()).toMatchObject({ state: "running", sourcesDone: 2, sourcesTotal: 3, finishedAt: null });

    await finishRun(db.db, elsewhere.id, { ...NO_COUNTS, status: "ok", errors: [], finishedAt: expected.now });
    expect(await monitor.refresh()).toEqual({ state: "done", sourcesDone: 3, sourcesTotal: 3, startedAt: expected.now, finishedAt: expected.now });
  });

  it("counts only the enabled sources of the configuration, whatever else the tables hold", async () => {
    await freshDatabase();
    await recordRun("lblod:a", "harvest");
    // A source no longer configured, with a harvest run of its own, is neither done nor to do.
    await recordRun("lblod:d-disabled", "harvest");
    monitor = createHarvestMonitor({ db: db.db, enabledSourceIds: enabledIds(), logger: pino({ level: "silent" }) });
    expect(await monitor.refresh()).toMatchObject({ state: "running", sourcesDone: 1, sourcesTotal: 3 });
  });
});
