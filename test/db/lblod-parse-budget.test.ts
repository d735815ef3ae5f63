import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParsePool, type ParsePool } from "../../scrapers/parsers/parse-pool.js";
import { runSource } from "../../scrapers/run-source.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestRunDeps, kortenbergSource } from "../helpers/scrape-deps.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { createMinutesPage } from "../scrapers/parsers/hostile-lblod-pages.js";

describe(`a page over the parse time budget during a crawl (${testDriver})`, () => {
  let db: TestDb;
  let site: ReplaySite;
  let pool: ParsePool;

  beforeAll(async () => {
    db = await createTestDb();
    site = await startReplaySite();
    // The minutes of s2 grow by a 15 MB minutes page of another session: seconds of parsing even on a fast
    // machine (a 5 MB page parsed within the 1 s budget on some).
    site.editPage(expected.s2NotulenPath, (html) => html.replace("</body>", `${createMinutesPage(15_000_000).html}</body>`));
    pool = createParsePool({ workers: 1, timeoutMs: 1_000, maxBytes: 20 * 1024 * 1024 });
  });
  afterAll(async () => {
    await pool?.close();
    await site?.close();
    await db?.close();
  });

  it("is a per-page error with the reason, and the pages after it are parsed and stored", async () => {
    const source = kortenbergSource(site, { id: "lblod:kortenberg-budget" });
    const run = await runSource(
      source,
      createTestRunDeps(db.db, { fetcher: { timeoutMs: 10_000 }, parser: pool }),
      { trigger: "manual" },
    );
    expect(run.status).toBe("partial");
    expect(run.errors.map((e) => ({ url: e.url, reason: e.reason }))).toEqual([
      { url: `${site.origin}${expected.s2NotulenPath}`, reason: expect.stringMatching(/^parse took longer than 1 s; page of 1[45]\.\d MB$/) },
    ]);
    // Every page was fetched, and every decision of the window is stored: s2's come from its decision list too.
    expect(run.counts.pagesFetched).toBe(expected.pagesOfFirstCrawl);
    expect((await db.rows<{ n: number }>("select count(*)::int as n from documents where kind = 'council_decision'"))[0]?.n).toBe(expected.decisionsInWindow);
  });
});
