import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.js";
import { buildQuietSitePages, QUIET_START_PATH } from "../fixtures/lblod-replay/quiet-site.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";

const NAMES = ["a", "b", "c", "d"] as const;
type Name = (typeof NAMES)[number];

/** A `vangnet start` as a user runs it, with its log on standard error. */
interface Service {
  child: ChildProcess;
  stderr: () => string;
  url: string;
  exited: Promise<number | null>;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not seen within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the first harvest of `vangnet start` against local replay sites", () => {
  const sites = {} as Record<Name, ReplaySite>;
  let workDir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const releases: (() => void)[] = [];

  /** Hold a site's start page until the test lets it go: its source's run stays in progress. */
  function hold(name: Name): () => void {
    let release = () => {};
    sites[name].setFault(QUIET_START_PATH, { kind: "held", until: new Promise<void>((resolve) => (release = resolve)) });
    releases.push(release);
    return () => {
      sites[name].setFault(QUIET_START_PATH, null);
      release();
    };
  }
  const startPageRequests = (name: Name) => sites[name].requests.filter((r) => r.path === QUIET_START_PATH).length;

  async function start(): Promise<Service> {
    let stderr = "";
    const child = spawn(process.execPath, [VANGNET_BIN, "start", "--port", "0", "--host", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await waitUntil(() => /API listening on (http:\/\/\S+)\/graphql/.test(stderr) || child.exitCode !== null, "the API listening");
    const url = stderr.match(/API listening on (http:\/\/\S+)\/graphql/)?.[1];
    if (!url) throw new Error(`vangnet start exited early:\n${stderr}`);
    return { child, stderr: () => stderr, url, exited };
  }

  /** /healthz's harvest once the database is ready (/readyz). */
  async function harvestHealth(service: Service): Promise<Record<string, unknown> | null> {
    if ((await fetch(`${service.url}/readyz`)).status !== 200) return null;
    const response = await fetch(`${service.url}/healthz`);
    return ((await response.json()) as { harvest: Record<string, unknown> }).harvest;
  }

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "vangnet-harvest-"));
    dataDir = join(workDir, "data");
    for (const name of NAMES) sites[name] = await startReplaySite({ pages: buildQuietSitePages(), startPath: QUIET_START_PATH });
    const sourcesFile = join(workDir, "sources.yaml");
    // A schedule far from any test run (1 January, 03:00): only the harvest runs these sources.
    writeFileSync(
      sourcesFile,
      `sources:\n${NAMES.map((name) => `  - id: lblod:harvest-${name}\n    kind: lblod\n    name: Site ${name}\n    startUrl: ${sites[name].startUrl}\n    schedule: "0 3 1 1 *"\n`).join("")}`,
    );
    env = cleanEnv({
      VANGNET_DATA_DIR: dataDir,
      VANGNET_SOURCES_FILE: sourcesFile,
      VANGNET_FIRST_HARVEST: "true",
      VANGNET_HARVEST_CONCURRENCY: "1",
      VANGNET_REQUESTS_PER_SECOND: "50",
      LOG_LEVEL: "info",
    });
  });

  afterAll(async () => {
    for (const release of releases) release();
    for (const site of Object.values(sites)) await site.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("harvests an empty database while the API answers, resumes after a kill, stops on SIGTERM, and ends", { timeout: 240_000 }, async () => {
    // 0. Before any start, `vangnet sources` says what the first one will do.
    const before = await runCli(["sources"], env);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/^first harvest: not begun; the next `vangnet start` \(or `vangnet worker`\) collects every source not run yet, right away$/m);
    expect(before.stdout).toMatch(/^lblod:harvest-a .* never run /m);

    // 1. An empty database: the harvest begins at once. Site b holds its start page, so the harvest stays at 1 of 4.
    const releaseB = hold("b");
    const first = await start();
    try {
      await waitUntil(() => startPageRequests("b") === 1, "lblod:harvest-b's run started");
      await waitUntil(async () => (await harvestHealth(first)) !== null, "the database ready");
      expect(await harvestHealth(first)).toMatchObject({ state: "running", sourcesDone: 1, sourcesTotal: 4, finishedAt: null });
      // The API answers meanwhile, the harvest's progress included.
      const answer = await fetch(`${first.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: '{ harvest { state sourcesDone sourcesTotal } municipality(nis: "24055") { name } }' }),
      });
      expect(((await answer.json()) as { data: unknown }).data).toEqual({
        harvest: { state: "RUNNING", sourcesDone: 1, sourcesTotal: 4 },
        municipality: { name: "Kortenberg" },
      });
    } finally {
      first.child.kill("SIGKILL");
      await first.exited;
    }
    expect(startPageRequests("c") + startPageRequests("d")).toBe(0);

    // 2. While the service is down, `vangnet sources` says where the harvest stands.
    const listed = await runCli(["sources"], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^first harvest: 1 of 4 sources harvested since \d{4}-\d\d-\d\d \d\d:\d\d UTC; it goes on while `vangnet start` or `vangnet worker` runs, and resumes after a restart$/m);

    // 3. A restart resumes with the sources not harvested (b's killed run included), not a; SIGTERM lets the run in progress end.
    releaseB();
    const releaseC = hold("c");
    const aBefore = sites.a.requests.length;
    const second = await start();
    await waitUntil(() => startPageRequests("c") === 1, "lblod:harvest-c's run started");
    await waitUntil(async () => (await harvestHealth(second))?.sourcesDone === 2, "2 of 4 harvested");
    expect(await harvestHealth(second)).toMatchObject({ state: "running", sourcesTotal: 4 });
    expect(sites.a.requests.length).toBe(aBefore);
    expect(second.stderr()).toContain("first harvest resumed");
    second.child.kill("SIGTERM");
    await waitUntil(() => second.stderr().includes("first harvest: waiting for the runs in progress to end"), "the harvest stopping");
    releaseC();
    expect(await second.exited).toBe(0);
    expect(second.stderr()).toContain("first harvest paused at 3 of 4 sources");
    expect(startPageRequests("d")).toBe(0);
    expect((await runCli(["sources"], env)).stdout).toContain("first harvest: 3 of 4 sources harvested since");

    // 4. The next start runs d only and is done.
    const requestsBefore = Object.fromEntries(NAMES.map((name) => [name, sites[name].requests.length]));
    const third = await start();
    try {
      await waitUntil(() => third.stderr().includes("first harvest finished: 4 of 4 sources harvested"), "the harvest finished");
      await waitUntil(async () => (await harvestHealth(third))?.state === "done", "/healthz saying done");
      expect(await harvestHealth(third)).toMatchObject({ state: "done", sourcesDone: 4, sourcesTotal: 4, finishedAt: expect.any(String) });
      for (const name of ["a", "b", "c"] as const) expect(sites[name].requests.length, name).toBe(requestsBefore[name]);
      expect(startPageRequests("d")).toBe(1);
    } finally {
      third.child.kill("SIGTERM");
      expect(await third.exited).toBe(0);
    }
    expect((await runCli(["sources"], env)).stdout).not.toContain("first harvest");

    // Every source ran once to its end; b's killed run was marked as such by the run that replaced it.
    const handle = await createDb({ dataDir });
    try {
      const runs = await handle.rows<{ source: string; trigger: string; status: string; interrupted: boolean }>(
        "select replace(source_id, 'lblod:harvest-', '') as source, trigger, status, interrupted from scrape_runs order by id",
      );
      expect(runs).toEqual([
        { source: "a", trigger: "harvest", status: "ok", interrupted: false },
        { source: "b", trigger: "harvest", status: "failed", interrupted: true },
        { source: "b", trigger: "harvest", status: "ok", interrupted: false },
        { source: "c", trigger: "harvest", status: "ok", interrupted: false },
        { source: "d", trigger: "harvest", status: "ok", interrupted: false },
      ]);
    } finally {
      await handle.close();
    }
  });

  it("skips, quietly, the scheduled fires of a source the harvest is running", { timeout: 120_000 }, async () => {
    const ownDir = join(workDir, "every-second");
    const sourcesFile = join(workDir, "every-second.yaml");
    writeFileSync(sourcesFile, `sources:\n  - id: lblod:harvest-a\n    kind: lblod\n    name: Site a\n    startUrl: ${sites.a.startUrl}\n    schedule: "* * * * * *"\n`);
    const releaseA = hold("a");
    const requestsBefore = startPageRequests("a");
    let stderr = "";
    const child = spawn(process.execPath, [VANGNET_BIN, "worker"], {
      env: { ...env, VANGNET_DATA_DIR: ownDir, VANGNET_SOURCES_FILE: sourcesFile, LOG_LEVEL: "debug" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // Whole lines only: the last one may still be arriving.
    const refusals = () => stderr.split("\n").slice(0, -1).filter((line) => line.includes("source lblod:harvest-a is already being run"));
    try {
      await waitUntil(() => startPageRequests("a") === requestsBefore + 1, "the harvest's run of lblod:harvest-a started");
      // The schedule fires every second meanwhile: each fire is refused by the run lock, at debug level.
      await waitUntil(() => refusals().length >= 2, "two scheduled fires refused");
      for (const line of refusals()) expect(JSON.parse(line)).toMatchObject({ level: 20, source: "lblod:harvest-a" });
      expect(startPageRequests("a")).toBe(requestsBefore + 1);
    } finally {
      child.kill("SIGTERM");
      releaseA();
      expect(await exited).toBe(0);
    }
  });
});
