import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimFire, claimsOfSource } from "../../db/queries/schedule-claims.js";
import { nextRunOf } from "../../schema/source-health.js";
import { createFireClaims } from "../../scrapers/fire-claims.js";
import { createScheduler, previousFire, ScheduleError, type ScheduledFire, type SchedulerOptions } from "../../scrapers/schedule.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";
import { buildSource } from "../helpers/builders.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const logger = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function source(overrides: Partial<SourceDefinition>): SourceDefinition {
  return defineSource({
    id: "test:source",
    kind: "lblod",
    name: "Test source",
    startUrl: "http://127.0.0.1:1/zittingen/lijst",
    schedule: "15 3 * * *",
    enabled: true,
    municipalityNis: null,
    config: {},
    ...overrides,
  });
}

describe(`the scheduler (${testDriver})`, () => {
  let db: TestDb;
  const ids = ["a", "every-second", "flaky", "twice", "lapsed", "hourly", "slow"];
  beforeAll(async () => {
    db = await createTestDb();
    for (const id of ids) await buildSource(db.db, { id, kind: "lblod", name: id, startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *" });
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A scheduler of its own worker (`host:pid` would be the same for all of them in this process). */
  function scheduler(worker: string, options: Pick<SchedulerOptions, "sources" | "run"> & Partial<SchedulerOptions>, leaseMs = 3_000) {
    return createScheduler({ logger, db: db.db, claims: createFireClaims({ db: db.db, worker, leaseMs, logger }), sweepMs: 60_000, catchUpAfterMs: 1_000, ...options });
  }

  it("schedules enabled sources only and reports their next run in Europe/Brussels", async () => {
    const s = scheduler("w1", { sources: [source({ id: "a", schedule: "15 3 * * *" }), source({ id: "b", enabled: false })], run: async () => {} });
    const runs = s.nextRuns();
    expect(runs.map((r) => r.sourceId)).toEqual(["a"]);
    const next = runs[0]?.nextRun as Date;
    const brussels = new Intl.DateTimeFormat("nl-BE", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hour12: false }).format(next);
    expect(brussels).toBe("03:15");
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600 * 1000);
    await s.stop();
  });

  it("names the source and the field of an invalid schedule", () => {
    const invalid = () => scheduler("w1", { sources: [source({ id: "lblod:x", schedule: "61 * * * *" })], run: async () => {} });
    expect(invalid).toThrow(ScheduleError);
    expect(invalid).toThrow(/source lblod:x: invalid schedule "61 \* \* \* \*"/);
  });

  it("never starts a source while its previous run is busy, and stop() waits for the run", async () => {
    let started = 0;
    let finished = 0;
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const s = scheduler("w1", {
      sources: [source({ id: "every-second", schedule: "* * * * * *" })],
      run: async () => {
        started++;
        await blocked;
        finished++;
      },
    });
    // Three ticks pass while the first run is held open.
    await sleep(3_300);
    expect(started).toBe(1);
    const stopping = s.stop();
    release();
    expect(await stopping).toEqual({ abandoned: [] });
    expect(finished).toBe(1);
  });

  it("keeps scheduling after a run fails, and a failed run's fire counts as run", async () => {
    const fires: ScheduledFire[] = [];
    const s = scheduler("w1", {
      sources: [source({ id: "flaky", schedule: "* * * * * *" })],
      run: async (_source, fire) => {
        fires.push(fire);
        throw new Error("site unreachable");
      },
    });
    await sleep(2_300);
    await s.stop();
    expect(fires.length).toBeGreaterThanOrEqual(2);
    const claims = await claimsOfSource(db.db, "flaky");
    expect(claims.map((c) => c.fireAt.toISOString())).toEqual(fires.map((f) => f.fireAt.toISOString()));
    expect(claims.map((c) => [c.how, c.outcome, c.finishedAt !== null])).toEqual(fires.map(() => ["schedule", "failed", true]));
  });

  it("runs each fire once with two schedulers on the same database, and every fire is run", async () => {
    const runs: { worker: string; fire: string }[] = [];
    const make = (worker: string) =>
      scheduler(worker, {
        sources: [source({ id: "twice", schedule: "* * * * * *" })],
        run: async (_source, fire) => {
          runs.push({ worker, fire: fire.fireAt.toISOString() });
          await sleep(100);
        },
      });
    const [one, two] = [make("w1"), make("w2")];
    const from = Date.now();
    await sleep(5_400);
    await Promise.all([one.stop(), two.stop()]);
    const fires = runs.map((r) => r.fire);
    expect(new Set(fires).size).toBe(fires.length);
    // Every whole second of the window fired (the first may fall before it, the last after it).
    const seconds = fires.map((f) => Date.parse(f)).sort((x, y) => x - y);
    expect(seconds.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seconds.length; i++) expect((seconds[i] as number) - (seconds[i - 1] as number)).toBe(1000);
    expect((seconds[0] as number) - from).toBeLessThan(1_500);
    const claims = await claimsOfSource(db.db, "twice");
    expect(claims.map((c) => c.fireAt.toISOString())).toEqual([...fires].sort());
    expect(new Set(claims.map((c) => c.outcome))).toEqual(new Set(["ran"]));
  });

  it("takes over a fire whose claim lapsed unfinished (its worker died), once", async () => {
    const fireAt = new Date(Date.UTC(2026, 0, 5, 7, 0, 0));
    expect(await claimFire(db.db, { sourceId: "lapsed", fireAt }, { worker: "dead-host:1", leaseMs: 1, how: "schedule" })).toBe(true);
    await sleep(20);
    const runs: { worker: string; how: string; fire: string }[] = [];
    const make = (worker: string) =>
      scheduler(worker, { sources: [source({ id: "lapsed", schedule: "0 0 1 1 *" })], run: async (_s, fire) => void runs.push({ worker, how: fire.how, fire: fire.fireAt.toISOString() }) });
    const [one, two] = [make("w1"), make("w2")];
    await Promise.all([one.sweep(), two.sweep()]);
    await sleep(100);
    await Promise.all([one.stop(), two.stop()]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ how: "takeover", fire: fireAt.toISOString() });
    const [claim] = await claimsOfSource(db.db, "lapsed");
    expect(claim).toMatchObject({ attempts: 2, how: "takeover", claimedBy: runs[0]?.worker });
    expect(claim?.finishedAt).not.toBeNull();
  });

  it("catches up the latest fire missed while no scheduler ran, once, and not a source's first fire", async () => {
    // Hourly at minute 0: in Brussels (a whole-hour offset from UTC) that is every whole UTC hour.
    const latestHour = new Date(Math.floor((Date.now() - 1_000) / 3_600_000) * 3_600_000);
    const threeHoursBefore = new Date(latestHour.getTime() - 3 * 3_600_000);
    await claimFire(db.db, { sourceId: "hourly", fireAt: threeHoursBefore }, { worker: "old:1", leaseMs: 60_000, how: "schedule" });
    await db.db.execute(`update schedule_claims set finished_at = now() where source_id = 'hourly'`);
    const runs: ScheduledFire[] = [];
    const sources = [source({ id: "hourly", schedule: "0 * * * *" }), source({ id: "a", schedule: "0 * * * *" })];
    const [one, two] = [scheduler("w1", { sources, run: async (_s, fire) => void runs.push(fire) }), scheduler("w2", { sources, run: async (_s, fire) => void runs.push(fire) })];
    await Promise.all([one.sweep(), two.sweep()]);
    await one.sweep();
    await sleep(100);
    await Promise.all([one.stop(), two.stop()]);
    // Two fires were missed (the two hours between); the latest is run once; "a" never had a fire.
    expect(runs.map((r) => [r.sourceId, r.how, r.fireAt.toISOString()])).toEqual([["hourly", "catch-up", latestHour.toISOString()]]);
  });

  it("releases the claim of a run still going when stop's grace ends, and another worker takes the fire over", async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fires: ScheduledFire[] = [];
    const one = scheduler("w1", {
      sources: [source({ id: "slow", schedule: "* * * * * *" })],
      run: async (_s, fire) => {
        fires.push(fire);
        await blocked;
      },
    });
    await sleep(1_300);
    expect(fires).toHaveLength(1);
    const { abandoned } = await one.stop({ graceMs: 50 });
    expect(abandoned.map((f) => f.fireAt.toISOString())).toEqual([fires[0]?.fireAt.toISOString()]);
    const taken: ScheduledFire[] = [];
    const two = scheduler("w2", { sources: [source({ id: "slow", schedule: "0 0 1 1 *" })], run: async (_s, fire) => void taken.push(fire) });
    await two.sweep();
    await sleep(50);
    await two.stop();
    release();
    expect(taken.map((f) => [f.how, f.fireAt.toISOString()])).toEqual([["takeover", fires[0]?.fireAt.toISOString()]]);
  });
});

describe("previousFire and nextRunOf", () => {
  it("gives the latest fire at or before a time, in the schedule's time zone", () => {
    // 06:00 in Brussels is 05:00 UTC in winter.
    expect(previousFire("0 6 * * *", "Europe/Brussels", new Date("2026-12-01T05:00:00Z"))?.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(previousFire("0 6 * * *", "Europe/Brussels", new Date("2026-12-01T04:59:59Z"))?.toISOString()).toBe("2026-11-30T05:00:00.000Z");
    expect(previousFire("*/5 * * * * *", "Europe/Brussels", new Date("2026-12-01T02:00:07.400Z"))?.toISOString()).toBe("2026-12-01T02:00:05.000Z");
    expect(previousFire("not a cron", "Europe/Brussels", new Date())).toBeNull();
  });

  it("computes the next run of a pattern in Brussels time without scheduling it", () => {
    const next = nextRunOf("30 4 * * *") as Date;
    const local = new Intl.DateTimeFormat("nl-BE", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hour12: false }).format(next);
    expect(local).toBe("04:30");
    expect(nextRunOf("not a cron")).toBeNull();
  });
});
