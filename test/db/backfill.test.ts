import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { backfillsOfSource } from "../../db/queries/backfills.js";
import { type BackfillProgress, backfillSinceOf, backfillSource, coveredShare } from "../../scrapers/backfill.js";
import { runSource } from "../../scrapers/run-source.js";
import { buildHistoryPages, historyIndexPath, historySessions, sessionsSince } from "../fixtures/lblod-replay/history.js";
import { sessionPath } from "../fixtures/lblod-replay/kortenberg.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestRunDeps, kortenbergSource } from "../helpers/scrape-deps.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const SINCE = "2019-01-01";
const request = { since: SINCE, refetch: false, again: false, requestedBy: "cli" as const };

// Each walk reads a few hundred pages: more than the default 30 s on a loaded machine.
describe(`backfilling a source's history (${testDriver})`, { timeout: 180_000 }, () => {
  let db: TestDb;
  let site: ReplaySite;
  const source = () => kortenbergSource(site, { id: "lblod:history" });
  // Backfills on the real clock: what they fetched is told from what was stored before by the time of their start.
  const deps = () => ({ ...createTestRunDeps(db.db), now: () => new Date() });
  const decisions = async () => (await db.rows<{ n: number }>("select count(*)::int as n from documents where kind = 'council_decision'"))[0]?.n;
  /** Requests answered (200, 304 or an error) per path, robots.txt aside. */
  const answered = () => {
    const counts = new Map<string, number>();
    for (const r of site.requests) if (r.status !== 0 && r.path !== "/robots.txt") counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
    return counts;
  };

  beforeAll(async () => {
    db = await createTestDb();
    site = await startReplaySite({ pages: buildHistoryPages(), startPath: historyIndexPath(0) });
  });
  afterAll(async () => {
    await site?.close();
    await db?.close();
  });

  it("reads VANGNET_BACKFILL_SINCE as a day, and measures the share of days walked", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(backfillSinceOf("2019-01-01", now)).toBe("2019-01-01");
    expect(backfillSinceOf("30d", now)).toBe("2026-11-01");
    expect(coveredShare("2026-11-01", null, now)).toBe(0);
    expect(coveredShare("2026-11-01", "2026-11-16", now)).toBeCloseTo(15.4167 / 30.4167, 3);
    expect(coveredShare("2026-11-01", "2026-10-01", now)).toBe(1);
  });

  it("collects only the rolling window in a scheduled run", async () => {
    await runSource(source(), createTestRunDeps(db.db), { trigger: "schedule" });
    // 2026-10-15 and 2026-11-15 are within 60 days of 2026-11-20; two decisions each.
    expect(await decisions()).toBe(4);
  });

  it("walks back to its day: every session since then stored, none before, pages stored before not fetched again", async () => {
    const before = answered();
    site.requests.length = 0;
    const seen: BackfillProgress[] = [];
    const outcome = await backfillSource(source(), deps(), request, (p) => seen.push(p));
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;

    expect(await decisions()).toBe(sessionsSince(SINCE).length * 2);
    const stored = await db.rows<{ uri: string }>("select uri from documents where uri like '%hist-2018%'");
    expect(stored).toEqual([]);
    expect(outcome.progress.reachedDate).toBe("2019-01-15");
    expect(outcome.progress.covered).toBe(1);
    // The progress reported went back in time as the walk did.
    const reached = seen.map((p) => p.reachedDate).filter((d): d is string => d !== null);
    expect(reached.length).toBeGreaterThan(10);
    expect([...reached].sort().reverse()).toEqual(reached);

    // Session documents the scheduled run had fetched came from the store; the start page, whose list moves, was fetched again.
    const now = answered();
    const newest = historySessions[0];
    if (!newest) throw new Error("no sessions");
    expect(before.get(sessionPath(newest, "notulen"))).toBe(1);
    expect(now.get(sessionPath(newest, "notulen"))).toBeUndefined();
    expect(now.get(historyIndexPath(0))).toBe(1);
    for (const [path, times] of now) expect({ path, times }).toEqual({ path, times: 1 });
    expect(outcome.progress.pagesReused).toBeGreaterThan(0);
    const notModified = site.requests.filter((r) => r.status === 304).length;
    expect(outcome.progress.pagesFetched + notModified).toBe([...now.values()].reduce((a, b) => a + b, 0));

    const [row] = await backfillsOfSource(db.db, "lblod:history");
    expect(row).toMatchObject({ status: "done", since: SINCE, attempts: 1, reachedDate: "2019-01-15", requestedBy: "cli" });
    const [run] = await db.rows<{ trigger: string; status: string }>("select trigger, status from scrape_runs where id = $1", [outcome.run.runId]);
    expect(run).toEqual({ trigger: "backfill", status: "ok" });
  });

  it("does not walk again what a finished backfill covers, unless asked; asked, it fetches only the moving index pages", async () => {
    site.requests.length = 0;
    const covered = await backfillSource(source(), deps(), { ...request, since: "2020-06-01" });
    expect(covered.status).toBe("covered");
    expect(site.requests).toEqual([]);

    const again = await backfillSource(source(), deps(), { ...request, again: true });
    expect(again.status).toBe("done");
    const fetched = [...answered().keys()];
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((path) => !path.includes("/zittingen/"))).toBe(true);
    expect(await decisions()).toBe(sessionsSince(SINCE).length * 2);
  });

  it("fetches the stored session documents again with refetch", async () => {
    site.requests.length = 0;
    const refetched = await backfillSource(source(), deps(), { ...request, since: "2026-06-01", refetch: true });
    expect(refetched.status).toBe("done");
    const newest = historySessions[0];
    if (!newest) throw new Error("no sessions");
    expect(answered().get(sessionPath(newest, "besluitenlijst"))).toBe(1);
  });

  it("stores, fetching again, the session pages an earlier run kept only the links of (they answer 304)", async () => {
    const own = await createTestDb();
    onTestFinished(() => own.close());
    const ownSource = kortenbergSource(site, { id: "lblod:history-304" });
    await runSource(ownSource, createTestRunDeps(own.db), { trigger: "schedule" });
    const count = async () => (await own.rows<{ n: number }>("select count(*)::int as n from documents where kind = 'council_decision'"))[0]?.n;
    expect(await count()).toBe(4);
    site.requests.length = 0;
    const outcome = await backfillSource(ownSource, { ...createTestRunDeps(own.db), now: () => new Date() }, { ...request, since: "2026-01-01", refetch: true });
    expect(outcome.status).toBe("done");
    expect(site.requests.filter((r) => r.status === 304).length).toBeGreaterThan(5);
    expect(await count()).toBe(sessionsSince("2026-01-01").length * 2);
  });

  it("resumes a failed backfill where it got to: only the pages that failed are fetched", async () => {
    const failing = kortenbergSource(site, { id: "lblod:history-flaky" });
    const oldest = sessionsSince("2025-01-01").at(-1);
    if (!oldest) throw new Error("no sessions");
    site.setFault(sessionPath(oldest, "notulen"), { kind: "status", status: 503 });
    const first = await backfillSource(failing, deps(), { ...request, since: "2025-01-01" });
    expect(first.status).toBe("failed");
    if (first.status !== "failed") return;
    expect(first.reason).toMatch(/1 page\(s\) failed .*notulen.*run the backfill again/);

    site.setFault(sessionPath(oldest, "notulen"), null);
    site.requests.length = 0;
    const second = await backfillSource(failing, deps(), { ...request, since: "2025-01-01" });
    expect(second.status).toBe("done");
    expect([...answered().keys()]).toEqual([sessionPath(oldest, "notulen")]);
    const rows = await backfillsOfSource(db.db, "lblod:history-flaky");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "done", attempts: 2, lastError: null });
  });
});
