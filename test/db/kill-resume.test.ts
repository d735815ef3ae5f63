import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client.js";
import { buildKortenbergPages } from "../fixtures/lblod-replay/kortenberg.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";
import { freshDatabase } from "../helpers/fresh-database.js";
import { testDriver } from "../helpers/test-db.js";

const SOURCE_ID = "lblod:kortenberg-replay";
/** The fixture's sessions are fixed in 2026; --since keeps the window independent of today's date. */
const SINCE = "2026-09-21";
const KILLS = 20;

/** A small deterministic generator, so that a failing sequence of kill moments can be replayed (the seed is printed). */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Everything a scrape stores, without row ids or times: two databases holding the same say the same. */
async function storedState(handle: DbHandle) {
  const q = (sql: string) => handle.rows(sql);
  return {
    documents: await q(`select uri, kind, title, description, text, content_hash, revision, municipality_nis, published_at, status, analysis_hash, pii_redacted
                        from documents order by uri`),
    revisions: await q(`select d.uri, r.revision, r.content_hash, r.title, r.text from document_revisions r join documents d on d.id = r.document_id order by d.uri, r.revision`),
    decisions: await q(`select d.uri, cd.short_title, cd.motivation, cd.operative_text, cd.legal_basis, cd.is_public, cd.seen_in, s.uri as session, a.uri as agenda_item
                        from council_decisions cd join documents d on d.id = cd.document_id
                        left join sessions s on s.id = cd.session_id left join agenda_items a on a.id = cd.agenda_item_id order by d.uri`),
    pages: await q(`select d.uri, p.url, p.page_kind, p.facts from document_pages p join documents d on d.id = p.document_id order by d.uri, p.url`),
    sessions: await q("select uri, municipality_nis, planned_start, started_at, location from sessions order by uri"),
    agendaItems: await q("select a.uri, a.title, a.description, a.position, s.uri as session from agenda_items a left join sessions s on s.id = a.session_id order by a.uri"),
    votes: await q("select v.uri, v.outcome, v.count_for, v.count_against, v.count_abstain, d.uri as decision from votes v left join documents d on d.id = v.decision_document_id order by v.uri"),
    themes: await q("select d.uri, t.code, dt.score from document_themes dt join documents d on d.id = dt.document_id join themes t on t.id = dt.theme_id order by d.uri, t.code"),
    measures: await q(`select m.fingerprint, m.municipality_nis, m.action, d.uri as evidence_in, e.quote
                       from measures m join measure_evidence e on e.measure_id = m.id join documents d on d.id = e.document_id order by m.fingerprint, d.uri, e.quote`),
    captures: await q("select url, content_hash, processed_at is not null as processed from captures order by url, content_hash"),
    running: await q("select id from scrape_runs where status = 'running'"),
  };
}

