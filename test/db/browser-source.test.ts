import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserFetcher } from "../../scrapers/fetchers/browser.js";
import { testChromium } from "../helpers/browser.js";
import { createHttpFetcher } from "../../scrapers/fetchers/http.js";
import { type RunDeps, runSource } from "../../scrapers/run-source.js";
import { defineSource } from "../../scrapers/source.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";

const jsArticle = readFileSync(join(import.meta.dirname, "../fixtures/news/js-article.html"), "utf8");
const listPage = `<!DOCTYPE html><html lang="nl"><body><div class="news-item"><h2>Energiepremie</h2><a href="/nieuws/energiepremie">Lees</a></div></body></html>`;

describe(`a source whose articles need a browser (${testDriver})`, () => {
  let db: TestDb;
  let site: ReplaySite;
  let deps: RunDeps & { browser: ReturnType<typeof createBrowserFetcher> };
  const source = (kind: "listing" | "browser", startUrl: string) =>
    defineSource({
      id: `news:mechelen-${kind}`,
      kind,
      name: `Mechelen (${kind})`,
      startUrl,
      schedule: "0 7 * * *",
      enabled: true,
      municipalityNis: "12025",
      config: { list: { item: ".news-item" } },
    });

  beforeAll(async () => {
    db = await createTestDb();
    site = await startReplaySite({ pages: new Map([["/nieuws", listPage], ["/nieuws/energiepremie", jsArticle]]), startPath: "/nieuws" });
    const http = createHttpFetcher({ userAgent: "Vangnet-test/1.0", requestsPerSecondPerHost: 1000, retries: 0 });
    deps = {
      db: db.db,
      logger: pino({ level: "silent" }),
      municipalities: municipalityRegister(),
      now: () => new Date("2026-11-20T12:00:00Z"),
      fetcher: http,
      browser: createBrowserFetcher({ userAgent: "Vangnet-test/1.0", robotsAllowed: (url) => http.robotsAllowed(url), requestsPerSecondPerHost: 1000, timeoutMs: 15_000 }),
    };
  });
  afterAll(async () => {
    await deps?.browser.close();
    await site?.close();
    await db?.close();
  });

  it("cannot read the article without a browser", async () => {
    const run = await runSource(source("listing", site.startUrl), deps, { trigger: "manual" });
    expect(run.status).toBe("partial");
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.reason).toMatch(/^no article text found on the page \(\d+ characters; does it need a browser source\?\)$/);
  });

  it.skipIf(!testChromium)("reads the article rendered in Chromium", async () => {
    const run = await runSource(source("browser", site.startUrl), deps, { trigger: "manual" });
    expect(run.errors).toEqual([]);
    expect(run.counts.itemsInserted).toBe(1);
    const [doc] = await db.rows<{ title: string; text: string; published_at: Date }>(
      "select d.title, d.text, d.published_at from documents d join document_pages p on p.document_id = d.id where p.url = $1",
      [`${site.origin}/nieuws/energiepremie`],
    );
    expect(doc?.title).toBe("Mechelen verlengt de energiepremie");
    expect(doc?.text).toBe("Gezinnen met een laag inkomen krijgen ook in 2027 een energiepremie van 200 euro.\n\nAanvragen kan bij het Sociaal Huis.");
    expect(new Date(doc?.published_at as Date).toISOString()).toBe("2026-11-03T23:00:00.000Z");
    const rendered = site.requests.filter((r) => r.path === "/nieuws/energiepremie");
    expect(String(rendered.at(-1)?.headers["user-agent"])).toBe("Vangnet-test/1.0");
  });

  it("reports a missing browser as an error of that source only", async () => {
    const noBrowser = createBrowserFetcher({ userAgent: "x", robotsAllowed: async () => true, executablePath: "/nonexistent/chromium" });
    const run = await runSource({ ...source("browser", site.startUrl), id: "news:mechelen-nobrowser" }, { ...deps, browser: noBrowser }, { trigger: "manual" });
    expect(run.status).toBe("failed");
    expect(run.errors.map((e) => e.reason)).toEqual([`${site.startUrl}: cannot start the browser: no Chromium at /nonexistent/chromium`]);
    const other = await runSource({ ...source("listing", site.startUrl), id: "news:mechelen-listing-2" }, deps, { trigger: "manual" });
    expect(other.status).toBe("partial");
  });
});
