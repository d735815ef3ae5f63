import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SourceDeclaration, syncSources } from "../../db/queries/sources.js";
import { createHarvestMonitor, type HarvestMonitor } from "../../scrapers/harvest-progress.js";
import { buildScrapeRun } from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const HARVEST_QUERY = "{ harvest { state sourcesDone sourcesTotal startedAt finishedAt } }";

const declared: SourceDeclaration[] = ["gent", "leuven", "brugge"].map((name) => ({
  id: `lblod:test-${name}`,
  kind: "lblod",
  name,
  startUrl: `http://127.0.0.1:9/${name}`,
  schedule: "0 3 * * *",
  enabled: true,
  municipalityNis: null,
  config: {},
}));

describe(`the first harvest in /healthz and GraphQL (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let monitor: HarvestMonitor;
  const started = new Date("2026-11-30T08:00:00.000Z");
  const ended = (minutes: number) => new Date(started.getTime() + minutes * 60_000);

  /** A run of the first harvest that started with the harvest and ended `minutes` later. */
  const harvestRun = (sourceId: string, minutes: number) => buildScrapeRun(db.db, { sourceId, trigger: "harvest", status: "ok", startedAt: started, finishedAt: ended(minutes) });

  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, declared);
    monitor = createHarvestMonitor({ db: db.db, enabledSourceIds: declared.map((s) => s.id), logger: pino({ level: "silent" }) });
    api = await startTestApi(db, { harvest: () => monitor.current() });
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });

  const health = async () => ((await (await fetch(`${api.url}/healthz`)).json()) as { harvest: unknown }).harvest;

  it("shows the same progress in both, step by step", async () => {
    await harvestRun("lblod:test-gent", 3);
    await monitor.refresh();
    expect(await health()).toEqual({ state: "running", sourcesDone: 1, sourcesTotal: 3, startedAt: "2026-11-30T08:00:00.000Z", finishedAt: null });
    expect((await api.graphql(HARVEST_QUERY)).body).toEqual({
      data: { harvest: { state: "RUNNING", sourcesDone: 1, sourcesTotal: 3, startedAt: "2026-11-30T08:00:00.000Z", finishedAt: null } },
    });

    await harvestRun("lblod:test-leuven", 5);
    await harvestRun("lblod:test-brugge", 4);
    await monitor.refresh();
    // Done when the last source was: Leuven's run ended last, five minutes in.
    const done = { sourcesDone: 3, sourcesTotal: 3, startedAt: "2026-11-30T08:00:00.000Z", finishedAt: "2026-11-30T08:05:00.000Z" };
    expect(await health()).toEqual({ state: "done", ...done });
    expect((await api.graphql(HARVEST_QUERY)).body).toEqual({ data: { harvest: { state: "DONE", ...done } } });
  });

  it("is OFF where the server knows of no harvest (the demo, `serve` without sources)", async () => {
    const bare = await startTestApi(db);
    try {
      expect((await bare.graphql(HARVEST_QUERY)).body).toEqual({
        data: { harvest: { state: "OFF", sourcesDone: 0, sourcesTotal: 0, startedAt: null, finishedAt: null } },
      });
    } finally {
      await bare.close();
    }
  });
});
