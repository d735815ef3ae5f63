import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { syncSources } from "../../db/queries/sources.js";
import { sourceKinds } from "../../schema/source-kinds.js";
import type { Fetcher } from "../../scrapers/fetchers/types.js";
import { type RunDeps, runSource } from "../../scrapers/run-source.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

describe(`kinds of source in the database and in runs (${testDriver})`, () => {
  let db: TestDb;
  let deps: RunDeps;
  const requested: string[] = [];
  const fetcher: Fetcher = {
    fetch: async (request) => {
      requested.push(request.url);
      throw new Error("no request was expected");
    },
  };
  const source = (overrides: Partial<SourceDefinition>) =>
    defineSource({ id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/nieuws", schedule: "0 3 * * *", enabled: true, municipalityNis: null, config: { list: { item: "article" } }, ...overrides });

  beforeAll(async () => {
    db = await createTestDb();
    deps = { db: db.db, fetcher, logger: pino({ level: "silent" }), now: () => new Date("2026-11-20T12:00:00Z"), municipalities: municipalityRegister() };
  });
  afterAll(() => db.close());

  const insertSource = (id: string, kind: string) =>
    db.rows("insert into sources (id, kind, name, start_url, schedule) values ($1, $2, 'Test', 'http://127.0.0.1:9/', '0 3 * * *')", [id, kind]);

  it("stores a source of every kind, and refuses a kind Vangnet does not implement", async () => {
    for (const kind of sourceKinds) await insertSource(`test:${kind}`, kind);
    await expect(insertSource("test:sparql", "sparql")).rejects.toThrow(/sources_kind/);
  });

  it("fails the run of a source whose configuration does not fit its kind, naming the field, before fetching anything", async () => {
    const run = await runSource(source({ id: "news:misconfigured", config: { list: { item: "article", maxPages: 0 } } }), deps, { trigger: "manual" });
    expect(run.status).toBe("failed");
    expect(run.errors.map((e) => ({ url: e.url, reason: e.reason }))).toEqual([
      {
        url: "http://127.0.0.1:9/nieuws",
        reason: "source news:misconfigured: invalid configuration for a source of kind listing: config.list.maxPages: Too small: expected number to be >=1",
      },
    ]);
    expect(requested).toEqual([]);
    const [health] = await db.rows("select consecutive_failures, last_error from sources where id = $1", ["news:misconfigured"]);
    expect(health).toMatchObject({ consecutive_failures: 1, last_error: expect.stringContaining("config.list.maxPages") });
  });

  it("fails the run of a browser source in a process without a browser, saying so", async () => {
    const run = await runSource(source({ id: "news:needs-browser", kind: "browser" }), deps, { trigger: "manual" });
    expect(run.status).toBe("failed");
    expect(run.errors.map((e) => e.reason)).toEqual(["source news:needs-browser: sources of kind browser need a browser, and none was configured for this process"]);
    expect(requested).toEqual([]);
  });

  describe("an empty scrape", () => {
    const emptyFeed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Nieuws</title><link>http://127.0.0.1:9/</link><description>Nieuws</description></channel></rss>';
    const feedFetcher: Fetcher = {
      fetch: async (request) => ({
        kind: "ok",
        url: request.url,
        finalUrl: request.url,
        status: 200,
        etag: null,
        lastModified: null,
        contentType: "application/rss+xml",
        body: emptyFeed,
        byteSize: emptyFeed.length,
        contentHash: `empty feed of ${request.url}`,
        fetchedAt: new Date("2026-11-20T12:00:00Z"),
      }),
    };
    /** A feed that has yielded one press release before and now lists nothing. */
    async function quietFeed(id: string, mayBeEmpty: boolean): Promise<SourceDefinition> {
      const feed = source({ id, kind: "feed", startUrl: `http://127.0.0.1:9/${id}/rss`, config: {}, mayBeEmpty });
      await syncSources(db.db, [feed]);
      await db.rows("insert into documents (kind, uri, source_id, title, content_hash) values ('press_release', $1, $2, 'Eerder bericht', 'h1')", [`http://127.0.0.1:9/${id}/1`, id]);
      return feed;
    }

    it("fails the run of a source that has yielded documents before", async () => {
      const run = await runSource(await quietFeed("news:quiet", false), { ...deps, fetcher: feedFetcher }, { trigger: "manual" });
      expect(run.status).toBe("failed");
      expect(run.errors.map((e) => e.reason)).toEqual(["the source yielded nothing, but it has yielded 1 documents before: the site may have changed"]);
    });

    it("is normal for a source that says it may be empty", async () => {
      const run = await runSource(await quietFeed("news:quiet-allowed", true), { ...deps, fetcher: feedFetcher }, { trigger: "manual" });
      expect(run).toMatchObject({ status: "ok", errors: [] });
    });
  });
});
