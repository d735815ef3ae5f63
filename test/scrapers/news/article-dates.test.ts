import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../scrapers/parsers/news/extract-article.js";

const body = "<p>De stad verhoogt de huurpremie voor kwetsbare huurders tot 150 euro per maand.</p>";
/** A small page: `head` in the head, `before` and `after` around the article's body. */
const page = ({ head = "", before = "", after = "" }: { head?: string; before?: string; after?: string }) =>
  `<!DOCTYPE html><html lang="nl"><head><title>Nieuws</title>${head}</head><body><main><article><h1>Huurpremie</h1>${before}${body}${after}</article></main></body></html>`;
const read = (html: string) => extractArticle(html, "https://stad.example/nieuws/huurpremie");
const jsonLd = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

// Expected instants worked out by hand: Brussels is UTC+1 in winter (from 25 October 2026) and
// UTC+2 in summer, and a date without a time is the start of that day in Brussels.
describe("publication dates: one small page per form", () => {
  it.each([
    ["a byline with a written date", { before: "<p>Gepubliceerd op 3 november 2026</p>" }, "2026-11-02T23:00:00.000Z"],
    ["a byline with a numeric date", { before: '<p class="meta">Gepubliceerd op: 05-11-2026</p>' }, "2026-11-04T23:00:00.000Z"],
    ["a byline with a time", { before: "<div>Geplaatst op 5 november 2026 om 14.30 uur</div>" }, "2026-11-05T13:30:00.000Z"],
    ["a summer date", { before: "<p>Gepubliceerd op 3 juli 2026</p>" }, "2026-07-02T22:00:00.000Z"],
    ["a byline after another metadata field", { before: "<p>Auteur: Els Peeters | Gepubliceerd op 3 november 2026</p>" }, "2026-11-02T23:00:00.000Z"],
    ["a byline split over elements", { before: "<p><strong>Gepubliceerd op:</strong> <span>3 november 2026</span></p>" }, "2026-11-02T23:00:00.000Z"],
    ["a byline holding a <time>", { before: '<p>Gepubliceerd op <time datetime="2026-11-03T10:15:00+01:00">3 november</time></p>' }, "2026-11-03T09:15:00.000Z"],
    ["a 'Datum:' line", { before: "<p>Datum: 4 november 2026</p>" }, "2026-11-03T23:00:00.000Z"],
    ["a date-only <time> at the end of the article", { after: '<footer><time datetime="2026-11-03">3 november 2026</time></footer>' }, "2026-11-02T23:00:00.000Z"],
    ["a <time> with date and time", { before: '<div class="meta"><time datetime="2026-11-03T10:15:00+01:00">3 november, 10.15 uur</time></div>' }, "2026-11-03T09:15:00.000Z"],
    ["a <time> whose datetime is missing", { before: "<time>3 november 2026</time>" }, "2026-11-02T23:00:00.000Z"],
    ["microdata", { before: '<meta itemprop="datePublished" content="2026-11-03">' }, "2026-11-02T23:00:00.000Z"],
    ["meta article:published_time", { head: '<meta property="article:published_time" content="2026-11-03T10:15:00+01:00">' }, "2026-11-03T09:15:00.000Z"],
    ["meta DC.date", { head: '<meta name="DC.date" content="2026-11-03">' }, "2026-11-02T23:00:00.000Z"],
    ["meta dcterms.created", { head: '<meta name="dcterms.created" content="2026-11-03">' }, "2026-11-02T23:00:00.000Z"],
    ["meta date", { head: '<meta name="date" content="2026-11-03">' }, "2026-11-02T23:00:00.000Z"],
    ["JSON-LD NewsArticle", { head: jsonLd({ "@context": "https://schema.org", "@type": "NewsArticle", datePublished: "2026-11-03T10:15:00+01:00" }) }, "2026-11-03T09:15:00.000Z"],
    [
      "JSON-LD Article inside @graph",
      { head: jsonLd({ "@context": "https://schema.org", "@graph": [{ "@type": "WebSite", name: "Stad" }, { "@type": "WebPage", datePublished: "2020-01-01" }, { "@type": "Article", datePublished: "2026-11-03" }] }) },
      "2026-11-02T23:00:00.000Z",
    ],
    ["JSON-LD in an array", { head: jsonLd([{ "@type": "BreadcrumbList" }, { "@type": ["Article", "Thing"], datePublished: "2026-11-03T10:15:00Z" }]) }, "2026-11-03T10:15:00.000Z"],
    ["JSON-LD of the WebPage only", { head: jsonLd({ "@type": "WebPage", datePublished: "2026-11-03" }) }, "2026-11-02T23:00:00.000Z"],
    ["malformed JSON-LD, ignored", { head: '<script type="application/ld+json">{"@type": "Article", "datePublished": "2026-11-03",}</script><meta name="date" content="2026-11-04">' }, "2026-11-03T23:00:00.000Z"],
  ])("%s", (_, parts, publishedAt) => {
    expect(read(page(parts)).publishedAt).toBe(publishedAt);
  });

  it.each([
    ["a 'Laatst gewijzigd op' line", { after: "<p>Laatst gewijzigd op 5 november 2026 om 09.15 uur</p>" }, "2026-11-05T08:15:00.000Z"],
    ["a 'Bijgewerkt op' line", { after: "<p>Bijgewerkt op 5 november 2026</p>" }, "2026-11-04T23:00:00.000Z"],
    ["meta og:updated_time", { head: '<meta property="og:updated_time" content="2026-11-05T09:15:00+01:00">' }, "2026-11-05T08:15:00.000Z"],
    ["meta dcterms.modified", { head: '<meta name="dcterms.modified" content="2026-11-05">' }, "2026-11-04T23:00:00.000Z"],
    ["JSON-LD dateModified", { head: jsonLd({ "@type": "NewsArticle", datePublished: "2026-11-03", dateModified: "2026-11-05T09:15:00+01:00" }) }, "2026-11-05T08:15:00.000Z"],
  ])("modified: %s", (_, parts, modifiedAt) => {
    expect(read(page(parts)).modifiedAt).toBe(modifiedAt);
  });

  it("takes neither a modified line nor a body sentence for the publication date", () => {
    const article = read(page({ after: "<p>Het reglement werd gepubliceerd op 3 maart 2025 in het Staatsblad.</p><p>Laatst gewijzigd op 5 november 2026</p>" }));
    expect(article.publishedAt).toBeNull();
    expect(article.modifiedAt).toBe("2026-11-04T23:00:00.000Z");
    expect(article.text).toContain("Het reglement werd gepubliceerd op 3 maart 2025 in het Staatsblad.");
  });
});

