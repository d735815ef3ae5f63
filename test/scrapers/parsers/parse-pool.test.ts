import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PageParser, parseOnThisThread } from "../../../scrapers/parsers/page-parser.js";
import { createParsePool, type ParsePool } from "../../../scrapers/parsers/parse-pool.js";
import { startTestApi, type TestApi } from "../../helpers/test-api.js";
import { createMinutesPage, createNestedPage } from "./hostile-lblod-pages.js";

const url = "https://vangdorp.example/zittingen/z-hostile/notulen";
const small = createNestedPage(10);

/** A 5 MB minutes page: seconds of parsing on this machine, and far more on a busy one. */
const hostile = createMinutesPage(5_000_000);

interface Responsiveness {
  /** Longest wait for an answer of GET /healthz, polled every 20 ms while the page was parsed. */
  longestWithoutHealthMs: number;
  healthAnswers: number;
  /** Longest stall of this thread's event loop while the page was parsed. */
  maxEventLoopDelayMs: number;
  decisions: number | null;
}

/** Parse the hostile page with `parser` while the API is polled, and measure how the event loop fared. */
async function parseWhilePolling(api: TestApi, parser: PageParser): Promise<Responsiveness> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let parsing = true;
  const answers: number[] = [];
  const poll = (async () => {
    while (parsing) {
      const response = await fetch(`${api.url}/healthz`);
      await response.body?.cancel();
      answers.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  delay.enable();
  // The histogram measures from its first tick on: let it start before the parse does.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const parsed = await parser.parseLblodPage(hostile.html, url);
  const ended = performance.now();
  // A stalled loop is recorded when it runs again: let it run once more before reading.
  await new Promise((resolve) => setTimeout(resolve, 30));
  delay.disable();
  parsing = false;
  await poll;
  // The gaps between answers while the page was parsed, from its start to its end.
  const during = [started, ...answers.filter((at) => at > started && at < ended), ended];
  return {
    longestWithoutHealthMs: Math.max(...during.slice(1).map((at, i) => at - (during[i] as number))),
    healthAnswers: during.length - 2,
    maxEventLoopDelayMs: delay.max / 1e6,
    decisions: parsed.ok ? parsed.value.decisions.length : null,
  };
}

describe("parsing in the pool keeps the API answering", () => {
  let api: TestApi;
  let pool: ParsePool;

  beforeAll(async () => {
    // Without a database /healthz answers "starting": the event loop is what is measured.
    api = await startTestApi();
    pool = createParsePool({ workers: 1, timeoutMs: 120_000, maxBytes: 20 * 1024 * 1024 });
    // The first page starts the worker; loading its modules is not what is measured.
    expect((await pool.parseLblodPage(small, url)).ok).toBe(true);
  });
  afterAll(async () => {
    await pool?.close();
    await api?.close();
  });

  it("answers /healthz within a fraction of a second throughout the parse of a 5 MB page", async () => {
    const measured = await parseWhilePolling(api, pool);
    expect(measured.decisions).toBe(hostile.items);
    expect(measured.healthAnswers).toBeGreaterThan(5);
    expect(measured.maxEventLoopDelayMs).toBeLessThan(500);
    expect(measured.longestWithoutHealthMs).toBeLessThan(500);
  });

  it("is what makes the difference: parsed on this thread, the same page holds the event loop and the API up", async () => {
    const measured = await parseWhilePolling(api, parseOnThisThread);
    expect(measured.decisions).toBe(hostile.items);
    expect(measured.maxEventLoopDelayMs).toBeGreaterThan(500);
    expect(measured.longestWithoutHealthMs).toBeGreaterThan(500);
  });
});

describe("budgets of the parse pool", () => {
  it("makes a page over the time budget a per-page error with the reason, and parses the next page", async () => {
    const pool = createParsePool({ workers: 1, timeoutMs: 300, maxBytes: 20 * 1024 * 1024 });
    try {
      expect((await pool.parseLblodPage(small, url)).ok).toBe(true);
      // Both are handed over at once: the small page waits for the worker that the big one holds.
      const [slow, next] = await Promise.all([pool.parseLblodPage(hostile.html, url), pool.parseLblodPage(small, url)]);
      expect(slow).toEqual({ ok: false, reason: "parse took longer than 0.3 s; page of 5.0 MB" });
      expect(next.ok && next.value.decisions.map((d) => d.title)).toEqual(["Diep genest besluit"]);
    } finally {
      await pool.close();
    }
  });

  it("refuses a page over the size budget before it reaches a worker", async () => {
    const pool = createParsePool({ workers: 1, timeoutMs: 20_000, maxBytes: 100_000 });
    try {
      const started = performance.now();
      // createNestedPage(20 000): 242 kB of markup.
      expect(await pool.parseLblodPage(createNestedPage(20_000), url)).toEqual({ ok: false, reason: "page of 242 kB is over the parse budget of 100 kB" });
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      await pool.close();
    }
  });

  it("turns a parser that throws into a per-page error, and runs the article extractor too", async () => {
    const pool = createParsePool({ workers: 2, timeoutMs: 20_000, maxBytes: 1_000_000 });
    try {
      const [failed, article] = await Promise.all([
        pool.parseLblodPage(small, "zittingen/1"),
        pool.extractArticle(`<html lang="nl"><body><article><h1>Huurpremie</h1><p>${"De stad verhoogt de huurpremie. ".repeat(5)}</p></article></body></html>`, "https://stad.example/nieuws/1", {}),
      ]);
      expect(failed).toEqual({ ok: false, reason: 'the LBLOD parser failed: parseLblodPage: pageUrl must be an absolute URL (the base for relative IRIs), got "zittingen/1"' });
      expect(article.ok && article.value.title).toBe("Huurpremie");
    } finally {
      await pool.close();
    }
  });

  it("analyses a document's text in a worker too, with the same budget: a text over it is that document's error", async () => {
    const pool = createParsePool({ workers: 1, timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024 });
    const tight = createParsePool({ workers: 1, timeoutMs: 200, maxBytes: 20 * 1024 * 1024 });
    try {
      const sentence = "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand. ";
      const analysed = await pool.analyse({ text: sentence, date: "2026-11-20", publisher: "44021" });
      expect(analysed.ok && analysed.value.measures.map((m) => [m.municipality, m.theme, m.action])).toEqual([["44021", "housing", "increase"]]);
      // 2 MB of such sentences: seconds of analysis, far over 0.2 s.
      const long = await tight.analyse({ text: sentence.repeat(30_000), date: "2026-11-20", publisher: "44021" });
      expect(long).toEqual({ ok: false, reason: "analysis took longer than 0.2 s; text of 2.1 MB" });
    } finally {
      await pool.close();
      await tight.close();
    }
  });

  it("resolves what is still waiting when it closes, and refuses work afterwards", async () => {
    const pool = createParsePool({ workers: 1, timeoutMs: 120_000, maxBytes: 20 * 1024 * 1024 });
    const waiting = [pool.parseLblodPage(hostile.html, url), pool.parseLblodPage(small, url)];
    await pool.close();
    const reason = "the parse pool was closed before the page was parsed";
    expect(await Promise.all(waiting)).toEqual([
      { ok: false, reason },
      { ok: false, reason },
    ]);
    expect(await pool.parseLblodPage(small, url)).toEqual({ ok: false, reason: "the parse pool is closed" });
  });
});
