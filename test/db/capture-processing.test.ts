import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { SourceBusyError } from "../../db/queries/scrape-runs.js";
import { type RunDeps, runSource } from "../../scrapers/run-source.js";
import type { SourceDefinition } from "../../scrapers/source.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestRunDeps, kortenbergSource } from "../helpers/scrape-deps.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/** A database whose transactions all fail, as when the process dies between saving a page and storing it. */
function withFailingTransactions(db: Database): Database {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "transaction") return async () => Promise.reject(new Error("simulated crash before the page was stored"));
      return Reflect.get(target, property, receiver);
    },
  });
}

describe(`a page counts as seen only once what it says is stored (${testDriver})`, () => {
  let db: TestDb;
  let site: ReplaySite;
  let deps: RunDeps;
  let source: SourceDefinition;
  const count = async (table: string) => (await db.rows<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n;

  beforeAll(async () => {
    db = await createTestDb();
    site = await startReplaySite();
    source = kortenbergSource(site);
    deps = createTestRunDeps(db.db);
  });
  afterAll(async () => {
    await site.close();
    await db.close();
  });

  it("parses a page again on a 304 when storing it did not finish", async () => {
    const crashed = await runSource(source, { ...deps, db: withFailingTransactions(db.db) }, { trigger: "manual" });
    // Pages linked only from pages that failed (the extract, index page 2) are not reached yet.
    expect(crashed.counts.pagesFetched).toBeGreaterThan(10);
    expect(crashed.errors.length).toBeGreaterThan(0);
    expect(crashed.errors.every((e) => e.reason.includes("simulated crash"))).toBe(true);
    expect(await count("documents")).toBe(0);

    // The site did not change: every page fetched before answers 304, and those never stored are read again from their capture.
    const healed = await runSource(source, deps, { trigger: "manual" });
    expect(healed.errors).toEqual([]);
    expect(healed.counts).toMatchObject({ pagesFetched: expected.pagesOfFirstCrawl - crashed.counts.pagesFetched, pagesNotModified: crashed.counts.pagesFetched });
    expect(await count("sessions")).toBe(expected.sessionsInWindow);
    expect(await count("agenda_items")).toBe(expected.agendaItemsInWindow);
    expect(await count("documents")).toBe(expected.decisionsInWindow);
    expect(await count("document_revisions")).toBe(expected.decisionsInWindow);
    const [rent] = await db.rows<{ motivation: string; seen_in: string[] }>(
      "select cd.motivation, cd.seen_in from documents d join council_decisions cd on cd.document_id = d.id where d.uri = $1",
      [expected.rentSubsidy.uri],
    );
    expect(rent).toEqual({ motivation: expected.rentSubsidy.motivation, seen_in: expected.rentSubsidy.pages });
    expect(await db.rows("select url from captures where processed_at is null")).toEqual([]);

    // Now everything is processed: a third run neither parses nor writes anything.
    const changes = await count("change_log");
    const quiet = await runSource(source, deps, { trigger: "manual" });
    expect(quiet.counts).toMatchObject({ pagesNotModified: expected.pagesOfFirstCrawl, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 });
    expect(await count("change_log")).toBe(changes);
  });

  it("refuses a second run of a source while one is running", async () => {
    site.setFault(expected.s4NotulenPath, { kind: "slow", delayMs: 300 });
    try {
      const first = runSource(source, deps, { trigger: "manual" });
      // The first run's row is written before its first request; wait for that request.
      while (!site.requests.some((r) => r.path === expected.s4NotulenPath && r.status === 0)) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = runSource(source, deps, { trigger: "manual" });
      await expect(second).rejects.toBeInstanceOf(SourceBusyError);
      await expect(second).rejects.toThrow(/^source lblod:kortenberg-replay is already being run \(run \d+ by .+:\d+ since .+\); not started again$/);
      expect((await first).status).toBe("ok");
      // Once it finished, the source can run again.
      expect((await runSource(source, deps, { trigger: "manual" })).status).toBe("ok");
    } finally {
      site.setFault(expected.s4NotulenPath, null);
    }
    const running = await db.rows("select id from scrape_runs where status = 'running'");
    expect(running).toEqual([]);
  });
});
