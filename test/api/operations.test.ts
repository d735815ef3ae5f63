import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../db/queries/api-keys.js";
import { latestChangeSeq } from "../../db/queries/change-log.js";
import { buildPressRelease, buildSource } from "../helpers/builders.js";
import { parsePrometheusText, type PromSample } from "../helpers/prometheus.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/** A pino logger writing JSON lines into an array. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines, raw };
}

describe(`operations endpoints: /metrics, /readyz, request ids (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  const captured = capturingLogger();

  beforeAll(async () => {
    db = await createTestDb();
    await buildSource(db.db, { id: "news:ops", kind: "feed", name: "Ops", startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *" });
    await buildPressRelease(db.db, { uri: "https://example.org/ops/1", sourceId: "news:ops", title: "Bericht", text: "De stad verhoogt de huurpremie." });
    await db.rows(
      `insert into scrape_runs (source_id, trigger, status, finished_at, pages_fetched, pages_not_modified, items_inserted, items_updated)
       values ('news:ops', 'schedule', 'ok', now(), 10, 4, 3, 1), ('news:ops', 'schedule', 'failed', now(), 2, 0, 0, 0), ('news:ops', 'manual', 'ok', now(), 5, 5, 0, 2)`,
    );
    api = await startTestApi(db, { logger: captured.logger, serving: { rateLimit: { anonymous: 5 } } });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  const metrics = async (): Promise<PromSample[]> => {
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };
  /** The value of the sample `name` whose labels include `labels` (NaN when there is none). */
  const value = (samples: PromSample[], name: string, labels: Record<string, string> = {}) =>
    samples.find((m) => m.name === name && Object.entries(labels).every(([k, v]) => m.labels[k] === v))?.value ?? Number.NaN;
  const typeOf = (samples: PromSample[], family: string) => samples.find((m) => m.family === family)?.type;

  it("serves the Prometheus text format: HTTP and GraphQL latency, refusals, the database's figures, the process", async () => {
    for (let i = 0; i < 3; i++) expect((await api.graphql("query Hello { __typename }")).status).toBe(200);
    // The budget is 5 points: the fourth to sixth requests spend the rest, then 429.
    let refused = 0;
    for (let i = 0; i < 4; i++) if ((await api.graphql("{ __typename }")).status === 429) refused++;
    expect(refused).toBeGreaterThan(0);

    const samples = await metrics();
    expect(typeOf(samples, "vangnet_http_request_duration_seconds")).toBe("histogram");
    expect(value(samples, "vangnet_http_request_duration_seconds_count", { route: "/graphql", method: "POST", status: "200" })).toBe(5);
    expect(value(samples, "vangnet_http_request_duration_seconds_count", { route: "/graphql", method: "POST", status: "429" })).toBe(refused);
    expect(value(samples, "vangnet_http_request_duration_seconds_bucket", { route: "/graphql", method: "POST", status: "200", le: "+Inf" })).toBe(5);
    expect(value(samples, "vangnet_graphql_operation_duration_seconds_count", { operation: "Hello", type: "query", outcome: "ok" })).toBe(3);
    expect(value(samples, "vangnet_rate_limit_refusals_total", { tier: "anonymous" })).toBe(refused);
    // From the runs inserted above: 2 ok and 1 failed, 17 pages of which 9 were 304s, 3 + 0 inserted, 1 + 2 updated.
    expect(value(samples, "vangnet_scrape_runs", { status: "ok" })).toBe(2);
    expect(value(samples, "vangnet_scrape_runs", { status: "failed" })).toBe(1);
    expect(value(samples, "vangnet_pages_fetched", { how: "all" })).toBe(17);
    expect(value(samples, "vangnet_pages_fetched", { how: "not_modified" })).toBe(9);
    expect(value(samples, "vangnet_documents_written", { how: "inserted" })).toBe(3);
    expect(value(samples, "vangnet_documents_written", { how: "updated" })).toBe(3);
    expect(value(samples, "vangnet_change_log_head")).toBe(await latestChangeSeq(db.db));
    expect(value(samples, "vangnet_change_log_lag")).toBe(0);
    expect(value(samples, "vangnet_webhook_deliveries", { status: "pending" })).toBe(0);
    expect(value(samples, "vangnet_subscribers")).toBe(0);
    expect(samples.some((m) => m.name === "vangnet_database_connections")).toBe(true);
    expect(typeOf(samples, "nodejs_eventloop_lag_seconds")).toBe("gauge");
    expect(typeOf(samples, "process_resident_memory_bytes")).toBe("gauge");
  });

  it("gives every request an id, in the X-Request-Id header and on its log line; keeps a caller's plain id; logs no key and no query text", async () => {
    const { key } = await createApiKey(db.db, { name: "ops", tier: "standard" });
    const fresh = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ documents(first: 1, filter: {search: "geheime zoekterm"}) { totalCount } }')}`, {
      headers: { "apollo-require-preflight": "1", authorization: `Bearer ${key}` },
    });
    const id = fresh.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const kept = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "lb-7f3a9c21", authorization: `Bearer ${key}` }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a9c21");
    const replaced = await fetch(`${api.url}/readyz`, { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).not.toBe("<script>");

    const line = captured.lines.find((l) => l.requestId === id);
    expect(line).toMatchObject({ level: 30, req: { method: "GET", path: "/graphql" }, res: { status: 200 } });
    expect(captured.lines.some((l) => l.requestId === "lb-7f3a9c21")).toBe(true);
    const all = captured.raw.join("\n");
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(0, 12));
    expect(all).not.toContain("geheime");
    expect(all).not.toContain("127.0.0.1");
    // Probes are not logged per request; they still get their id.
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(captured.lines.some((l) => (l.req as { path?: string } | undefined)?.path === "/readyz")).toBe(false);
  });

  it("needs the token for /metrics when one is set", async () => {
    const guarded = await startTestApi(db, { metricsToken: "a-long-metrics-token" });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: "Bearer wrong-token-of-length" } })).status).toBe(401);
      const allowed = await fetch(`${guarded.url}/metrics`, { headers: { authorization: "Bearer a-long-metrics-token" } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain("vangnet_http_request_duration_seconds");
    } finally {
      await guarded.close();
    }
  });

  it("turns /readyz to 503 once shutting down, while /healthz stays 200", async () => {
    const stopping = await startTestApi(db);
    try {
      expect((await fetch(`${stopping.url}/readyz`)).status).toBe(200);
      stopping.server.beginShutdown();
      const readyz = await fetch(`${stopping.url}/readyz`);
      expect(readyz.status).toBe(503);
      expect(await readyz.json()).toEqual({ ready: false, reason: "shutting down" });
      const healthz = await fetch(`${stopping.url}/healthz`);
      expect(healthz.status).toBe(200);
      expect(await healthz.json()).toMatchObject({ status: "shutting_down" });
    } finally {
      await stopping.close();
    }
  });
});
