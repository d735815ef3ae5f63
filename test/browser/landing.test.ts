import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANDING_CONTENT_SECURITY_POLICY } from "../../api/web/landing.js";
import { createDb, type DbHandle } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { finishRun, startRun } from "../../db/queries/scrape-runs.js";
import { recordSourceHealth, type SourceDeclaration, syncSources } from "../../db/queries/sources.js";
import { createHarvestMonitor, type HarvestMonitor } from "../../scrapers/harvest-progress.js";
import { testChromium } from "../helpers/browser.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";

// The landing page in real Chromium. It lives in the unit project (it runs once, not once per
// database kind) and so opens its own in-memory PGlite database.

const ARTIFACTS_DIR = join(import.meta.dirname, "../artifacts");
const PROBED_ROUTES = ["/feeds/changes.atom", "/feeds/changes.json", "/bulk/"];

const chromiumPath = testChromium;

const declaredSources: SourceDeclaration[] = [
  {
    id: "lblod:test-gent",
    kind: "lblod",
    name: "Gent testpublicaties",
    startUrl: "http://127.0.0.1:9/gent/zittingen",
    schedule: "0 3 * * *",
    enabled: true,
    municipalityNis: "44021",
    config: {},
  },
  {
    id: "news:test-kortrijk",
    kind: "feed",
    name: "Kortrijk nieuws (test)",
    startUrl: "http://127.0.0.1:9/kortrijk/rss",
    schedule: "0 7 * * *",
    enabled: true,
    municipalityNis: "34022",
    config: {},
  },
];

