import { describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { storeArticle } from "../../../scrapers/news/store-article.js";
import { extractArticle } from "../../../scrapers/parsers/news/extract-article.js";
import { NotAnArticleError } from "../../../scrapers/parsers/news/not-an-article.js";
import { defineSource } from "../../../scrapers/source.js";

const pdf = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
const png = "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000";

/** A database that fails the test when anything touches it. */
const untouchable = new Proxy({}, {
  get: (_, property) => {
    throw new Error(`the database was used (${String(property)})`);
  },
}) as Database;

const source = defineSource({ id: "news:test", kind: "listing", name: "Test", startUrl: "https://stad.example/nieuws", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} });

describe("binary bodies are not articles", () => {
  it.each([
    ["a PDF", pdf, "the body is a PDF document, not a text page"],
    ["a PNG", png, "the body is a PNG image, not a text page"],
  ])("the extractor refuses %s before parsing it", (_, body, reason) => {
    const extract = () => extractArticle(body, "https://stad.example/nieuws/reglement");
    expect(extract).toThrow(NotAnArticleError);
    expect(extract).toThrow(reason);
  });

  it("storing refuses it with the reason as the page's error, and writes nothing", async () => {
    const result = await storeArticle(untouchable, {
      url: "https://stad.example/nieuws/reglement",
      body: pdf,
      finalUrl: "https://stad.example/nieuws/reglement",
      captureId: 1,
      source,
      runId: 1,
      now: new Date("2026-11-20T10:00:00Z"),
      selectors: {},
      completeAttachments: () => Promise.reject(new Error("attachments were read")),
      parser: {
        parseLblodPage: () => Promise.reject(new Error("a parser was used")),
        extractArticle: () => Promise.reject(new Error("a parser was used")),
        analyse: () => Promise.reject(new Error("the analysis was used")),
      },
    });
    expect(result).toEqual({ error: "the body is a PDF document, not a text page" });
  });
});