describe(`a scrape killed with SIGKILL at random moments, then run again (${testDriver})`, () => {
  let site: ReplaySite;
  let sourcesFile: string;

  const env = (database: Record<string, string>) => cleanEnv({ ...database, VANGNET_SOURCES_FILE: sourcesFile, VANGNET_REQUESTS_PER_SECOND: "50" });

  beforeAll(async () => {
    site = await startReplaySite();
    // Slow session pages make a run last long enough for kills to land between its steps.
    for (const path of buildKortenbergPages().keys()) if (path.includes("/zittingen/") || path.includes("/uittreksels/")) site.setFault(path, { kind: "slow", delayMs: 60 });
    sourcesFile = join(mkdtempSync(join(tmpdir(), "vangnet-kill-sources-")), "sources.yaml");
    writeFileSync(
      sourcesFile,
      `sources:\n  - id: ${SOURCE_ID}\n    kind: lblod\n    name: Kortenberg (replay)\n    startUrl: ${site.startUrl}\n    municipalityNis: "24055"\n    schedule: "0 3 * * *"\n`,
    );
  });
  afterAll(() => site.close());

  it(`ends in the state of a clean run after ${KILLS} kills, with no empty revision`, { timeout: 900_000 }, async () => {
    const clean = await freshDatabase("vangnet-kill-");
    const killed = await freshDatabase("vangnet-kill-");
    try {
      const reference = await runCli(["scrape", SOURCE_ID, "--since", SINCE], env(clean.env));
      expect(reference.code, reference.stderr).toBe(0);
      const referenceHandle = await clean.open();
      const expectedState = await storedState(referenceHandle).finally(() => referenceHandle.close());
      expect(expectedState.documents.length).toBeGreaterThan(0);

      const seed = Number(process.env.VANGNET_KILL_SEED ?? Date.now() % 1_000_000);
      const random = randomFrom(seed);
      const moments: number[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        const requestsBefore = site.requests.length;
        const child: ChildProcess = spawn(process.execPath, [VANGNET_BIN, "scrape", SOURCE_ID, "--since", SINCE], { env: env(killed.env), stdio: "ignore" });
        const exited = new Promise((resolve) => child.once("exit", resolve));
        // Kill at a random moment of the crawl: after its first request, within about the time a whole run takes.
        const moment = Math.floor(random() * 1_500);
        moments.push(moment);
        const started = await Promise.race([
          exited.then(() => false),
          (async () => {
            while (site.requests.length === requestsBefore) await new Promise((resolve) => setTimeout(resolve, 5));
            return true;
          })(),
        ]);
        if (started) {
          await new Promise((resolve) => setTimeout(resolve, moment));
          child.kill("SIGKILL");
        }
        await exited;
      }

      const resumed = await runCli(["scrape", SOURCE_ID, "--since", SINCE], env(killed.env));
      expect(resumed.code, `seed ${seed}, kill moments ${moments.join(",")} ms\n${resumed.stderr}`).toBe(0);
      const handle = await killed.open();
      try {
        const state = await storedState(handle);
        expect(state, `seed ${seed}, kill moments ${moments.join(",")} ms`).toEqual(expectedState);
        const empty = await handle.rows("select d.uri, r.revision from document_revisions r join documents d on d.id = r.document_id where r.text = '' or r.text is null");
        expect(empty).toEqual([]);
        const [runs] = await handle.rows<{ interrupted: number }>("select count(*) filter (where interrupted)::int as interrupted from scrape_runs");
        // Most kills land during a run (a few may land before its row exists, or after it finished).
        expect(runs?.interrupted).toBeGreaterThan(KILLS / 2);
      } finally {
        await handle.close();
      }
    } finally {
      await clean.drop();
      await killed.drop();
    }
  });

  it("refuses a second vangnet scrape of a source while the first runs", { timeout: 120_000 }, async () => {
    const database = await freshDatabase("vangnet-kill-");
    const heldPath = new URL(site.startUrl).pathname;
    let release = () => {};
    site.setFault(heldPath, { kind: "held", until: new Promise<void>((resolve) => (release = resolve)) });
    try {
      const requestsBefore = site.requests.length;
      const first = runCli(["scrape", SOURCE_ID, "--since", SINCE], env(database.env));
      // The first run holds its start page until the second command has come and gone.
      while (!site.requests.slice(requestsBefore).some((r) => r.path === heldPath)) await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await runCli(["scrape", SOURCE_ID, "--since", SINCE], env(database.env));
      release();
      expect(second.code).toBe(1);
      // On Postgres the run lock refuses it; the embedded database cannot even be opened by a second process.
      expect(second.stderr + second.stdout).toMatch(
        testDriver === "postgres" ? /source lblod:kortenberg-replay is already being run \(run \d+ by .+\); not started again/ : /in use by process \d+/,
      );
      expect((await first).code).toBe(0);
    } finally {
      release();
      site.setFault(heldPath, null);
      await database.drop();
    }
  });
});