describe.skipIf(!chromiumPath)("the landing page in Chromium", () => {
  let db: DbHandle;
  let api: TestApi;
  let harvest: HarvestMonitor;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Requests the page tried to send anywhere but the Vangnet server under test. */
  const outside: string[] = [];
  const consoleErrors: { text: string; url: string }[] = [];
  /** Routes of the link probes that do not exist (yet) on this server. */
  const missingRoutes = new Set<string>();

  beforeAll(async () => {
    db = await createDb({ dataDir: "memory://" });
    await migrate(db);
    await syncSources(db.db, declaredSources);
    await recordSourceHealth(db.db, "lblod:test-gent", { finishedAt: new Date(), succeeded: true, error: null });
    await recordSourceHealth(db.db, "news:test-kortrijk", {
      finishedAt: new Date(),
      succeeded: false,
      error: "http://127.0.0.1:9/kortrijk/rss: HTTP 503 Service Unavailable",
    });
    // A first harvest under way: the Gent source has had its run, the Kortrijk source not yet.
    const noCounts = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
    const gentRun = await startRun(db.db, "lblod:test-gent", "harvest", new Date());
    await finishRun(db.db, gentRun.id, { ...noCounts, status: "ok", errors: [], finishedAt: new Date() });
    harvest = createHarvestMonitor({ db: db.db, enabledSourceIds: declaredSources.map((s) => s.id), logger: pino({ level: "silent" }) });
    await harvest.refresh();
    api = await startTestApi(db, { harvest: () => harvest.current() });

    for (const route of PROBED_ROUTES) {
      if ((await fetch(`${api.url}${route}`, { method: "HEAD" })).status === 404) missingRoutes.add(route);
    }

    browser = await chromium.launch({
      executablePath: chromiumPath as string,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-BE", timezoneId: "Europe/Brussels" });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${api.url}/`)) return route.continue();
      outside.push(url);
      return route.abort("blockedbyclient");
    });
    await context.routeWebSocket(/.*/, (ws) => {
      outside.push(ws.url());
      void ws.close();
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push({ text: message.text(), url: message.location().url });
    });
    page.on("pageerror", (error) => consoleErrors.push({ text: error.message, url: "" }));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.close();
    await db?.close();
  });

  it("loads with its title and headings, under a self-only content security policy", async () => {
    const response = await page.goto(`${api.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toBe(LANDING_CONTENT_SECURITY_POLICY);
    await expect(page.title()).resolves.toBe("Vangnet – open data over het lokale sociale vangnet in Vlaanderen");
    await expect(page.getAttribute("html", "lang")).resolves.toBe("nl");
    expect(await page.locator("h1").innerText()).toBe("Vangnet");
    await expect(page.locator("main h2").allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Wat is Vangnet\?/),
      expect.stringMatching(/^Verkenner/),
      expect.stringMatching(/^Feeds en bulkbestanden/),
      expect.stringMatching(/^Bulkbestanden/),
      expect.stringMatching(/^Bronnen en hun gezondheid/),
    ]);
    await page.locator(".graphiql-container").waitFor({ state: "visible", timeout: 15_000 });
  });

  it("runs an example query in the explorer", async () => {
    const example = page.getByRole("button", { name: /^Gemeenten van een provincie/ });
    await example.click();
    await expect(example.getAttribute("aria-pressed")).resolves.toBe("true");
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor({ state: "visible" });
    await expect(page.locator(".graphiql-query-editor .CodeMirror").innerText()).resolves.toContain("municipalities(first: 5");

    await page.locator(".graphiql-execute-button").click();
    const result = page.locator(".graphiql-response");
    // The first municipalities of West-Vlaanderen in NIS order (db/reference/municipalities.json).
    await expect
      .poll(() => result.innerText(), { timeout: 15_000 })
      .toMatch(/"nis": "31003",\s*"name": "Beernem"[\s\S]*"name": "Blankenberge"[\s\S]*"name": "Brugge"/);
  });

  it("links the feeds and bulk files only when their route answers", async () => {
    for (const route of PROBED_ROUTES) {
      const item = page.locator(`[data-probe="${route}"]`);
      await expect.poll(() => item.getAttribute("data-available")).not.toBeNull();
      if (missingRoutes.has(route)) {
        await expect(item.getAttribute("data-available")).resolves.toBe("false");
        await expect(item.innerText()).resolves.toContain("binnenkort");
        expect(await item.locator("a").count()).toBe(0);
      } else {
        await expect(item.locator("a").getAttribute("href")).resolves.toBe(route);
      }
    }
  });

  it("shows the sources and their health in the table", async () => {
    const section = page.locator("#bronnen");
    await expect.poll(() => section.getAttribute("data-state"), { timeout: 15_000 }).toBe("ok");
    const rows = page.locator("#sources-body tr");
    await expect(rows.count()).resolves.toBe(2);
    const gent = page.locator("#sources-body tr", { hasText: "Gent testpublicaties" });
    await expect(gent.locator("td").nth(1).innerText()).resolves.toBe("LBLOD-besluiten");
    await expect(gent.locator(".status").innerText()).resolves.toMatch(/in orde\s*OK/);
    await expect(gent.locator("td").nth(5).innerText()).resolves.toBe("0");
    const kortrijk = page.locator("#sources-body tr", { hasText: "Kortrijk nieuws (test)" });
    await expect(kortrijk.locator(".status").innerText()).resolves.toMatch(/faalt\s*failing/);
    await expect(kortrijk.locator("td").nth(3).innerText()).resolves.toMatch(/nooit/);
    await expect(kortrijk.locator("td").nth(4).innerText()).resolves.toContain("HTTP 503 Service Unavailable");
    await expect(page.locator("#sources-table caption").innerText()).resolves.toContain("(2 bronnen: 1 in orde, 1 faalt)");
  });

  it("lists the bulk datasets with their rows and download links, and says that no snapshot is kept here", async () => {
    const rows = page.locator("#bulk-body tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(15);
    const municipalities = page.locator("#bulk-body tr", { has: page.locator("th code", { hasText: /^municipalities$/ }) });
    // 312 municipalities (2019's 300 and the 2025 mergers' new ones), written the Flemish way.
    await expect(municipalities.locator("td").first().innerText()).resolves.toBe("312");
    await expect(municipalities.locator("td").nth(1).locator("a").evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute("href")]))).resolves.toEqual([
      ["csv", `${api.url}/bulk/municipalities.csv`],
      ["ndjson", `${api.url}/bulk/municipalities.ndjson`],
      ["parquet", `${api.url}/bulk/municipalities.parquet`],
    ]);
    await expect(municipalities.locator("td").nth(2).innerText()).resolves.toBe("—");
    await expect(page.locator("#bulk-message").innerText()).resolves.toMatch(/^Deze server bewaart geen nachtelijke momentopnames/);
  });

  it("keeps a screenshot, with no console errors and no request off this machine", async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(ARTIFACTS_DIR, "landing.png"), fullPage: true });
    // Chromium logs a 404 answer to a probe as a failed resource load; that is the page working.
    const unexpected = consoleErrors.filter(
      (e) => !(/status of 404/.test(e.text) && [...missingRoutes].some((route) => e.url.endsWith(route))),
    );
    expect(unexpected).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("says above everything that the first harvest is under way, with its count, until it is done", async () => {
    const banner = page.locator("#harvest");
    await expect.poll(() => banner.getAttribute("data-state")).toBe("RUNNING");
    await expect(banner.isVisible()).resolves.toBe(true);
    const text = await banner.innerText();
    expect(text).toContain("Eerste oogst bezig: 1 van 2 bronnen.");
    expect(text).toContain("First harvest in progress: 1 of 2 sources.");
    // Above the first section, so that it is read before the explorer answers with empty lists.
    await expect(page.locator("main > *").first().getAttribute("id")).resolves.toBe("harvest");

    const noCounts = { pagesFetched: 0, pagesNotModified: 0, itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 0 };
    const kortrijkRun = await startRun(db.db, "news:test-kortrijk", "harvest", new Date());
    await finishRun(db.db, kortrijkRun.id, { ...noCounts, status: "failed", errors: [], finishedAt: new Date() });
    await harvest.refresh();
    // The table (and the banner with it) refreshes at once when the page becomes visible again.
    await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
    await expect.poll(() => banner.getAttribute("data-state")).toBe("DONE");
    await expect(banner.isHidden()).resolves.toBe(true);
  });

  it("says clearly when the sources cannot be loaded", async () => {
    const failing = await context.newPage();
    await failing.route(`${api.url}/graphql`, async (route) => {
      if (route.request().postData()?.includes("LandingSources")) {
        await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ errors: [{ message: "The database is not ready yet" }] }) });
      } else {
        await route.fallback();
      }
    });
    await failing.goto(`${api.url}/`);
    const message = failing.locator("#sources-message");
    await expect.poll(() => failing.locator("#bronnen").getAttribute("data-state")).toBe("error");
    await expect(message.innerText()).resolves.toContain("De bronnen konden niet geladen worden (The database is not ready yet)");
    await failing.close();
  });

  it("leads to a municipality's page, which loads under the same policy with no console errors", async () => {
    const visitor = await context.newPage();
    const errors: string[] = [];
    visitor.on("console", (message) => {
      // The landing page's probe of a route that does not exist yet (see above) is the page working.
      const probe = /status of 404/.test(message.text()) && [...missingRoutes].some((route) => message.location().url.endsWith(route));
      if (message.type() === "error" && !probe) errors.push(message.text());
    });
    await visitor.goto(`${api.url}/`);
    await visitor.getByRole("link", { name: "Gent", exact: true }).click();
    await visitor.waitForURL(`${api.url}/gemeenten/44021`);
    await expect(visitor.locator("h1").innerText()).resolves.toBe("Gent");
    await expect(visitor.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).resolves.toBe("/feeds/changes.atom?municipality=44021");
    // The landing page's stylesheet applies (a CSP violation would leave the page unstyled and log an error).
    await expect(visitor.locator(".feed-links").evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).borderTopStyle)).resolves.toBe("solid");
    await visitor.getByRole("link", { name: /^Thema's/ }).click();
    await expect(visitor.locator("h1").innerText()).resolves.toMatch(/^Thema's/);
    expect(errors).toEqual([]);
    await visitor.close();
  });
});
