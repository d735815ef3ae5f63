import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunDeps, runSource } from "../../scrapers/run-source.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";
import { newsSites } from "../fixtures/news/sites.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import { buildPdf } from "../helpers/minimal-pdf.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestRunDeps, kortenbergSource } from "../helpers/scrape-deps.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/**
 * Hostile pages in a crawl: a NUL byte in a page and in a feed, a PDF served as `text/html`, and
 * a decision whose URI is too long for any index. Each is that page's problem only: the run goes
 * on, finishes, says what was wrong where, and another source running at the same time is not
 * touched.
 */
describe(`hostile pages during a crawl (${testDriver})`, () => {
  let db: TestDb;
  let lblodSite: ReplaySite;
  let feedSite: ReplaySite;
  let deps: RunDeps;
  let lblod: SourceDefinition;
  let feed: SourceDefinition;
  // Random hex does not compress: 9 000 characters exceed what a btree index entry may hold (2 704 bytes).
  const hugeUri = `http://data.lblod.info/id/besluiten/${randomBytes(4_500).toString("hex")}`;

  beforeAll(async () => {
    db = await createTestDb();
    lblodSite = await startReplaySite();
    lblodSite.editPage(expected.s4NotulenPath, (html) => html.replace("<body", "<body data-x=\"\u0000\"").replace(/(<p>Artikel 1\. )/, "$1Nul\u0000byte. "));
    lblodSite.setFault(expected.s2AgendaPath, { kind: "bytes", bytes: buildPdf(["Agenda als PDF"]), contentType: "text/html; charset=utf-8" });
    lblodSite.editPage(expected.s3BesluitenlijstPath, (html) =>
      html.replace("</body>", `<div typeof="besluit:Besluit" resource="${hugeUri}"><span property="eli:title">Besluit met een te lange URI</span></div></body>`),
    );
    const fixture = newsSites["news:gent-rss"];
    if (!fixture) throw new Error("no fixture for news:gent-rss");
    const pages = new Map(fixture.pages);
    const rss = pages.get(fixture.startPath) as string;
    pages.set(fixture.startPath, rss.replace("Gent verhoogt de huurpremie", "Gent verhoogt\u0000 de huurpremie"));
    const article = "/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie";
    pages.set(article, (pages.get(article) as string).replace("<h1>", "<h1>\u0000"));
    feedSite = await startReplaySite({ pages, startPath: fixture.startPath });

    lblod = kortenbergSource(lblodSite, { id: "lblod:kortenberg-hostile" });
    feed = defineSource({ id: "news:gent-hostile", kind: "feed", name: "Gent (hostile)", startUrl: feedSite.startUrl, schedule: "0 3 * * *", enabled: true, municipalityNis: "44021", config: {} });
    deps = createTestRunDeps(db.db);
  });
  afterAll(async () => {
    await lblodSite.close();
    await feedSite.close();
    await db.close();
  });

  it("keeps every bad page to itself, finishes both runs, and stores the rest without NULs", async () => {
    const [lblodRun, feedRun] = await Promise.all([runSource(lblod, deps, { trigger: "manual" }), runSource(feed, deps, { trigger: "manual" })]);

    expect(lblodRun.status).toBe("partial");
    const reasons = Object.fromEntries(lblodRun.errors.map((e) => [new URL(e.url).pathname, e.reason]));
    expect(Object.keys(reasons).sort()).toEqual([expected.s2AgendaPath, expected.s3BesluitenlijstPath].sort());
    expect(reasons[expected.s2AgendaPath]).toMatch(/agenda: the body is a PDF document, not a text page \(Content-Type: text\/html/);
    expect(reasons[expected.s3BesluitenlijstPath]).toMatch(/^the page could not be processed: database error: .*index row/);
    // Bounded: the failed statement's parameters (the page, the 9 000-character URI) are not in the reason.
    expect(reasons[expected.s3BesluitenlijstPath]?.length).toBeLessThan(1_100);
    expect(JSON.stringify(lblodRun.errors).length).toBeLessThan(3_000);

    // Every decision is still there (each one is on several pages); the NUL is gone from the text.
    const [{ n } = { n: 0 }] = await db.rows<{ n: number }>("select count(*)::int as n from documents where kind = 'council_decision'");
    expect(n).toBe(expected.decisionsInWindow);
    const nul = await db.rows<{ text: string }>("select text from documents where text like '%Nulbyte.%'");
    expect(nul).toHaveLength(1);
    expect(await db.rows("select uri from documents where length(uri) > 1000")).toEqual([]);

    expect(feedRun.status).toBe("ok");
    const [article] = await db.rows<{ title: string }>("select title from documents where kind = 'press_release' and title like 'Gent verhoogt%'");
    expect(article?.title).toBe("Gent verhoogt de huurpremie voor kwetsbare huurders");

    const runs = await db.rows<{ source_id: string; status: string; finished: boolean }>(
      "select source_id, status, finished_at is not null as finished from scrape_runs order by source_id",
    );
    expect(runs).toEqual([
      { source_id: "lblod:kortenberg-hostile", status: "partial", finished: true },
      { source_id: "news:gent-hostile", status: "ok", finished: true },
    ]);
    const [health] = await db.rows<{ last_error: string }>("select last_error from sources where id = $1", [lblod.id]);
    expect(health?.last_error).toMatch(/^2 error\(s\); first: /);
  });

  it("counts what a page needed mended in the run's warnings, stores the page, and serves them", async () => {
    const quirk = readFileSync(join(import.meta.dirname, "../fixtures/lblod-quirks/iri-with-space.html"), "utf8");
    const site = await startReplaySite({ pages: new Map([["/Vangdorp/notulen/2026-10-21.html", quirk]]), startPath: "/Vangdorp/notulen/2026-10-21.html" });
    try {
      const source = kortenbergSource(site, { id: "lblod:vangdorp-quirk", name: "Vangdorp", municipalityNis: "44021" });
      const run = await runSource(source, deps, { trigger: "manual" });
      expect(run.status).toBe("ok");
      expect(run.errors).toEqual([]);
      // The fixture writes six IRI attributes with "# Agendapunt…" (counted in its markup).
      expect(run.warnings).toEqual([
        {
          url: site.startUrl,
          reason: '6 IRI(s) with a space or another character an IRI cannot hold were percent-encoded; first: "https://vangdorp.example/notulen/2026-10-21.html# Agendapunt28668" read as "https://vangdorp.example/notulen/2026-10-21.html#%20Agendapunt28668"',
          at: expected.now.toISOString(),
        },
      ]);
      const titles = await db.rows<{ title: string }>("select title from agenda_items where uri like 'https://vangdorp.example/%' order by title");
      expect(titles.map((t) => t.title)).toEqual(["Huurpremie voor jonge gezinnen", "Sociale kruidenier: werkingssubsidie"]);
      const [stored] = await db.rows<{ warnings: unknown[] }>("select warnings from scrape_runs where id = $1", [run.runId]);
      expect(stored?.warnings).toEqual(run.warnings);
    } finally {
      await site.close();
    }
  });
});
