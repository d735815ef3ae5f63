import { describe, expect, it } from "vitest";
import { schedulePeriodMs, sourceHealth } from "../../schema/source-health.js";

const now = new Date("2026-11-20T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const nightly = { enabled: true, schedule: "0 3 * * *", timezone: "Europe/Brussels", lastRunAt: hoursAgo(9), lastSuccessAt: hoursAgo(9), consecutiveFailures: 0 };

describe("source health", () => {
  it("reads the period of a schedule", () => {
    expect(schedulePeriodMs("0 3 * * *", "Europe/Brussels")).toBe(24 * 3_600_000);
    expect(schedulePeriodMs("*/15 * * * *", "Europe/Brussels")).toBe(15 * 60_000);
    expect(schedulePeriodMs("not a schedule", "Europe/Brussels")).toBeNull();
  });
  it.each([
    ["ok after a recent success", nightly, "ok"],
    ["disabled before anything else", { ...nightly, enabled: false, consecutiveFailures: 3 }, "disabled"],
    ["never run", { ...nightly, lastRunAt: null, lastSuccessAt: null }, "never_run"],
    ["failing when the last run failed", { ...nightly, consecutiveFailures: 1 }, "failing"],
    ["stale after more than two periods without success", { ...nightly, lastRunAt: hoursAgo(49), lastSuccessAt: hoursAgo(49) }, "stale"],
    ["still ok within two periods", { ...nightly, lastSuccessAt: hoursAgo(47) }, "ok"],
  ] as const)("%s", (_name, source, status) => {
    expect(sourceHealth(source, now)).toBe(status);
  });
});
