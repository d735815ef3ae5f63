import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Logger } from "pino";
import type { DbHandle } from "../db/client.js";
import { latestChangeSeq } from "../db/queries/change-log.js";
import { connectionsByState, deliveriesByStatus, runTotals } from "../db/queries/vital-signs.js";

/** What the process knows of itself that the metrics read at each scrape. */
export interface MetricsSources {
  database: () => DbHandle | undefined;
  /** Open subscription connections of this process. */
  subscribers: () => number;
  /** The highest change-log sequence number this process has handed to its subscribers and caches. */
  changeHubHead: () => number | undefined;
  logger: Logger;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Distinct operation names kept as labels; more (a client generating names) count as `other`. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The database is asked for its figures at most this often, however often Prometheus scrapes. */
const DATABASE_FIGURES_TTL_MS = 5_000;

/** The route of a request as a label: a few fixed values, never the path a client chose. */
export function routeLabel(path: string): string {
  if (path === "/graphql" || path.startsWith("/graphql/")) return "/graphql";
  for (const prefix of ["/feeds/", "/bulk/", "/api/"]) if (path.startsWith(prefix)) return `${prefix}*`;
  if (path === "/healthz" || path === "/readyz" || path === "/metrics") return path;
  if (path === "/" || path.startsWith("/explorer") || path.startsWith("/assets/")) return "/ (landing)";
  return "other";
}

/**
 * Prometheus metrics of one API process (prom-client, its own registry): Node's defaults (event
 * loop lag, heap, GC, CPU), HTTP and GraphQL latency, rate-limit refusals, subscribers, and what
 * the database says for all processes together (scrape runs by outcome, pages fetched and 304s,
 * documents written, webhook deliveries by outcome and the queue, the change-log head and this
 * process's lag behind it, connections by state).
 */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: "vangnet_http_request_duration_seconds",
    help: "HTTP requests by route, method and status, from arrival to the last byte written",
    labelNames: ["route", "method", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const graphqlDuration = new Histogram({
    name: "vangnet_graphql_operation_duration_seconds",
    help: "GraphQL operations over HTTP by operation name (`anonymous` without one, `other` beyond 200 names), type and outcome",
    labelNames: ["operation", "type", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const refusals = new Counter({ name: "vangnet_rate_limit_refusals_total", help: "Requests refused with 429 by tier", labelNames: ["tier"] as const, registers });
  new Gauge({ name: "vangnet_subscribers", help: "Open subscription (WebSocket) connections of this process", registers, collect() {
    this.set(sources.subscribers());
  } });

  let figures: { at: number; value: Promise<DatabaseFigures | undefined> } | undefined;
  const databaseFigures = (): Promise<DatabaseFigures | undefined> => {
    if (!figures || Date.now() - figures.at > DATABASE_FIGURES_TTL_MS) figures = { at: Date.now(), value: readDatabaseFigures(sources) };
    return figures.value;
  };
  const fromDatabase = (name: string, help: string, labelNames: string[], read: (f: DatabaseFigures, gauge: Gauge) => void) =>
    new Gauge({ name, help, labelNames, registers, async collect() {
      const f = await databaseFigures();
      this.reset();
      if (f) read(f, this);
    } });
  fromDatabase("vangnet_scrape_runs", "Scrape runs recorded in the database by status (ok, partial, failed; running now), all workers", ["status"], (f, g) => {
    for (const status of ["ok", "partial", "failed", "running"]) g.set({ status }, f.runs.runsByStatus.get(status) ?? 0);
  });
  fromDatabase("vangnet_pages_fetched", "Pages requested by all scrape runs, and those answered 304 Not Modified (how=not_modified)", ["how"], (f, g) => {
    g.set({ how: "all" }, f.runs.pagesFetched);
    g.set({ how: "not_modified" }, f.runs.pagesNotModified);
  });
  fromDatabase("vangnet_documents_written", "Documents inserted or updated by all scrape runs", ["how"], (f, g) => {
    g.set({ how: "inserted" }, f.runs.documentsInserted);
    g.set({ how: "updated" }, f.runs.documentsUpdated);
  });
  fromDatabase("vangnet_webhook_deliveries", "Webhook deliveries by status; pending is the queue", ["status"], (f, g) => {
    for (const status of ["pending", "delivered", "failed"]) g.set({ status }, f.deliveries.get(status) ?? 0);
  });
  fromDatabase("vangnet_change_log_head", "The newest change-log sequence number", [], (f, g) => g.set(f.head));
  fromDatabase("vangnet_change_log_lag", "Changes committed that this process has not yet handed to its subscribers and caches", [], (f, g) => {
    const seen = sources.changeHubHead();
    if (seen !== undefined) g.set(Math.max(0, f.head - seen));
  });
  fromDatabase("vangnet_database_connections", "Connections to the database by state, all processes (PGlite: this process's one)", ["state"], (f, g) => {
    for (const [state, count] of f.connections) g.set({ state }, count);
  });

  const operationNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "other";
    if (operationNames.has(name)) return name;
    if (operationNames.size >= MAX_OPERATION_LABELS) return "other";
    operationNames.add(name);
    return name;
  };

  return {
    registry,
    /** Record an HTTP request (the request observer in http-logging.ts calls it once per request). */
    observeHttp: (path: string, method: string, status: number, seconds: number) => httpDuration.observe({ route: routeLabel(path), method, status: String(status) }, seconds),
    /** Record a GraphQL operation (the operation observer in server.ts calls it once per operation). */
    observeOperation: (name: string | null | undefined, type: string, failed: boolean, seconds: number) =>
      graphqlDuration.observe({ operation: operationLabel(name), type, outcome: failed ? "error" : "ok" }, seconds),
    /** Count a 429. */
    refused: (tier: string) => refusals.inc({ tier }),
    /** GET /metrics: the Prometheus text format. */
    handler: (async (_req, res) => {
      try {
        const body = await registry.metrics();
        res.set("Content-Type", registry.contentType).set("Cache-Control", "no-store").send(body);
      } catch (error) {
        sources.logger.error({ err: error }, "could not collect the metrics");
        res.status(500).type("text/plain").send("could not collect the metrics\n");
      }
    }) as RequestHandler,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

interface DatabaseFigures {
  runs: Awaited<ReturnType<typeof runTotals>>;
  deliveries: Map<string, number>;
  head: number;
  connections: Map<string, number>;
}

async function readDatabaseFigures(sources: MetricsSources): Promise<DatabaseFigures | undefined> {
  const handle = sources.database();
  if (!handle) return undefined;
  try {
    const [runs, deliveries, head, connections] = await Promise.all([
      runTotals(handle.db),
      deliveriesByStatus(handle.db),
      latestChangeSeq(handle.db),
      handle.driver === "postgres" ? connectionsByState(handle.db) : Promise.resolve(new Map([["active", 1]])),
    ]);
    return { runs, deliveries, head, connections };
  } catch (error) {
    sources.logger.warn({ err: error }, "could not read the database's figures for /metrics");
    return undefined;
  }
}
