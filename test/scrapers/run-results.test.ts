import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { FetchError } from "../../scrapers/fetchers/types.js";
import { createRunRecord, type RunRecord } from "../../scrapers/run-context.js";
import { EmptyScrape, PageFailed, SchemaMismatch, SkipPage, SourceMisconfigured, StartPageFailed } from "../../scrapers/run-errors.js";
import { settleRun, visitGuarded } from "../../scrapers/run-results.js";
import { defineSource } from "../../scrapers/source.js";

const START = "http://127.0.0.1:9/zittingen";
const PAGE = "http://127.0.0.1:9/zitting/1";
const source = defineSource({ id: "lblod:test", kind: "lblod", name: "Test", startUrl: START, schedule: "0 3 * * *", enabled: true, municipalityNis: null, config: {} });

function freshRecord(): RunRecord {
  return createRunRecord(source, pino({ level: "silent" }), () => new Date("2026-11-30T00:00:00Z"));
}

const at = "2026-11-30T00:00:00.000Z";

/** The run's status and entries after one page threw `error` inside its guard. */
async function afterPage(error: Error) {
  const record = freshRecord();
  const status = await settleRun(record, async () => {
    const visited = await visitGuarded(record, PAGE, async () => {
      throw error;
    });
    expect(visited).toBeNull();
  });
  return { status, errors: record.errors.map((e) => ({ url: e.url, reason: e.reason })) };
}

/** The run's status and entries after its crawl threw `error`. */
async function afterCrawl(error: Error) {
  const record = freshRecord();
  const status = await settleRun(record, async () => {
    throw error;
  });
  return { status, errors: record.errors };
}

describe("what an error of a page does to the run", () => {
  it("leaves a skipped page out without an error: the run stays ok", async () => {
    expect(await afterPage(new SkipPage(PAGE, "its session is older than the window"))).toEqual({ status: "ok", errors: [] });
  });

  it("records a fetch failure in the fetcher's words, retryable or not: the run goes on, partial", async () => {
    const retryable = new FetchError(PAGE, "timeout", "no complete answer within 1000 ms", null, true);
    expect(await afterPage(retryable)).toEqual({ status: "partial", errors: [{ url: PAGE, reason: `${PAGE}: no complete answer within 1000 ms` }] });
    const final = new FetchError(PAGE, "http-status", "HTTP 404", 404, false);
    expect(await afterPage(final)).toEqual({ status: "partial", errors: [{ url: PAGE, reason: `${PAGE}: HTTP 404` }] });
  });

  it("records a schema mismatch with what was expected and what came", async () => {
    const mismatch = new SchemaMismatch(PAGE, "RDFa sessions, agenda items, decisions or publication links", "none");
    expect(mismatch.message).toBe("expected RDFa sessions, agenda items, decisions or publication links, found none");
    expect(await afterPage(mismatch)).toEqual({ status: "partial", errors: [{ url: PAGE, reason: mismatch.message }] });
    expect(await afterPage(new PageFailed(PAGE, "parse took longer than 1 s; page of 5.1 MB"))).toEqual({
      status: "partial",
      errors: [{ url: PAGE, reason: "parse took longer than 1 s; page of 5.1 MB" }],
    });
  });

  it("records anything unexpected as the page's own error, with a bounded reason", async () => {
    expect(await afterPage(new Error("duplicate key value violates unique constraint"))).toEqual({
      status: "partial",
      errors: [{ url: PAGE, reason: "the page could not be processed: duplicate key value violates unique constraint" }],
    });
  });

  it("lets the errors that end a run pass its guard", async () => {
    const ended = await afterPage(new SourceMisconfigured(source.id, START, "config.maxPages: Too small: expected number to be >=1"));
    expect(ended).toEqual({ status: "failed", errors: [{ url: START, reason: "source lblod:test: config.maxPages: Too small: expected number to be >=1" }] });
  });
});

describe("what an error thrown out of a crawl does to the run", () => {
  it("fails the run on a failed start page, whose own error is already recorded", async () => {
    const record = freshRecord();
    const status = await settleRun(record, async () => {
      await visitGuarded(record, START, async () => {
        throw new FetchError(START, "robots-disallowed", "robots.txt disallows this URL for Vangnet");
      });
      throw new StartPageFailed(START);
    });
    expect(status).toBe("failed");
    expect(record.errors).toEqual([{ url: START, reason: `${START}: robots.txt disallows this URL for Vangnet`, at }]);
  });

  it("fails the run with the reason of an empty scrape, a misconfiguration or a start page that is not what was expected", async () => {
    const empty = new EmptyScrape(source.id, START, "the source yielded nothing, but it has yielded 12 documents before: the site may have changed");
    expect(await afterCrawl(empty)).toEqual({ status: "failed", errors: [{ url: START, reason: empty.message, at }] });
    const misconfigured = new SourceMisconfigured("news:test", START, "sources of kind browser need a browser, and none was configured for this process");
    expect(await afterCrawl(misconfigured)).toEqual({
      status: "failed",
      errors: [{ url: START, reason: "source news:test: sources of kind browser need a browser, and none was configured for this process", at }],
    });
    const notAFeed = new SchemaMismatch(START, "an RSS or Atom feed", "Unexpected close tag", "not a readable RSS or Atom feed: Unexpected close tag");
    expect(await afterCrawl(notAFeed)).toEqual({ status: "failed", errors: [{ url: START, reason: notAFeed.message, at }] });
  });

  it("fails the run on anything unexpected, saying so", async () => {
    expect(await afterCrawl(new TypeError("cannot read properties of undefined"))).toEqual({
      status: "failed",
      errors: [{ url: START, reason: "unexpected error: cannot read properties of undefined", at }],
    });
  });

  it("ends ok without errors, partial with some", async () => {
    expect(await settleRun(freshRecord(), async () => {})).toBe("ok");
    const record = freshRecord();
    expect(await settleRun(record, async () => void (await visitGuarded(record, PAGE, () => Promise.reject(new PageFailed(PAGE, "not an article")))))).toBe("partial");
  });
});
