import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANDING_CONTENT_SECURITY_POLICY } from "../../api/web/landing.js";
import type { ChangeRow } from "../../db/queries/change-log.js";
import { allChangesNewestFirst, ANTWERPEN, BORSBEEK, DECISION_URI, GENT, HUURPREMIE_URL, LBLOD_SOURCE, NEWS_SOURCE, writeFeedFixtures } from "../helpers/feed-fixtures.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/** A reader finds a municipality's or theme's page, its feeds, and one click from an entry the diff. */
describe(`the feeds' pages (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let all: ChangeRow[];
  beforeAll(async () => {
    db = await createTestDb();
    await writeFeedFixtures(db);
    all = await allChangesNewestFirst(db);
    api = await startTestApi(db, { serving: { rateLimit: { anonymous: 100_000 } } });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  async function page(path: string, status = 200) {
    const response = await fetch(`${api.url}${path}`);
    expect(response.status, path).toBe(status);
    expect(response.headers.get("content-type"), path).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy"), path).toBe(LANDING_CONTENT_SECURITY_POLICY);
    const html = await response.text();
    // The policy allows no inline script or style: the pages carry none.
    expect(html, path).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    return { response, html, $: cheerio.load(html) };
  }
  const seqOf = (event: string, match: (row: ChangeRow) => boolean = () => true) => (all.find((r) => r.event === event && match(r)) as ChangeRow).seq;

  it("a municipality's page names it, lists its latest changes and offers its feeds for discovery", async () => {
    const { $, response } = await page(`/gemeenten/${GENT}`);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect($("h1").text()).toBe("Gent");
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr("href")).toBe(`/feeds/changes.atom?municipality=${GENT}`);
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr("title")).toBe("Vangnet: wijzigingen — Gent (Atom)");
    expect($('link[rel="alternate"][type="application/feed+json"]').attr("href")).toBe(`/feeds/changes.json?municipality=${GENT}`);
    expect($(".feed-links a").map((_, a) => $(a).attr("href")).get()).toEqual([`/feeds/changes.atom?municipality=${GENT}`, `/feeds/changes.json?municipality=${GENT}`]);
    const items = $(".change-list li");
    // Gent: 6 changes of the rent subsidy and the session, newest first.
    expect(items).toHaveLength(7);
    expect(items.first().find("a").text()).toBe("Gent: nieuwe zitting op 14 december 2026 om 20.00 uur");
    expect(items.first().find("a").attr("href")).toBe(`/changes/${seqOf("session.created")}`);
    expect(items.last().find("a").text()).toBe("Gent: nieuw persbericht — Huurpremie");
    // The discovered feed answers with the same entries.
    const feed = (await (await fetch(`${api.url}/feeds/changes.json?municipality=${GENT}`)).json()) as { items: { url: string }[] };
    expect(feed.items.map((i) => new URL(i.url).pathname)).toEqual(items.map((_, li) => $(li).find("a").attr("href")).get());
  });

  it("a successor's page includes the municipalities merged into it; a merged one points to its successor", async () => {
    const antwerpen = await page(`/gemeenten/${ANTWERPEN}`);
    expect(antwerpen.$("h1").text()).toBe("Antwerpen");
    expect(antwerpen.$(`a[href="/gemeenten/${BORSBEEK}"]`).text()).toBe("Borsbeek");
    // Borsbeek's release (the document of Borsbeek; its measure the analysis places in Antwerpen, as of 2026).
    expect(antwerpen.$(".change-list a").map((_, a) => antwerpen.$(a).text()).get()).toContain("Borsbeek: nieuw persbericht — Sociale kruidenier");
    const borsbeek = await page(`/gemeenten/${BORSBEEK}`);
    expect(borsbeek.$("main").text()).toContain("Tot en met 31 december 2024 een gemeente; opgegaan in Antwerpen");
    expect(borsbeek.$(`main a[href="/gemeenten/${ANTWERPEN}"]`).text()).toBe("Antwerpen");
  });

  it("a theme's page offers the theme's feeds", async () => {
    const { $ } = await page("/themas/housing");
    expect($("h1").text()).toBe("Wonen en huursubsidie Housing and rent subsidy");
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr("href")).toBe("/feeds/changes.atom?theme=housing");
    expect($('link[rel="alternate"][type="application/feed+json"]').attr("href")).toBe("/feeds/changes.json?theme=housing");
    expect($(".change-list li")).toHaveLength(6);
    expect((await page("/themas/evictions")).$("main .message").text()).toMatch(/^Nog geen wijzigingen/);
  });

  it("lists every municipality by province and every theme", async () => {
    const municipalities = await page("/gemeenten");
    expect(municipalities.$("h2").map((_, h) => municipalities.$(h).text()).get()).toEqual(["Antwerpen", "Vlaams-Brabant", "West-Vlaanderen", "Oost-Vlaanderen", "Limburg"]);
    expect(municipalities.$(`a[href="/gemeenten/${GENT}"]`).text()).toBe("Gent");
    expect(municipalities.$(`a[href="/gemeenten/${BORSBEEK}"]`).text()).toBe("Borsbeek (tot 2024, nu Antwerpen)");
    const themes = await page("/themas");
    expect(themes.$(".topic-list li")).toHaveLength(17);
    expect(themes.$('a[href="/themas/food_aid"]').text()).toBe("Voedselhulp");
  });

  it("an unknown municipality, theme or change is a 404 page", async () => {
    expect((await page("/gemeenten/99999", 404)).$("main").text()).toContain('Er is geen gemeente met NIS-code "99999"');
    expect((await page("/gemeenten/gent", 404)).$("h1").text()).toBe("Niet gevonden");
    expect((await page("/themas/wonen", 404)).$("main").text()).toContain('Er is geen thema "wonen"');
    expect((await page("/changes/999999", 404)).$("main").text()).toContain("Er is geen wijziging met volgnummer 999999");
    expect((await page("/changes/abc", 404)).$("main").text()).toContain('"abc" is geen volgnummer');
    // Escaped, as every text the pages show.
    expect((await page("/themas/%3Cb%3Ex", 404)).html).toContain("&lt;b&gt;x");
  });

  it("a change's page shows a measure's amount before and after, and the difference word by word", async () => {
    const seq = seqOf("measure.changed");
    const { $, html } = await page(`/changes/${seq}`);
    expect($("h1").text()).toBe(
      "Gent: maatregel (wonen en huursubsidie) verhoogd van 150 naar 200 euro per maand — De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.",
    );
    const amounts = $(".field-change").filter((_, s) => $(s).find("h3 code").text() === "amounts");
    expect(amounts.find("h3").text()).toBe("bedragen amounts");
    expect(amounts.find(".diff-columns pre").map((_, p) => $(p).text()).get()).toEqual(["150 euro per maand (was 120 euro)", "200 euro per maand (was 120 euro)"]);
    expect(amounts.find("pre.diff").html()).toBe("<del>150</del><ins>200</ins> euro per maand (was 120 euro)");
    const summary = $(".field-change").filter((_, s) => $(s).find("h3 code").text() === "summary");
    expect(summary.find("pre.diff del").text()).toBe("150");
    expect(summary.find("pre.diff ins").text()).toBe("200");
    // Its municipality, theme, document and source, one click away.
    expect($(`dd a[href="/gemeenten/${GENT}"]`).text()).toBe("Gent");
    expect($('dd a[href="/themas/housing"]').text()).toBe("Wonen en huursubsidie");
    expect($(`dd a[href="${HUURPREMIE_URL}"]`).text()).toBe("Huurpremie");
    expect($(`dd a[href="${NEWS_SOURCE.startUrl}"]`).text()).toBe(NEWS_SOURCE.name);
    expect(html).toContain(`<dd><code>${seq}</code>`);
  });

  it("a change's page escapes what the documents say", async () => {
    const { $, html } = await page(`/changes/${seqOf("document.updated", (r) => r.documentKind === "council_decision")}`);
    expect($("h1").text()).toBe("Kortenberg: gemeenteraadsbesluit gewijzigd — Reglement <sociale> kruidenier & voedselhulp (titel, beslissing)");
    expect(html).not.toContain("<sociale>");
    expect(html).toContain("Reglement &lt;sociale&gt; kruidenier &amp; voedselhulp");
    expect($(`dd a[href="${DECISION_URI}"]`).text()).toBe("Reglement <sociale> kruidenier & voedselhulp");
    expect($(`dd a[href="${LBLOD_SOURCE.startUrl}"]`).text()).toBe(LBLOD_SOURCE.name);
    const title = $(".field-change").filter((_, s) => $(s).find("h3 code").text() === "title");
    expect(title.find(".diff-columns pre").map((_, p) => $(p).text()).get()).toEqual(["Reglement sociale kruidenier", "Reglement <sociale> kruidenier & voedselhulp"]);
    expect(title.find("pre.diff ins").text()).toContain("voedselhulp");
  });

  it("a change without before and after values says so", async () => {
    const { $ } = await page(`/changes/${seqOf("document.created")}`);
    expect($("main").text()).toContain("Deze wijziging heeft geen velden met een waarde voor en na");
    expect($(".field-change")).toHaveLength(0);
  });
});
