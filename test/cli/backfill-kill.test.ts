import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHistoryPages, historyIndexPath, sessionsSince } from "../fixtures/lblod-replay/history.js";
import { sessionPath } from "../fixtures/lblod-replay/kortenberg.js";
import { freshDatabase } from "../helpers/fresh-database.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";
import { testDriver } from "../helpers/test-db.js";

const SOURCE_ID = "lblod:history-replay";
const SINCE = "2021-01-01";

describe(`vangnet backfill killed halfway, then run again (${testDriver})`, () => {
  let site: ReplaySite;
  let sourcesFile: string;
  const env = (database: Record<string, string>) => cleanEnv({ ...database, VANGNET_SOURCES_FILE: sourcesFile, VANGNET_REQUESTS_PER_SECOND: "50" });

  beforeAll(async () => {
    site = await startReplaySite({ pages: buildHistoryPages(), startPath: historyIndexPath(0) });
    sourcesFile = join(mkdtempSync(join(tmpdir(), "vangnet-backfill-sources-")), "sources.yaml");
    writeFileSync(sourcesFile, `sources:\n  - id: ${SOURCE_ID}\n    kind: lblod\n    name: History (replay)\n    startUrl: ${site.startUrl}\n    municipalityNis: "24055"\n    schedule: "0 3 * * *"\n`);
  });
  afterAll(() => site?.close());

  it("finishes with every session since its day, no duplicate, and no page fetched twice", { timeout: 300_000 }, async () => {
    const database = await freshDatabase("vangnet-backfill-");
    // The walk is held (forever) on a session of mid-2023, about halfway back to 2021; the process is killed there.
    const middle = sessionsSince("2023-06-01").at(-1);
    if (!middle) throw new Error("no sessions");
    const heldPath = sessionPath(middle, "besluitenlijst");
    site.setFault(heldPath, { kind: "held", until: new Promise(() => {}) });
    try {
      const child: ChildProcess = spawn(process.execPath, [VANGNET_BIN, "backfill", SOURCE_ID, "--since", SINCE], { env: env(database.env), stdio: "ignore" });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const reached = await Promise.race([
        exited.then(() => false),
        (async () => {
          while (!site.requests.some((r) => r.path === heldPath)) await new Promise((resolve) => setTimeout(resolve, 10));
          return true;
        })(),
      ]);
      expect(reached, "the backfill ended before it reached the held page").toBe(true);
      // Let the pages before the held one be written, then kill.
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill("SIGKILL");
      await exited;
      const beforeKill = site.requests.filter((r) => r.status !== 0).length;
      expect(beforeKill).toBeGreaterThan(20);

      site.setFault(heldPath, null);
      const resumed = await runCli(["backfill", SOURCE_ID, "--since", SINCE], env(database.env));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(/1 source\(s\): 1 done/);

      // No page answered twice over both processes (the held request was never answered).
      const answered = new Map<string, number>();
      for (const r of site.requests) if (r.status !== 0 && r.path !== "/robots.txt") answered.set(r.path, (answered.get(r.path) ?? 0) + 1);
      const twice = [...answered].filter(([, times]) => times > 1);
      expect(twice).toEqual([]);
      expect(answered.get(heldPath)).toBe(1);

      const handle = await database.open();
      try {
        const [docs] = await handle.rows<{ n: number; distinct: number }>("select count(*)::int as n, count(distinct uri)::int as distinct from documents where kind = 'council_decision'");
        expect(docs).toEqual({ n: sessionsSince(SINCE).length * 2, distinct: sessionsSince(SINCE).length * 2 });
        const [backfill] = await handle.rows("select status, attempts, since::text as since, reached_date::text as reached from backfills");
        expect(backfill).toEqual({ status: "done", attempts: 2, since: SINCE, reached: "2021-01-15" });
        const runs = await handle.rows("select trigger, status, interrupted from scrape_runs order by id");
        expect(runs).toEqual([
          { trigger: "backfill", status: "failed", interrupted: true },
          { trigger: "backfill", status: "ok", interrupted: false },
        ]);
        const revisions = await handle.rows<{ n: number }>("select count(*)::int as n from document_revisions group by document_id having count(*) > 1");
        expect(revisions).toEqual([]);
      } finally {
        await handle.close();
      }
    } finally {
      site.setFault(heldPath, null);
      await database.drop();
    }
  });

  it("refuses a backfill without --since, naming what it needs", async () => {
    const result = await runCli(["backfill", SOURCE_ID], env({ VANGNET_DATA_DIR: join(mkdtempSync(join(tmpdir(), "vangnet-backfill-")), "data") }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since is required/);
  });
});
