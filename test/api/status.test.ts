import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendChange } from "../../db/queries/change-log.js";
import { buildPressRelease, buildSource } from "../helpers/builders.js";
import { documentEntry } from "../helpers/change-entries.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-12-01T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describe(`GET /api/status (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;

  beforeAll(async () => {
    db = await createTestDb();
    // Hourly sources: one fine, one failing, one silent for a day (stale), one never run, one disabled.
    const hourly = { kind: "feed" as const, startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *" };
    await buildSource(db.db, { ...hourly, id: "news:ok", name: "Fine" });
    await buildSource(db.db, { ...hourly, id: "news:failing", name: "Failing" });
    await buildSource(db.db, { ...hourly, id: "news:stale", name: "Silent" });
    await buildSource(db.db, { ...hourly, id: "news:new", name: "New" });
    await buildSource(db.db, { ...hourly, id: "news:off", name: "Off", enabled: false });
    // Runs fine, but has found nothing new for 10 days where a day apart was usual: stale as well.
    await buildSource(db.db, { ...hourly, id: "news:quiet", name: "Quiet" });
    // Raw SQL parameters as ISO text: postgres.js's unsafe() takes no Date.
    const at = (h: number) => hoursAgo(h).toISOString();
    await db.rows(`update sources set last_run_at = $1, last_success_at = $1 where id = 'news:ok'`, [at(0.5)]);
    await db.rows(`update sources set last_run_at = $1, last_success_at = $2, consecutive_failures = 3, last_error = 'HTTP 503 at http://127.0.0.1:9/rss' where id = 'news:failing'`, [at(0.5), at(4)]);
    await db.rows(`update sources set last_run_at = $1, last_success_at = $1 where id = 'news:stale'`, [at(24)]);
    await db.rows(`update sources set last_run_at = $1, last_success_at = $1, last_new_document_at = $2, new_document_gap_s = 86400, new_document_gaps = 5 where id = 'news:quiet'`, [at(0.5), at(240)]);
    await buildPressRelease(db.db, { uri: "https://example.org/status/1", sourceId: "news:ok", title: "Eerste", text: "Tekst een.", publishedAt: hoursAgo(30) });
    await buildPressRelease(db.db, { uri: "https://example.org/status/2", sourceId: "news:ok", title: "Tweede", text: "Tekst twee.", publishedAt: hoursAgo(40) });
    await db.db.transaction((tx) => appendChange(tx, documentEntry("document.created", 77)));
    await db.rows(`insert into scrape_runs (source_id, trigger, worker, started_at, heartbeat_at, pages_fetched) values ('news:ok', 'schedule', 'host:1', $1, $1, 4)`, [at(0.1)]);
    await db.rows(`insert into backfills (source_id, since, status, requested_by, attempts, pages_fetched, pages_reused, items_inserted, reached_date) values ('news:ok', '2019-01-01', 'running', 'cli', 2, 120, 40, 300, '2023-05-15')`);
    await db.rows(`insert into backfills (source_id, since, status, requested_by) values ('news:stale', '2020-01-01', 'done', 'first-start')`);
    api = await startTestApi(db, { clock: () => NOW });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it("counts sources by health and names those that need attention, with the newest document, the change log's head and the runs going on", async () => {
    const response = await fetch(`${api.url}/api/status`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const status = (await response.json()) as Record<string, unknown>;
    const [{ seq, at }] = (await db.rows<{ seq: string; at: Date }>("select seq::text as seq, occurred_at as at from change_log order by seq desc limit 1")) as [{ seq: string; at: Date }];
    expect(status).toEqual({
      status: "degraded",
      checkedAt: NOW.toISOString(),
      sources: {
        total: 6,
        ok: 1,
        stale: 2,
        failing: 1,
        never_run: 1,
        disabled: 1,
        needingAttention: [
          { id: "news:failing", name: "Failing", health: "failing", lastSuccessAt: hoursAgo(4).toISOString(), lastError: "HTTP 503 at http://127.0.0.1:9/rss", consecutiveFailures: 3, lastNewDocumentAt: null, newDocumentIntervalSeconds: null },
          { id: "news:quiet", name: "Quiet", health: "stale", lastSuccessAt: hoursAgo(0.5).toISOString(), lastError: null, consecutiveFailures: 0, lastNewDocumentAt: hoursAgo(240).toISOString(), newDocumentIntervalSeconds: 86_400 },
          { id: "news:stale", name: "Silent", health: "stale", lastSuccessAt: hoursAgo(24).toISOString(), lastError: null, consecutiveFailures: 0, lastNewDocumentAt: null, newDocumentIntervalSeconds: null },
        ],
      },
      // Stored last, though published earlier than the first.
      newestDocument: expect.objectContaining({ uri: "https://example.org/status/2", title: "Tweede", kind: "press_release", publishedAt: hoursAgo(40).toISOString() }),
      changeLog: { headSeq: seq, headAt: new Date(at).toISOString() },
      running: [{ sourceId: "news:ok", trigger: "schedule", startedAt: hoursAgo(0.1).toISOString(), heartbeatAt: hoursAgo(0.1).toISOString(), pagesFetched: 4 }],
      harvest: { state: "off", sourcesDone: 0, sourcesTotal: 0, startedAt: null, finishedAt: null },
      // The finished one is history; the one going on shows how far back it got.
      backfills: [{ sourceId: "news:ok", since: "2019-01-01", status: "running", reachedDate: "2023-05-15", attempts: 2, pagesFetched: 120, pagesReused: 40, itemsInserted: 300, lastError: null }],
    });
  });
});
