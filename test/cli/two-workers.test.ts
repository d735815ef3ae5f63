import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { buildQuietSitePages, QUIET_START_PATH } from "../fixtures/lblod-replay/quiet-site.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { cleanEnv, VANGNET_BIN } from "../helpers/run-cli.js";
import { createPostgresDatabase } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn("\n[vangnet] TEST_DATABASE_URL is not set: the test of two `vangnet worker` processes on one Postgres is skipped (PGlite is one process).\n");

const SOURCES = ["lblod:twin-a", "lblod:twin-b"] as const;
const PERIOD_MS = 2_000;

interface Worker {
  child: ChildProcess;
  log: () => string;
}

interface ClaimRow {
  source_id: string;
  fire_at: Date;
  claimed_by: string;
  attempts: number;
  how: string;
  outcome: string | null;
  finished_at: Date | null;
}

interface RunRow {
  source_id: string;
  fire_at: Date | null;
  worker: string;
  status: string;
  interrupted: boolean;
}

/** Two `vangnet worker` processes on one Postgres database, firing every two seconds. */
describe.runIf(serverUrl)("two `vangnet worker` processes on one Postgres", () => {
  let sql: postgres.Sql;
  let drop: () => Promise<void>;
  let workDir: string;
  let env: NodeJS.ProcessEnv;
  const sites: ReplaySite[] = [];
  const workers: Worker[] = [];

  function startWorker(): Worker {
    let log = "";
    const child = spawn(process.execPath, [VANGNET_BIN, "worker"], { env, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      log += chunk;
    });
    const worker = { child, log: () => log };
    workers.push(worker);
    return worker;
  }
  const claims = () => sql<ClaimRow[]>`select source_id, fire_at, claimed_by, attempts, how, outcome, finished_at from schedule_claims order by source_id, fire_at`;
  const runs = () => sql<RunRow[]>`select source_id, fire_at, worker, status, interrupted from scrape_runs where trigger = 'schedule' order by id`;
  const finishedFires = async (source: string) => (await claims()).filter((c) => c.source_id === source && c.finished_at !== null).length;

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    const handle = await createDb({ databaseUrl: database.url });
    await migrate(handle);
    await handle.close();
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    workDir = mkdtempSync(join(tmpdir(), "vangnet-twin-"));
    for (let i = 0; i < SOURCES.length; i++) sites.push(await startReplaySite({ pages: buildQuietSitePages(), startPath: QUIET_START_PATH }));
    const sourcesFile = join(workDir, "sources.yaml");
    writeFileSync(sourcesFile, `sources:\n${SOURCES.map((id, i) => `  - id: ${id}\n    kind: lblod\n    name: Twin ${i}\n    startUrl: ${sites[i]?.startUrl}\n    schedule: "*/2 * * * * *"\n`).join("")}`);
    env = cleanEnv({
      DATABASE_URL: database.url,
      VANGNET_SOURCES_FILE: sourcesFile,
      VANGNET_REQUESTS_PER_SECOND: "50",
      VANGNET_SCHEDULE_LEASE_S: "3",
      VANGNET_SCHEDULE_SWEEP_S: "0.5",
      VANGNET_SCHEDULE_CATCH_UP_AFTER_S: "3",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
    });
  }, 60_000);

  afterAll(async () => {
    for (const { child } of workers) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const site of sites) await site.close();
    await sql?.end();
    await drop?.();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("runs each fire of each source once, and a worker killed mid-run loses no fire and doubles none", { timeout: 180_000 }, async () => {
    const [one, two] = [startWorker(), startWorker()];
    for (const worker of [one, two]) await waitFor(() => worker.log().includes("scheduler started"), { child: worker.child, what: "the scheduler to start" });

    // 1. Both run fires: ten of each source, shared between them.
    await waitFor(async () => (await finishedFires(SOURCES[0])) >= 10 && (await finishedFires(SOURCES[1])) >= 10);
    const byWorker = new Set((await claims()).map((c) => c.claimed_by));
    expect(byWorker.size, "both workers won claims").toBe(2);

    // 2. Site a holds its start page: the next run of source a stays in progress; its worker is killed.
    let release = () => {};
    sites[0]?.setFault(QUIET_START_PATH, { kind: "held", until: new Promise<void>((resolve) => (release = resolve)) });
    await waitFor(async () => (await sql`select 1 from scrape_runs where source_id = ${SOURCES[0]} and status = 'running'`).length > 0);
    const [held] = await sql<{ worker: string; fire_at: Date }[]>`select worker, fire_at from scrape_runs where source_id = ${SOURCES[0]} and status = 'running'`;
    const victim = [one, two].find((w) => held?.worker.endsWith(`:${w.child.pid}`));
    expect(victim, `the running worker ${held?.worker} is one of ours`).toBeDefined();
    const survivor = victim === one ? two : one;
    victim?.child.kill("SIGKILL");
    sites[0]?.setFault(QUIET_START_PATH, null);
    release();

    // 3. The survivor takes the killed fire over once its lease lapses, and goes on firing.
    const killedFire = held?.fire_at as Date;
    await waitFor(async () => (await claims()).some((c) => c.source_id === SOURCES[0] && c.fire_at.getTime() === killedFire.getTime() && c.finished_at !== null), {
      child: survivor.child,
      what: "the killed fire to be taken over",
    });
    await waitFor(async () => (await finishedFires(SOURCES[0])) >= 22 && (await finishedFires(SOURCES[1])) >= 22, { child: survivor.child, what: "22 fires of each source" });
    survivor.child.kill("SIGTERM");
    await new Promise((resolve) => survivor.child.once("exit", resolve));

    const allClaims = await claims();
    const allRuns = await runs();
    for (const source of SOURCES) {
      const fires = allClaims.filter((c) => c.source_id === source);
      // No fire lost: from the first to the last, one claim every two seconds, each finished.
      const times = fires.map((c) => c.fire_at.getTime());
      for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number), `${source}: fires follow every 2 s`).toBe(PERIOD_MS);
      expect(fires.length).toBeGreaterThanOrEqual(20);
      expect(fires.every((c) => c.finished_at !== null)).toBe(true);
      // None doubled: each fire that ran has exactly one completed run, and no fire has more.
      for (const fire of fires) {
        const completed = allRuns.filter((r) => r.source_id === source && r.fire_at?.getTime() === fire.fire_at.getTime() && !r.interrupted && r.status !== "running");
        if (fire.outcome === "ran") expect(completed, `${source} ${fire.fire_at.toISOString()}`).toHaveLength(1);
        else expect(completed, `${source} ${fire.fire_at.toISOString()} (${fire.outcome})`).toHaveLength(0);
      }
      // A fire is skipped only while its source's run was held and its worker dead (a few seconds).
      const skipped = fires.filter((c) => c.outcome !== "ran");
      expect(skipped.every((c) => c.outcome === "busy")).toBe(true);
      expect(skipped.length).toBeLessThanOrEqual(source === SOURCES[0] ? 4 : 0);
    }
    const killed = allClaims.find((c) => c.source_id === SOURCES[0] && c.fire_at.getTime() === killedFire.getTime());
    expect(killed).toMatchObject({ attempts: 2, how: "takeover", outcome: "ran" });
    expect(killed?.claimed_by.endsWith(`:${survivor.child.pid}`)).toBe(true);
    const killedRuns = allRuns.filter((r) => r.source_id === SOURCES[0] && r.fire_at?.getTime() === killedFire.getTime());
    expect(killedRuns.map((r) => [r.interrupted, r.worker.endsWith(`:${victim?.child.pid}`)])).toEqual([
      [true, true],
      [false, false],
    ]);
  });
});
