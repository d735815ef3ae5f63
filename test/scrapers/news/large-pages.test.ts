import { performance } from "node:perf_hooks";
import * as cheerio from "cheerio";
import type { ParentNode } from "domhandler";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../../scrapers/parsers/news/extract-article.js";
import { flattenDeepNesting } from "../../../scrapers/parsers/news/html-tree.js";
import { deeplyNestedPage, paragraphText, unclosedDivsPage } from "../../fixtures/news/large-pages.js";

const url = "https://stad.example/nieuws/groot";

describe("the article extractor on large and deep pages", () => {
  it("reads the paragraph inside 6 000 nested elements (the stack overflowed in domutils' textContent)", () => {
    expect(extractArticle(deeplyNestedPage(6000), url).text).toBe(paragraphText(1));
  });

  it("reads a 400 kB page of never-closed <div>s, every paragraph, in seconds (it took six minutes: quadratic)", () => {
    const html = unclosedDivsPage(400_000);
    const paragraphs = html.split('<div class="MsoNormal">').length - 1;
    const start = performance.now();
    const article = extractArticle(html, url);
    expect(performance.now() - start).toBeLessThan(5_000);
    const blocks = article.text.split("\n\n");
    expect(blocks).toHaveLength(paragraphs);
    expect(blocks[0]).toBe(paragraphText(0));
    expect(blocks.at(-1)).toBe(paragraphText(paragraphs - 1));
  });
});

describe("flattening deep nesting", () => {
  const flatten = (html: string, depth: number) => {
    const $ = cheerio.load(html, { xml: { xmlMode: false } });
    flattenDeepNesting($.root()[0] as ParentNode, depth);
    return $.html();
  };

  it("moves elements below the deepest level up beside their parent, keeping their text", () => {
    expect(flatten("<div><section><p>a<b>b</b>c</p><p>d</p></section></div>", 2)).toBe("<div><section><p>ac</p><b>b</b><p>d</p></section></div>");
  });

  it("leaves a tree within the limit as it was", () => {
    const html = "<div><section><p>a<b>b</b>c</p></section></div>";
    expect(flatten(html, 4)).toBe(html);
  });
});
