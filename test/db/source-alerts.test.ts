import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createWebhookSecret } from "../../api/webhooks/webhook-secret.js";
import { createHealthAlerts } from "../../cli/alert-webhook.js";
import { findSource, recordSourceHealth } from "../../db/queries/sources.js";
import { sourceHealth } from "../../schema/source-health.js";
import { runSource } from "../../scrapers/run-source.js";
import { buildHistoryPages, historyIndexPath } from "../fixtures/lblod-replay/history.js";
import { waitFor } from "../helpers/wait-for.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestRunDeps, kortenbergSource } from "../helpers/scrape-deps.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.js";

describe(`source health: alerts and rhythm (${testDriver})`, () => {
  let db: TestDb;
  let site: ReplaySite;
  let receiver: WebhookReceiver;
  const secret = createWebhookSecret();
  const alerts = () =>
    createHealthAlerts({ url: `${receiver.url}/alerts`, secret, userAgent: "Vangnet-test", logger: pino({ level: "silent" }), timeoutMs: 2_000, retryDelaysMs: [20, 20] });

  beforeAll(async () => {
    db = await createTestDb();
    site = await startReplaySite();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await site?.close();
    await db?.close();
  });

  it("sends one signed alert when a source starts failing and one when it recovers, retrying a refused one with the same id", async () => {
    receiver.route("/alerts", (_request, previous) => ({ status: previous === 0 ? 503 : 204 }), [secret]);
    const health = alerts();
    const deps = { ...createTestRunDeps(db.db), alerts: health };
    const source = kortenbergSource(site, { id: "lblod:alerts" });
    const startPath = new URL(site.startUrl).pathname;

    await runSource(source, deps, { trigger: "manual" });
    site.setFault(startPath, { kind: "status", status: 500 });
    const failed = await runSource(source, deps, { trigger: "manual" });
    expect(failed.status).toBe("failed");
    await runSource(source, deps, { trigger: "manual" });
    site.setFault(startPath, null);
    const recovered = await runSource(source, deps, { trigger: "manual" });
    expect(recovered.status).toBe("ok");
    await waitFor(() => receiver.at("/alerts").filter((r) => r.answered === 204).length === 2);
    await health.drain();

    const delivered = receiver.at("/alerts").filter((r) => r.answered === 204);
    const bodies = delivered.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    // Two failing runs in a row make one alert; the ok runs before and after make none but the recovery.
    expect(bodies.map((b) => b.type)).toEqual(["source.failing", "source.recovered"]);
    expect(bodies[0]?.data).toMatchObject({ sourceId: "lblod:alerts", runId: failed.runId, consecutiveFailures: 1 });
    expect(String(bodies[0]?.data.error)).toMatch(/500/);
    expect(bodies[1]?.data).toMatchObject({ sourceId: "lblod:alerts", runId: recovered.runId, consecutiveFailures: 0, error: null });
    for (const request of delivered) expect(request.verifiedWith).toEqual([secret]);
    // Each was refused once (503) and sent again with the same webhook-id.
    const ids = receiver.at("/alerts").map((r) => r.headers["webhook-id"]);
    expect(ids).toEqual([`alert_${failed.runId}_failing`, `alert_${failed.runId}_failing`, `alert_${recovered.runId}_recovered`, `alert_${recovered.runId}_recovered`]);
  });

  it("learns a source's rhythm from the runs that find new documents, and calls it stale when it goes quiet", async () => {
    // A site of its own: its documents are new to the database.
    const history = await startReplaySite({ pages: buildHistoryPages(), startPath: historyIndexPath(0) });
    onTestFinished(() => history.close());
    const source = kortenbergSource(history, { id: "lblod:rhythm" });
    let clock = new Date("2026-11-20T12:00:00Z");
    const deps = { ...createTestRunDeps(db.db), now: () => clock };
    const fresh = await runSource(source, deps, { trigger: "schedule" });
    expect(fresh.counts.itemsInserted).toBeGreaterThan(0);
    let row = await findSource(db.db, source.id);
    expect(row).toMatchObject({ lastNewDocumentAt: clock, newDocumentGapS: null, newDocumentGaps: 0 });

    // The next night's run finds nothing new: the rhythm stays as it was.
    const first = clock;
    clock = new Date(clock.getTime() + 86_400_000);
    const quietRun = await runSource(source, deps, { trigger: "schedule" });
    expect(quietRun.counts.itemsInserted).toBe(0);
    row = await findSource(db.db, source.id);
    expect(row).toMatchObject({ lastNewDocumentAt: first, newDocumentGaps: 0, lastSuccessAt: clock });

    // Four runs that found new documents, two days apart, as recorded at their end.
    const start = new Date("2026-12-01T03:00:00Z");
    for (let n = 0; n < 4; n++) {
      await recordSourceHealth(db.db, source.id, { finishedAt: new Date(start.getTime() + n * 2 * 86_400_000), succeeded: true, error: null, foundNew: true });
    }
    row = await findSource(db.db, source.id);
    // Gaps: 10 days 15 hours (2026-11-20 12:00 → 12-01 03:00), then 2, 2, 2 days; weighted 0.3 per new gap.
    const day = 86_400;
    const expected = 0.7 * (0.7 * (0.7 * 10.625 * day + 0.3 * 2 * day) + 0.3 * 2 * day) + 0.3 * 2 * day;
    expect(row?.newDocumentGaps).toBe(4);
    expect(row?.newDocumentGapS).toBeCloseTo(expected, 3);
    const last = new Date(start.getTime() + 3 * 2 * 86_400_000);
    expect(row?.lastNewDocumentAt).toEqual(last);
    if (!row) throw new Error("no source row");
    // Runs go on succeeding but find nothing new: stale once four usual gaps have passed.
    const quiet = (days: number) => sourceHealth({ ...row, lastSuccessAt: new Date(last.getTime() + days * 86_400_000), lastRunAt: new Date(last.getTime() + days * 86_400_000) }, new Date(last.getTime() + days * 86_400_000));
    expect(quiet(1)).toBe("ok");
    expect(quiet(Math.ceil((4 * expected) / day) + 1)).toBe("stale");
  });
});
