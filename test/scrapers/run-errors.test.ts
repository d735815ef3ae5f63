import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { serialiseError } from "../../cli/logger.js";
import type { RunContext } from "../../scrapers/run-context.js";
import { recordError } from "../../scrapers/run-context.js";
import { visitGuarded } from "../../scrapers/run-results.js";
import { boundText, describeError, MAX_REASON_CHARS, MAX_RUN_ERRORS } from "../../scrapers/run-errors.js";

const page = `<html>${"<p>Gent verhoogt de huurpremie.</p>".repeat(100_000)}</html>`;

/** The shape of drizzle's error for a failed statement: its message carries every parameter. */
function failedQuery(): Error {
  const cause = Object.assign(new Error("invalid byte sequence for encoding \"UTF8\": 0x00"), { code: "22021" });
  return Object.assign(new Error(`Failed query: insert into "captures" ("body") values ($1)\nparams: ${page}`, { cause }), { params: [page] });
}

function fakeContext(): RunContext {
  return { errors: [], now: () => new Date("2026-11-30T00:00:00Z"), logger: pino({ level: "silent" }) } as unknown as RunContext;
}

describe("run errors stay small", () => {
  it("names a failed statement by its start and the database's reason, never its parameters", () => {
    const reason = describeError(failedQuery());
    expect(reason).toBe('database error: invalid byte sequence for encoding "UTF8": 0x00 (statement: insert into "captures" ("body") values ($1)…)');
  });

  it("cuts long texts and says how much was left out, and removes NULs", () => {
    expect(boundText("a\u0000b".repeat(2_000), 10)).toBe("ababababab… (3990 more characters)");
    expect(describeError(new Error(page)).length).toBeLessThanOrEqual(MAX_REASON_CHARS + 40);
  });

  it("keeps at most MAX_RUN_ERRORS errors per run, the last one counting the others", () => {
    const ctx = fakeContext();
    for (let i = 0; i < MAX_RUN_ERRORS + 50; i++) recordError(ctx, `http://127.0.0.1/page/${i}`, `HTTP 500 number ${i}`);
    expect(ctx.errors).toHaveLength(MAX_RUN_ERRORS);
    expect(ctx.errors[MAX_RUN_ERRORS - 2]?.reason).toBe(`HTTP 500 number ${MAX_RUN_ERRORS - 2}`);
    expect(ctx.errors.at(-1)?.reason).toBe(`51 more errors not recorded; the last: http://127.0.0.1/page/${MAX_RUN_ERRORS + 49} HTTP 500 number ${MAX_RUN_ERRORS + 49}`);
  });

  it("turns an exception while visiting a page into that page's error", async () => {
    const ctx = fakeContext();
    const result = await visitGuarded(ctx, "http://127.0.0.1/a", async () => {
      throw failedQuery();
    });
    expect(result).toBeNull();
    expect(ctx.errors).toEqual([
      { url: "http://127.0.0.1/a", reason: expect.stringMatching(/^the page could not be processed: database error: invalid byte sequence/), at: "2026-11-30T00:00:00.000Z" },
    ]);
  });

  it("logs an error with every field bounded", () => {
    const logged = JSON.stringify(serialiseError(failedQuery()));
    expect(logged.length).toBeLessThan(10_000);
    expect(logged).toContain("invalid byte sequence");
  });
});
