import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { nextRunOf } from "../../schema/source-health.js";
import { createScheduler, ScheduleError } from "../../scrapers/schedule.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";

const logger = pino({ level: "silent" });

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

describe("the scheduler", () => {
  it("schedules enabled sources only and reports their next run in Europe/Brussels", async () => {
    const scheduler = createScheduler({
      sources: [source({ id: "a", schedule: "15 3 * * *" }), source({ id: "b", enabled: false })],
      run: async () => {},
      logger,
    });
    const runs = scheduler.nextRuns();
    expect(runs.map((r) => r.sourceId)).toEqual(["a"]);
    const next = runs[0]?.nextRun as Date;
    const brussels = new Intl.DateTimeFormat("nl-BE", {
      timeZone: "Europe/Brussels",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }).format(next);
    expect(brussels).toBe("03:15");
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3600 * 1000);
    await scheduler.stop();
  });

  it("names the source and the field of an invalid schedule", () => {
    expect(() =>
      createScheduler({ sources: [source({ id: "lblod:x", schedule: "61 * * * *" })], run: async () => {}, logger }),
    ).toThrow(ScheduleError);
    expect(() =>
      createScheduler({ sources: [source({ id: "lblod:x", schedule: "61 * * * *" })], run: async () => {}, logger }),
    ).toThrow(/source lblod:x: invalid schedule "61 \* \* \* \*"/);
  });

  it("never starts a source while its previous run is busy, and stop() waits for the run", async () => {
    let started = 0;
    let finished = 0;
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheduler = createScheduler({
      sources: [source({ id: "every-second", schedule: "* * * * * *" })],
      run: async () => {
        started++;
        await blocked;
        finished++;
      },
      logger,
    });
    // Three ticks pass while the first run is held open.
    await new Promise((resolve) => setTimeout(resolve, 3_300));
    expect(started).toBe(1);
    const stopping = scheduler.stop();
    release();
    await stopping;
    expect(finished).toBe(1);
  });

  it("keeps scheduling after a run fails", async () => {
    let attempts = 0;
    const scheduler = createScheduler({
      sources: [source({ id: "flaky", schedule: "* * * * * *" })],
      run: async () => {
        attempts++;
        throw new Error("site unreachable");
      },
      logger,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    await scheduler.stop();
    expect(attempts).toBeGreaterThanOrEqual(2);
  });
});

describe("nextRunOf", () => {
  it("computes the next run of a pattern in Brussels time without scheduling it", () => {
    const next = nextRunOf("30 4 * * *") as Date;
    const local = new Intl.DateTimeFormat("nl-BE", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hour12: false }).format(next);
    expect(local).toBe("04:30");
    expect(nextRunOf("not a cron")).toBeNull();
  });
});
