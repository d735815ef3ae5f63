import { type DestinationStream, type Logger, pino } from "pino";
import { boundText } from "../scrapers/run-errors.js";
import type { Config } from "./config.js";
import { formatLogLine } from "./log-line.js";

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

/** Where log lines go: standard error, or what a test gives. */
export interface LogSink {
  write(text: string): unknown;
  /** A terminal gets readable lines when LOG_FORMAT is `auto`. */
  isTTY?: boolean;
}

/** Erases the terminal's current line: a live progress line a command is drawing (`vangnet demo`, `vangnet scrape`). */
const CLEAR_LINE = "\r\x1b[2K";

/**
 * pino's JSON lines turned into readable ones on their way out (pino-pretty does this too, as a
 * dependency of its own; one line per record needs no more than formatLogLine). On a terminal
 * each line first erases a progress line that is being drawn, which the command redraws.
 */
function readableLines(sink: LogSink): DestinationStream {
  const prefix = sink.isTTY ? CLEAR_LINE : "";
  return {
    write(json: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(json) as Record<string, unknown>;
      } catch {
        sink.write(json);
        return;
      }
      sink.write(`${prefix}${formatLogLine(record)}\n`);
    },
  };
}

/**
 * Logs on stderr, so that commands printing data on stdout stay pipeable: JSON lines for
 * machines (a pipe, a file, a log collector, or LOG_FORMAT=json), readable lines on a terminal
 * (or with LOG_FORMAT=pretty).
 */
export function createLogger(config: Pick<Config, "LOG_LEVEL" | "LOG_FORMAT">, sink?: LogSink): Logger {
  const target: LogSink = sink ?? Object.assign(pino.destination({ dest: 2, sync: true }), { isTTY: process.stderr.isTTY });
  const readable = config.LOG_FORMAT === "pretty" || (config.LOG_FORMAT === "auto" && target.isTTY === true);
  const options = { level: config.LOG_LEVEL, base: { service: "vangnet" }, serializers: { err: serialiseError } };
  return pino(options, readable ? readableLines(target) : (target as DestinationStream));
}
