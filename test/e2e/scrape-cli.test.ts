import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.js";
import { buildKortenbergPages } from "../fixtures/lblod-replay/kortenberg.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";
import { waitFor } from "../helpers/wait-for.js";

/** The fixture's sessions are fixed in 2026; --since keeps the window independent of today's date. */
const SINCE = "2026-09-21";
const SOURCE_ID = "lblod:kortenberg-replay";

// Each test spawns the CLI: on a loaded machine that takes what it takes; the waits are for events.
describe("vangnet scrape, sources, parse and start against a replay site", { timeout: 300_000 }, () => {
  let site: ReplaySite;
  let sourcesFile: string;
  const env = (dataDir: string, extra: Record<string, string> = {}) =>
    cleanEnv({ VANGNET_DATA_DIR: dataDir, VANGNET_SOURCES_FILE: sourcesFile, VANGNET_REQUESTS_PER_SECOND: "50", ...extra });
  const freshDataDir = () => join(mkdtempSync(join(tmpdir(), "vangnet-scrape-")), "data");

  async function tableCounts(dataDir: string) {
    const db = await createDb({ dataDir });
    try {
      const [row] = await db.rows<{ decisions: number; created: number; runs: string }>(
        `select (select count(*)::int from documents) as decisions,
                (select count(*)::int from change_log where event = 'document.created') as created,
                (select string_agg(status || ':' || coalesce(errors->0->>'reason', ''), ' | ' order by id) from scrape_runs) as runs`,
      );
      return row;
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    site = await startReplaySite();
    sourcesFile = join(mkdtempSync(join(tmpdir(), "vangnet-sources-")), "sources.yaml");
    writeFileSync(
      sourcesFile,
      `sources:\n  - id: ${SOURCE_ID}\n    kind: lblod\n    name: Kortenberg (replay)\n    startUrl: ${site.startUrl}\n    municipalityNis: "24055"\n    schedule: "*/2 * * * * *"\n`,
    );
  });
  afterAll(() => site.close());

  it("fills the database with de-duplicated decisions and lists the source's health", async () => {
    const dataDir = freshDataDir();
    const scrape = await runCli(["scrape", SOURCE_ID, "--since", SINCE], env(dataDir));
    expect(scrape.stderr).toContain(`[1/1] ${SOURCE_ID}  ok`);
    expect(scrape.code).toBe(0);
    // 4 sessions + 9 agenda items + 9 decisions, each inserted exactly once.
    expect(scrape.stdout).toContain("1 source(s): 1 ok, 0 partial, 0 failed");
    expect(scrape.stdout).toContain(`pages fetched ${expected.pagesOfFirstCrawl}, not modified 0; items inserted 22`);

    const again = await runCli(["scrape", SOURCE_ID, "--since", SINCE], env(dataDir));
    expect(again.stdout).toContain(`pages fetched 0, not modified ${expected.pagesOfFirstCrawl}; items inserted 0, updated 0`);

    const sources = await runCli(["sources", "--json"], env(dataDir));
    expect(sources.code).toBe(0);
    const [listed] = JSON.parse(sources.stdout) as Record<string, unknown>[];
    expect(listed).toMatchObject({ id: SOURCE_ID, kind: "lblod", enabled: true, documents: expected.decisionsInWindow, lastRun: { status: "ok" } });
    expect(typeof listed?.nextRun).toBe("string");
    expect(await tableCounts(dataDir)).toMatchObject({ decisions: expected.decisionsInWindow, created: expected.decisionsInWindow });
  });

  it("names unknown sources and bad dates as usage errors", async () => {
    const unknown = await runCli(["scrape", "lblod:atlantis"], env(freshDataDir()));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown source "lblod:atlantis"');
    const badDate = await runCli(["scrape", SOURCE_ID, "--since", "gisteren"], env(freshDataDir()));
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--since must be a date YYYY-MM-DD, got "gisteren"');
  });

  it("finishes a run killed halfway with no duplicates, and marks the killed run failed", async () => {
    const dataDir = freshDataDir();
    const slowPaths = [...buildKortenbergPages().keys()].filter((path) => path.includes("/zittingen/") && !path.endsWith("/agenda"));
    for (const path of slowPaths) site.setFault(path, { kind: "slow", delayMs: 400 });
    const requestsBefore = site.requests.length;
    const child = spawn(process.execPath, [VANGNET_BIN, "scrape", SOURCE_ID, "--since", SINCE], { env: env(dataDir), stdio: "ignore" });
    try {
      await waitFor(() => site.requests.length - requestsBefore >= 8, { child, what: "8 requests reached the site" });
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    } finally {
      for (const path of slowPaths) site.setFault(path, null);
    }
    const halfway = await tableCounts(dataDir);
    expect(halfway?.decisions).toBeLessThan(expected.decisionsInWindow);

    const resumed = await runCli(["scrape", SOURCE_ID, "--since", SINCE], env(dataDir));
    expect(resumed.code).toBe(0);
    const after = await tableCounts(dataDir);
    expect(after).toMatchObject({ decisions: expected.decisionsInWindow, created: expected.decisionsInWindow });
    expect(after?.runs).toMatch(/^failed:the process ended during the run \(killed or crashed\) \| ok:$/);
  });

  it("prints what the parser reads from a saved page", async () => {
    const page = buildKortenbergPages().get(expected.editedNotulenPath) as string;
    const file = join(mkdtempSync(join(tmpdir(), "vangnet-parse-")), "notulen.html");
    writeFileSync(file, page);
    const parsed = await runCli(["parse", "lblod", file]);
    expect(parsed.code).toBe(0);
    const json = JSON.parse(parsed.stdout) as { kind: string; sessions: unknown[]; agendaItems: unknown[]; decisions: { uri: string; title: string }[]; votes: { countFor: number }[] };
    expect(json.kind).toBe("notulen");
    expect(json.sessions).toHaveLength(1);
    expect(json.agendaItems).toHaveLength(2);
    expect(json.decisions.map((d) => d.title)).toEqual(["Overeenkomst met de sociale kruidenier", "Extra bedden in de nachtopvang tijdens de winter"]);
    expect(json.votes.map((v) => v.countFor)).toEqual([7, 7]);
  });

  it("runs the source on its schedule under vangnet start", async () => {
    const dataDir = freshDataDir();
    let stderr = "";
    const child: ChildProcess = spawn(process.execPath, [VANGNET_BIN, "start", "--port", "0", "--host", "127.0.0.1"], {
      env: env(dataDir, { LOG_LEVEL: "info" }),
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    try {
      await waitFor(() => stderr.includes('"msg":"run finished"'), { child, what: "the scheduled run finished" });
      expect(stderr).toContain(`"source":"${SOURCE_ID}"`);
      expect(stderr).toMatch(/"sources":1,/);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
});


describe("vangnet parse for articles", { timeout: 300_000 }, () => {
  it("prints the article of a saved page with the generic extractor and with a source's selectors", async () => {
    const file = join(import.meta.dirname, "../fixtures/news/gent-article-huurpremie.html");
    // Parsing a file fetches nothing, so the built-in sources (with their real URLs) may be loaded.
    const withBuiltins = cleanEnv({ VANGNET_BUILTIN_SOURCES: "true" });
    for (const parser of ["article", "news:gent"]) {
      const { code, stdout } = await runCli(["parse", parser, file], withBuiltins);
      expect(code).toBe(0);
      const article = JSON.parse(stdout) as Record<string, unknown>;
      expect(Object.keys(article).sort()).toEqual(["attachments", "author", "html", "language", "lead", "modifiedAt", "publishedAt", "text", "title", "url"]);
      expect(article).toMatchObject({
        title: "Gent verhoogt de huurpremie voor kwetsbare huurders",
        url: "https://stad.gent/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie",
        attachments: [{ url: "https://stad.gent/sites/default/files/reglement-huurpremie.pdf", title: "reglement (pdf)", mediaType: "application/pdf" }],
      });
    }
    const unknown = await runCli(["parse", "news:atlantis", file], withBuiltins);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown news source "news:atlantis"');
  });
});
