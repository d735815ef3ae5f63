import type * as cheerio from "cheerio";
import type { AnyNode, ParentNode } from "domhandler";
import type { ExtractedArticle } from "../../../schema/article.js";
import { binaryBodyReason } from "../../fetchers/body-check.js";
import { readArticleDates } from "./article-dates.js";
import { findBoilerplate, invisibleElements } from "./boilerplate.js";
import { readByline } from "./byline.js";
import { isElement, loadHtml, measureText, removeNodes, textContent } from "./html-tree.js";
import { readJsonLdDates } from "./json-ld.js";
import { readMetaTags } from "./meta-tags.js";
import { NotAnArticleError } from "./not-an-article.js";
import { cleanUrl, sanitiseArticleHtml } from "./sanitise.js";

/** CSS selectors a source may give to help the generic extractor on its pages. */
export interface ArticleSelectors {
  article?: string;
  title?: string;
  lead?: string;
  published?: string;
  modified?: string;
  author?: string;
  /** Extra elements to drop from the article. */
  remove?: string[];
}

const inlineTags = new Set(["a", "strong", "em", "b", "i", "br"]);

function textOf(node: cheerio.Cheerio<AnyNode>): string {
  return node.text().replace(/\s+/g, " ").trim();
}

/**
 * The element that holds the article: the source's selector, else the `<article>` with the most
 * text (sizes computed once, not per comparison), else `main`, `[role=main]`, `#content`, `body`.
 */
function pickRoot($: cheerio.CheerioAPI, selector: string | undefined, sizes: Map<AnyNode, number>): cheerio.Cheerio<AnyNode> {
  if (selector && $(selector).length) return $(selector).first();
  let richest: AnyNode | null = null;
  for (const article of $("article").toArray()) if (!richest || (sizes.get(article) ?? 0) > (sizes.get(richest) ?? 0)) richest = article;
  if (richest) return $(richest);
  for (const fallback of ["main", "[role=main]", "#content", "body"]) if ($(fallback).length) return $(fallback).first();
  return $.root();
}

function firstText(scope: cheerio.Cheerio<AnyNode>, selector: string | undefined): string | null {
  if (!selector) return null;
  const found = scope.find(selector).first();
  const text = found.length ? textOf(found) : "";
  return text || null;
}

/**
 * Paragraph text of sanitised article HTML: one block per paragraph, heading, list item or table
 * row, blank lines between. Loose text (from a `<div>` that sanitising unwrapped) makes a
 * paragraph of its own.
 */
function blocksToText(html: string): string {
  const $ = loadHtml(html);
  const blocks: string[] = [];
  let loose = "";
  const add = (text: string, prefix = "") => {
    const clean = text.replace(/\s+/g, " ").trim();
    if (clean) blocks.push(prefix + clean);
  };
  const flush = () => {
    add(loose);
    loose = "";
  };
  for (const node of ($.root()[0] as ParentNode).children) {
    if (!isElement(node) || inlineTags.has(node.tagName)) {
      loose += ` ${textContent(node)}`;
      continue;
    }
    flush();
    if (node.tagName === "ul" || node.tagName === "ol") {
      for (const item of node.children) if (isElement(item) && item.tagName === "li") add(textContent(item), "- ");
    } else if (node.tagName === "table") {
      $(node).find("tr").each((_, row) => add(textContent(row)));
    } else {
      add(textContent(node));
    }
  }
  flush();
  return blocks.join("\n\n");
}

const attachmentTypes: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  odt: "application/vnd.oasis.opendocument.text",
};

function readAttachments($: cheerio.CheerioAPI, root: cheerio.Cheerio<AnyNode>, base: string): ExtractedArticle["attachments"] {
  const attachments = new Map<string, ExtractedArticle["attachments"][number]>();
  root.find("a[href]").each((_, element) => {
    const href = cleanUrl(element.attribs.href ?? "", base);
    const extension = href?.split(/[?#]/)[0]?.split(".").pop()?.toLowerCase() ?? "";
    const mediaType = attachmentTypes[extension];
    if (href && mediaType && !attachments.has(href)) {
      attachments.set(href, { url: href, title: textOf($(element)) || href.split("/").pop() || href, mediaType });
    }
  });
  return [...attachments.values()];
}

/**
 * Read the article of a news or press-release page: title, lead, dates (see `readArticleDates`
 * for where they come from and in which order), author, canonical URL, language, attachments,
 * and the body as clean text and sanitised HTML. Menus, cookie banners, "related" lists,
 * newsletter and subscription boxes are left out by where they are and how they are built (see
 * `findBoilerplate`). Pure: never fetches. Linear in the size of the page, and safe on absurdly
 * deep nesting (see `loadHtml`). Throws `NotAnArticleError` for a body that is not text, before
 * anything parses it.
 */
export function extractArticle(html: string, pageUrl: string, selectors: ArticleSelectors = {}): ExtractedArticle {
  const refusal = binaryBodyReason(html);
  if (refusal) throw new NotAnArticleError(refusal);
  const $ = loadHtml(html);
  const meta = readMetaTags($);
  const language = ($("html").attr("lang") ?? meta.get("content-language") ?? "nl").slice(0, 2).toLowerCase();
  const canonical = cleanUrl($('link[rel="canonical"]').attr("href") ?? meta.get("og:url") ?? pageUrl, pageUrl) ?? pageUrl;
  // Links resolve against the canonical URL: the article as published, wherever it was read from
  // (a mirror, a saved file), so that the same article always yields the same content.
  const base = /^https?:/i.test(canonical) ? canonical : pageUrl;
  const documentTitle = meta.get("og:title") ?? ($("title").first().text().split("|")[0]?.trim() || null);
  const jsonLd = readJsonLdDates($);

  removeNodes([...$(invisibleElements).toArray(), ...(selectors.remove ?? []).flatMap((selector) => $(selector).toArray())]);
  const sizes = measureText($.root()[0] as ParentNode);
  const root = pickRoot($, selectors.article, sizes);
  const title = firstText(root, selectors.title) ?? firstText(root, "h1") ?? firstText($.root(), "h1") ?? documentTitle ?? "(zonder titel)";
  const lead = firstText(root, selectors.lead) ?? firstText(root, ".lead, .intro, .summary, .field--name-field-intro") ?? meta.get("og:description") ?? meta.get("description") ?? null;
  const configured = (selector: string | undefined) => (selector ? root.find(selector).first() : null);
  const authorOfSource = firstText(root, selectors.author);
  const dateElements = { published: configured(selectors.published), modified: configured(selectors.modified) };

  removeNodes(findBoilerplate(root[0] as ParentNode, sizes));
  const byline = readByline(root[0] as ParentNode);
  const { publishedAt, modifiedAt, usedDatedLine } = readArticleDates({ root, byline, jsonLd, meta, ...dateElements });
  const author = authorOfSource ?? meta.get("author") ?? firstText(root, '[rel="author"], .author') ?? byline.author;
  const attachments = readAttachments($, root, base);

  // The title and the byline are fields of their own, not part of the body.
  removeNodes([
    ...root.find(["h1", selectors.title, selectors.published, selectors.modified, selectors.author].filter(Boolean).join(", ")).toArray(),
    ...byline.nodes,
    ...(usedDatedLine ? byline.datedNodes : []),
  ]);
  const bodyHtml = sanitiseArticleHtml(root.html() ?? "", base);
  return {
    title,
    lead,
    publishedAt,
    modifiedAt,
    author,
    url: canonical,
    language,
    text: blocksToText(bodyHtml),
    html: bodyHtml,
    attachments,
  };
}
