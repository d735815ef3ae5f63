import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../cli/config.js";
import { formatLogLine } from "../../cli/log-line.js";
import { createLogger } from "../../cli/logger.js";

// 2026-11-20T08:00:00.250Z is 09:00:00.250 in Brussels (UTC+1 in November): the line shows local time.
const TIME = Date.parse("2026-11-20T08:00:00.250Z");
let zone: string | undefined;
beforeAll(() => {
  zone = process.env.TZ;
  process.env.TZ = "Europe/Brussels";
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("a log record as a readable line", () => {
  it("puts time, level and message first and the other fields after, leaving out what every line has", () => {
    const line = formatLogLine({ level: 30, time: TIME, pid: 4242, hostname: "laptop", service: "vangnet", source: "demo:news-gent", run: 3, status: "ok", errors: 0, msg: "run finished" });
    expect(line).toBe("09:00:00.250 INFO  run finished source=demo:news-gent run=3 status=ok errors=0");
  });

  it("quotes strings with spaces, quotes or line breaks, and writes objects and lists as JSON", () => {
    const line = formatLogLine({ level: 40, time: TIME, msg: "page failed", url: "https://stad.gent/nl/a?b=c", reason: 'HTTP 500 "Serverfout"', empty: "", counts: { pages: 2 }, ids: [1, 2], none: null });
    expect(line).toBe('09:00:00.250 WARN  page failed url="https://stad.gent/nl/a?b=c" reason="HTTP 500 \\"Serverfout\\"" empty="" counts={"pages":2} ids=[1,2] none=null');
  });

  it("keeps a message on its line even when it holds a line break", () => {
    expect(formatLogLine({ level: 50, time: TIME, msg: "two\nlines" })).toBe('09:00:00.250 ERROR "two\\nlines"');
  });

  it("shows an error as type and message, with its stack frames indented below", () => {
    const err = { type: "FetchError", message: "https://stad.gent/x: HTTP 404", stack: "FetchError: https://stad.gent/x: HTTP 404\n    at fetchOnce (http.ts:160:13)\n    at async crawl (crawl.ts:12:5)", url: "https://stad.gent/x" };
    expect(formatLogLine({ level: 50, time: TIME, source: "demo:news-gent", err, msg: "run aborted by an unexpected error" }).split("\n")).toEqual([
      '09:00:00.250 ERROR run aborted by an unexpected error source=demo:news-gent err="FetchError: https://stad.gent/x: HTTP 404"',
      "    at fetchOnce (http.ts:160:13)",
      "    at async crawl (crawl.ts:12:5)",
    ]);
  });

  it("names every pino level", () => {
    const levels = [10, 20, 30, 40, 50, 60].map((level) => formatLogLine({ level, time: TIME, msg: "m" }).slice(13, 18));
    expect(levels).toEqual(["TRACE", "DEBUG", "INFO ", "WARN ", "ERROR", "FATAL"]);
  });
});

describe("createLogger picks the format from LOG_FORMAT and the terminal", () => {
  function logOnce(format: string | undefined, isTTY: boolean): string {
    const written: string[] = [];
    const logger = createLogger(loadConfig(format ? { LOG_FORMAT: format } : {}), { isTTY, write: (text) => written.push(text) });
    logger.info({ source: "demo:lblod-kortenberg" }, "run finished");
    return written.join("");
  }

  it("writes JSON lines when stderr is not a terminal", () => {
    const json = JSON.parse(logOnce(undefined, false)) as Record<string, unknown>;
    expect(json).toMatchObject({ level: 30, service: "vangnet", source: "demo:lblod-kortenberg", msg: "run finished" });
  });

  it("writes readable lines on a terminal, each first erasing a progress line being drawn", () => {
    const line = logOnce(undefined, true);
    expect(line.startsWith("\r\u001b[2K")).toBe(true);
    expect(line.slice(5)).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}run finished source=demo:lblod-kortenberg\n$/);
  });

  it("writes JSON on a terminal with LOG_FORMAT=json, and readable lines without escapes elsewhere with LOG_FORMAT=pretty", () => {
    expect(JSON.parse(logOnce("json", true))).toMatchObject({ msg: "run finished" });
    expect(logOnce("pretty", false)).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}run finished source=demo:lblod-kortenberg\n$/);
  });

  it("refuses an unknown LOG_FORMAT, naming the variable and its value", () => {
    expect(() => loadConfig({ LOG_FORMAT: "yaml" })).toThrow(/LOG_FORMAT="yaml"/);
  });
});
