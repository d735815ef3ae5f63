/** pino's numeric levels, as a readable line names them. */
const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** Fields a readable line shows in its own place (time, level, message) or leaves out (the same on every line). */
const PLACED_FIELDS = new Set(["level", "time", "msg", "pid", "hostname", "service"]);

/** A value that needs no quotes: no space, quote, `=` or control character, and not empty. */
const BARE_VALUE = /^[^\s"=\p{Cc}]+$/u;

function formatValue(value: unknown): string {
  if (typeof value === "string") return BARE_VALUE.test(value) ? value : JSON.stringify(value);
  if (value === undefined) return "undefined";
  return JSON.stringify(value) ?? String(value);
}

function formatTime(epochMs: unknown): string {
  if (typeof epochMs !== "number") return "--:--:--.---";
  const time = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, "0")}`;
}

/** pino's serialised error (`{ type, message, stack, … }`): `Type: message` on the line, the stack's frames below. */
function formatError(error: unknown): { inline: string; frames: string[] } {
  if (!error || typeof error !== "object") return { inline: formatValue(error), frames: [] };
  const { type, message, stack } = error as { type?: unknown; message?: unknown; stack?: unknown };
  const inline = formatValue(`${typeof type === "string" ? type : "Error"}: ${typeof message === "string" ? message : ""}`);
  const frames = typeof stack === "string" ? stack.split("\n").filter((line) => /^\s+at /.test(line)).map((line) => `    ${line.trim()}`) : [];
  return { inline, frames };
}

/**
 * One pino record as a line a person reads on a terminal: local time, level, message, then the
 * other fields as `key=value` (strings bare unless they hold spaces or quotes, the rest as JSON),
 * and the stack frames of an `err` on indented lines below. The same record as JSON is what
 * LOG_FORMAT=json writes; this view leaves out only the fields every line has (pid, hostname,
 * service).
 */
export function formatLogLine(record: Record<string, unknown>): string {
  const level = typeof record.level === "number" ? (LEVEL_NAMES[record.level] ?? `LEVEL${record.level}`) : String(record.level).toUpperCase();
  // A message stays as written unless a line break or other control character would break the line.
  const message = typeof record.msg !== "string" ? "" : /\p{Cc}/u.test(record.msg) ? JSON.stringify(record.msg) : record.msg;
  const parts = [formatTime(record.time), level.padEnd(5), message];
  const below: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (PLACED_FIELDS.has(key)) continue;
    if (key === "err") {
      const error = formatError(value);
      parts.push(`err=${error.inline}`);
      below.push(...error.frames);
    } else {
      parts.push(`${key}=${formatValue(value)}`);
    }
  }
  return [parts.filter((part) => part !== "").join(" "), ...below].join("\n");
}