describe("publication dates: which source wins", () => {
  const metaDefault = '<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2020-01-01T08:00:00+01:00">';
  it("the article's byline before the page's meta tags", () => {
    expect(read(page({ head: metaDefault, before: "<p>Gepubliceerd op 3 november 2026</p>" })).publishedAt).toBe("2026-11-02T23:00:00.000Z");
  });

  it("the article's JSON-LD before the page's meta tags", () => {
    expect(read(page({ head: metaDefault + jsonLd({ "@type": "NewsArticle", datePublished: "2026-11-03" }) })).publishedAt).toBe("2026-11-02T23:00:00.000Z");
  });

  it("the byline before a <time> further in the article", () => {
    expect(read(page({ before: "<p>Gepubliceerd op 3 november 2026</p>", after: '<p>Open vanaf <time datetime="2026-12-01">1 december</time>.</p>' })).publishedAt).toBe("2026-11-02T23:00:00.000Z");
  });

  it("a date-only byline takes the time that JSON-LD gives for the same day, not for another day", () => {
    const sameDay = jsonLd({ "@type": "NewsArticle", datePublished: "2026-11-03T10:15:00+01:00" });
    expect(read(page({ head: sameDay, before: "<p>Gepubliceerd op 3 november 2026</p>" })).publishedAt).toBe("2026-11-03T09:15:00.000Z");
    const otherDay = jsonLd({ "@type": "NewsArticle", datePublished: "2026-11-01T10:15:00+01:00" });
    expect(read(page({ head: otherDay, before: "<p>Gepubliceerd op 3 november 2026</p>" })).publishedAt).toBe("2026-11-02T23:00:00.000Z");
  });

  it("the source's own selector before everything else", () => {
    const html = page({ head: jsonLd({ "@type": "NewsArticle", datePublished: "2026-11-01" }), before: '<p>Gepubliceerd op 2 november 2026</p><span class="pubdate">3 november 2026</span>' });
    expect(extractArticle(html, "https://stad.example/x", { published: ".pubdate" }).publishedAt).toBe("2026-11-02T23:00:00.000Z");
  });
});

describe("bylines and the body", () => {
  it("leaves byline lines out of the text, and keeps dates that are part of the text", () => {
    const html = page({
      before: '<p class="meta">Auteur: Els Peeters | Gepubliceerd op 3 november 2026</p><div class="date"><time datetime="2026-11-03">3 november 2026</time></div>',
      after: '<p>De opvang opent op <time datetime="2026-12-01">1 december</time>.</p><p>Datum: 12 december, infosessie in het Sociaal Huis.</p>',
    });
    const article = read(html);
    expect(article.author).toBe("Els Peeters");
    expect(article.text).toBe(
      "De stad verhoogt de huurpremie voor kwetsbare huurders tot 150 euro per maand.\n\nDe opvang opent op 1 december.\n\nDatum: 12 december, infosessie in het Sociaal Huis.",
    );
  });

  it("leaves out a <time> that stands loose in the article, beside its blocks", () => {
    const html = `<html lang="nl"><body><article><h1>Energiepremie</h1><time datetime="2026-11-04">4 november 2026</time>${body}</article></body></html>`;
    expect(read(html)).toMatchObject({ publishedAt: "2026-11-03T23:00:00.000Z", text: "De stad verhoogt de huurpremie voor kwetsbare huurders tot 150 euro per maand." });
  });

  it("keeps a byline line that shares an inline element with the body, rather than lose the body", () => {
    const html = page({ before: "<span>Gepubliceerd op 3 november 2026<p>Een paragraaf van het artikel.</p></span>" });
    expect(read(html).text).toContain("Een paragraaf van het artikel.");
  });

  it("leaves a 'Datum:' line out of the text when it gave the publication date", () => {
    expect(read(page({ before: "<p>Datum: 4 november 2026</p>" })).text).toBe("De stad verhoogt de huurpremie voor kwetsbare huurders tot 150 euro per maand.");
  });
});
