import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";

/** Paths of health probes and metric scrapes: not logged per request. */
const PROBES = new Set(["/healthz", "/readyz", "/metrics"]);

/** A request id a client or a proxy may send along (`X-Request-Id`) and we keep: short, plain. */
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The id of a request: the caller's `X-Request-Id` when it is a plain token, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && ACCEPTED_ID.test(given) ? given : randomUUID();
}

/** The path of a request without its query string (a GET query's text and variables stay out of the logs). */
function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * One log line per request (pino-http) with its id, which every line logged for the request
 * carries (`req.log`, the GraphQL context's `logger`) and the response returns in `X-Request-Id`.
 * No personal data and no secrets: the line holds the method, the path without its query string,
 * the status and the time taken; not the client's address, not a header (API keys travel in
 * `Authorization` and `X-Api-Key`), not the body. 5xx are errors, 4xx warnings (429s at info),
 * the rest info.
 */
export function createHttpLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader("X-Request-Id", id);
      return id;
    },
    quietReqLogger: true,
    // Probes and scrapes come every few seconds; their answers are in /metrics, not in the log.
    autoLogging: { ignore: (req: IncomingMessage) => PROBES.has(pathOf(req.url)) },
    // A 5xx answer is logged as an error, but pino-http's made-up Error for it ("failed with status
    // code 500") says nothing the status does not: only real errors are logged with theirs.
    customErrorObject: (_req: IncomingMessage, _res: ServerResponse, error: Error, value: Record<string, unknown>) =>
      error.message.startsWith("failed with status code") ? { ...value, err: undefined } : value,
    customAttributeKeys: { reqId: "requestId" },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
    wrapSerializers: false,
    customLogLevel: (_req, res, error) => {
      if (error || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400 && res.statusCode !== 429) return "warn";
      return "info";
    },
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
  }) as unknown as RequestHandler;
}
