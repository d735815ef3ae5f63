import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { finishRun, startRun } from "../../db/queries/scrape-runs.js";
import { type SourceDeclaration, syncSources } from "../../db/queries/sources.js";
import { createHarvestMonitor } from "../../scrapers/harvest-progress.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NO_COUNTS = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
const declared: SourceDeclaration[] = ["a", "b"].map((name) => ({
  id: `lblod:${name}`,
  kind: "lblod",
  name,
  startUrl: `http://127.0.0.1:9/${name}`,
  schedule: "0 3 * * *",
  enabled: true,
  municipalityNis: null,
  config: {},
}));

describe(`the first harvest's progress as a service shows it (${testDriver})`, () => {
  let db: TestDb;
  let statements = 0;
  let clock = 0;
  afterEach(async () => {
    await db.close();
  });

  async function setUp() {
    db = await createTestDb({ onQuery: () => statements++ });
    await syncSources(db.db, declared);
    clock = 0;
    return createHarvestMonitor({ db: db.db, enabledSourceIds: declared.map((s) => s.id), logger: pino({ level: "silent" }), now: () => clock });
  }

  async function recordRun(sourceId: string, trigger: string) {
    const run = await startRun(db.db, sourceId, trigger, new Date());
    await finishRun(db.db, run.id, { ...NO_COUNTS, status: "ok", errors: [], finishedAt: new Date() });
  }

  async function until(condition: () => boolean, what: string) {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > 10_000) throw new Error(`not seen: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it("answers at once with the last reading, and reads again in the background once it is 5 s old", async () => {
    const monitor = await setUp();
    await recordRun("lblod:a", "harvest");
    expect(await monitor.refresh()).toMatchObject({ state: "running", sourcesDone: 1 });
    await recordRun("lblod:b", "schedule");

    clock = 5_000;
    const before = statements;
    expect(monitor.current()).toMatchObject({ state: "running", sourcesDone: 1 });
    expect(statements).toBe(before);

    clock = 5_001;
    expect(monitor.current()).toMatchObject({ state: "running", sourcesDone: 1 });
    await until(() => monitor.current().state === "done", "the background reading");
    expect(monitor.current()).toMatchObject({ state: "done", sourcesDone: 2, sourcesTotal: 2 });
  });

  it("stops reading once nothing can change: a harvest done, or a database scheduled before any harvest", async () => {
    const monitor = await setUp();
    await recordRun("lblod:a", "harvest");
    await recordRun("lblod:b", "harvest");
    expect(await monitor.refresh()).toMatchObject({ state: "done" });
    const before = statements;
    for (clock = 10_000; clock < 60_000; clock += 10_000) expect(monitor.current().state).toBe("done");
    expect(statements).toBe(before);
    await db.close();

    const scheduledBefore = await setUp();
    await recordRun("lblod:a", "schedule");
    expect(await scheduledBefore.refresh()).toMatchObject({ state: "off" });
    const after = statements;
    for (clock = 10_000; clock < 60_000; clock += 10_000) expect(scheduledBefore.current().state).toBe("off");
    expect(statements).toBe(after);
  });

  it("keeps reading a database with no harvest yet, where another process may begin one", async () => {
    const monitor = await setUp();
    expect(await monitor.refresh()).toMatchObject({ state: "off", sourcesDone: 0, sourcesTotal: 2 });
    await recordRun("lblod:a", "harvest");
    clock = 10_000;
    monitor.current();
    await until(() => monitor.current().state === "running", "the harvest begun elsewhere");
    expect(monitor.current()).toMatchObject({ state: "running", sourcesDone: 1, sourcesTotal: 2 });
  });
});
