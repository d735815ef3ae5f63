import { describe, expect, it } from "vitest";
import { quietLimitMs, schedulePeriodMs, sourceHealth } from "../../schema/source-health.js";

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
    // Usually a new document every 2 days (measured on 5 gaps): quiet for 8 days is the limit.
    ["ok while quiet for less than four usual gaps", { ...nightly, lastNewDocumentAt: hoursAgo(7 * 24), newDocumentGapS: 2 * 86_400, newDocumentGaps: 5 }, "ok"],
    ["stale when quiet for more than four usual gaps", { ...nightly, lastNewDocumentAt: hoursAgo(8 * 24 + 1), newDocumentGapS: 2 * 86_400, newDocumentGaps: 5 }, "stale"],
    ["a rhythm measured on two gaps does not judge yet", { ...nightly, lastNewDocumentAt: hoursAgo(30 * 24), newDocumentGapS: 2 * 86_400, newDocumentGaps: 2 }, "ok"],
    ["failing wins over quiet", { ...nightly, consecutiveFailures: 2, lastNewDocumentAt: hoursAgo(30 * 24), newDocumentGapS: 86_400, newDocumentGaps: 9 }, "failing"],
  ] as const)("%s", (_name, source, status) => {
    expect(sourceHealth(source, now)).toBe(status);
  });
  it("never calls a source quiet within two schedule periods, however fast its rhythm", () => {
    // Hourly new documents on a nightly schedule: four gaps are 4 h, but a run happens only every 24 h.
    expect(quietLimitMs({ ...nightly, newDocumentGapS: 3_600, newDocumentGaps: 10 })).toBe(48 * 3_600_000);
    expect(sourceHealth({ ...nightly, lastNewDocumentAt: hoursAgo(30), newDocumentGapS: 3_600, newDocumentGaps: 10 }, now)).toBe("ok");
  });
});
