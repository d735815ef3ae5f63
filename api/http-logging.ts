import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";

/** Paths of health probes and metric scrapes: not logged per request. */
const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);

/** A request id a client or a proxy may send along (`X-Request-Id`) and we keep: short, plain. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The id of a request: the caller's `X-Request-Id` when it is a plain token, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && ACCEPTED_ID.test(given) ? given : randomUUID();
}

const REQUEST_ID = Symbol("vangnet.requestId");
const REQUEST_LOGGER = Symbol("vangnet.requestLogger");
type RequestWithId = IncomingMessage & { [REQUEST_ID]?: string; [REQUEST_LOGGER]?: Logger };

/**
 * The logger of a request: a child of `base` whose every line carries the request's id, made
 * the first time something logs for the request; `base` itself for a request the observer did not
 * see. Plain symbol-keyed fields, not an accessor defined on each request: V8 keeps objects with
 * per-instance accessors (and their redefinition) on a slower path.
 */
export function requestLogger(req: IncomingMessage, base: Logger): Logger {
  const request = req as RequestWithId;
  const requestId = request[REQUEST_ID];
  if (requestId === undefined) return base;
  return (request[REQUEST_LOGGER] ??= base.child({ requestId }));
}

/** The path of a request without its query string (a GET query's text and variables stay out of the logs). */
function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * The observer of every HTTP request: its id, its latency in the metrics, and one log line per
 * request, with its id, which every line logged for the request carries
 * (`requestLogger(req)`, the GraphQL context's `logger`) and the response returns in `X-Request-Id`. No
 * personal data and no secrets: the line holds the method, the path without its query string, the
 * status and the time taken; not the client's address, not a header (API keys travel in
 * `Authorization` and `X-Api-Key`), not the body. 5xx are errors, 4xx warnings (429s at info),
 * the rest info; probes (/healthz, /readyz, /metrics) are not logged.
 *
 * Written here rather than with pino-http: pino-http makes two child loggers per request, which
 * took a tenth of the CPU of a `{ __typename }` request whatever the log level (issue 16, measured);
 * here the request's child logger is made only when something logs through it, and the request's
 * line is one call on the server's logger.
 */
export function createHttpLogging(logger: Logger, options: { log: boolean; observe?: (path: string, method: string, status: number, seconds: number) => void }): RequestHandler {
  const { observe } = options;
  return (req, res, next) => {
    const requestId = requestIdOf(req);
    res.setHeader("X-Request-Id", requestId);
    (req as RequestWithId)[REQUEST_ID] = requestId;
    const path = pathOf(req.originalUrl ?? req.url);
    const log = options.log && !PROBES.has(path);
    const started = performance.now();
    // One listener per request for both the metrics and the log line.
    res.once("finish", () => {
      const status = res.statusCode;
      const ms = performance.now() - started;
      observe?.(path, req.method, status, ms / 1000);
      if (!log) return;
      const level = status >= 500 ? "error" : status >= 400 && status !== 429 ? "warn" : "info";
      if (logger.isLevelEnabled(level)) logger[level]({ requestId, req: { method: req.method, path }, res: { status }, responseTime: Math.round(ms) }, `${req.method} ${path} ${status}`);
    });
    next();
  };
}
