import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHistoryPages, historyIndexPath, sessionsSince } from "../fixtures/lblod-replay/history.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { cleanEnv } from "../helpers/run-cli.js";
import { createSharedTestDatabase, type SharedTestDatabase } from "../helpers/test-db.js";
import { startVangnet } from "../helpers/vangnet-process.js";
import { waitFor } from "../helpers/wait-for.js";

const SOURCE = "lblod:first-start-history";
const SINCE = "2024-01-01";

describe("the first start on an empty database with VANGNET_BACKFILL_SINCE", () => {
  let site: ReplaySite;
  let database: SharedTestDatabase;
  let workDir: string;

  beforeAll(async () => {
    site = await startReplaySite({ pages: buildHistoryPages(), startPath: historyIndexPath(0) });
    database = await createSharedTestDatabase("vangnet-first-backfill");
    workDir = mkdtempSync(join(tmpdir(), "vangnet-first-backfill-"));
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await database?.drop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("harvests the window first, then walks the history back to the day, once", { timeout: 180_000 }, async () => {
    const sourcesFile = join(workDir, "sources.yaml");
    writeFileSync(sourcesFile, `sources:\n  - id: ${SOURCE}\n    kind: lblod\n    name: History\n    startUrl: ${site.startUrl}\n    schedule: "0 3 1 1 *"\n`);
    const env = cleanEnv({ ...database.env, VANGNET_SOURCES_FILE: sourcesFile, VANGNET_REQUESTS_PER_SECOND: "50", VANGNET_FIRST_HARVEST: "true", VANGNET_BACKFILL_SINCE: SINCE, LOG_LEVEL: "info", LOG_FORMAT: "json" });
    // The embedded database has one process at a time: the log says when the backfill is done, the database is read after.
    const worker = startVangnet("worker", env);
    await waitFor(() => worker.log().includes(`backfill of ${SOURCE} done`), { child: worker.child, what: "the backfill to finish" });
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    let handle = await database.open();
    try {
      const runs = await handle.rows("select trigger, status from scrape_runs order by id");
      expect(runs).toEqual([
        { trigger: "harvest", status: "ok" },
        { trigger: "backfill", status: "ok" },
      ]);
      const [backfill] = await handle.rows("select since::text as since, requested_by, status, attempts from backfills");
      expect(backfill).toEqual({ since: SINCE, requested_by: "first-start", status: "done", attempts: 1 });
      const [docs] = await handle.rows<{ n: number }>("select count(*)::int as n from documents where kind = 'council_decision'");
      expect(docs?.n).toBe(sessionsSince(SINCE).length * 2);

      // A second start neither harvests nor backfills again.
      await handle.close();
      const again = startVangnet("worker", env);
      await waitFor(() => again.log().includes("scheduler started"), { child: again.child, what: "the worker to be up" });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      again.child.kill("SIGTERM");
      expect(await again.exited).toBe(0);
      handle = await database.open();
      expect(await handle.rows("select trigger from scrape_runs order by id")).toHaveLength(2);
      expect(await handle.rows("select id from backfills")).toHaveLength(1);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
      await handle.close();
    }
  });
});
