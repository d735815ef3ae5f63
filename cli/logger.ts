import { type Logger, pino } from "pino";
import { boundText } from "../scrapers/run-errors.js";
import type { Config } from "./config.js";

export type { Logger };

/** Longest text of one field of a logged error: a failed statement's parameters hold whole pages. */
const MAX_LOGGED_CHARS = 2_000;
/** Longer lists (a statement's parameters) are logged by their length only. */
const MAX_LOGGED_ITEMS = 20;

function boundFields(value: unknown, depth: number): unknown {
  if (typeof value === "string") return boundText(value, MAX_LOGGED_CHARS);
  if (Array.isArray(value)) return value.length > MAX_LOGGED_ITEMS ? `[${value.length} values]` : value.map((item) => boundFields(item, depth - 1));
  if (value && typeof value === "object") {
    if (depth <= 0) return "[object]";
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, boundFields(inner, depth - 1)]));
  }
  return value;
}

/** pino's error serializer, with every field bounded (seen 2026-11: megabytes of page body in one log line). */
export function serialiseError(error: unknown): unknown {
  return boundFields(error instanceof Error ? pino.stdSerializers.errWithCause(error) : error, 4);
}

/** JSON logs on stderr, so that commands printing data on stdout stay pipeable. */
export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: "vangnet" }, serializers: { err: serialiseError } }, pino.destination(2));
}
