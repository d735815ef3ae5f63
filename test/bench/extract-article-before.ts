/**
 * The article extractor as it was before the boilerplate, date and speed fixes (commit f1985f4),
 * kept only so that `test/bench/article-parse.ts` can time it side by side with the current one.
 * Not used by Vangnet. Imports the current Dutch dates and sanitiser, which did not change in a
 * way that matters for speed.
 */
import * as cheerio from "cheerio";
import type { AnyNode } from "domhandler";
import type { ExtractedArticle } from "../../schema/article.js";
import { parseDateTime } from "../../scrapers/parsers/lblod/literals.js";
import { parseDutchDate } from "../../scrapers/parsers/news/dutch-dates.js";
import { cleanUrl, sanitiseArticleHtml } from "../../scrapers/parsers/news/sanitise.js";

/** CSS selectors a source may give to help the generic extractor on its pages. */
interface ArticleSelectors {
  article?: string;
  title?: string;
  lead?: string;
  published?: string;
  modified?: string;
  author?: string;
  /** Extra elements to drop from the article. */
  remove?: string[];
}

const boilerplateTags = "script, style, noscript, template, iframe, svg, form, nav, header, footer, aside, button, input, select, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], [hidden]";
const boilerplateNames = /cookie|consent|newsletter|nieuwsbrief|subscri|abonne|paywall|related|gerelateerd|share|social|breadcrumb|promo|advert|banner|sidebar|menu|teaser-list|pager/i;
/** A subscription or sales box: a price together with a subscription word (seen on newspaper-like pages). */
const salesPitch = /(abonne|abonnement|proefperiode|per maand|\/\s*maand|per jaar|digitaal lezen|word lid|nu voor|registreer)/i;
const price = /€\s?\d|\d\s?€|\beur(o)?\b\s?\d|\d+,\d{2}\s?(€|euro)/i;

const inlineTags = new Set(["a", "strong", "em", "b", "i", "br"]);

function textOf($: cheerio.CheerioAPI, node: cheerio.Cheerio<AnyNode>): string {
  return node.text().replace(/\s+/g, " ").trim();
}

function removeBoilerplate($: cheerio.CheerioAPI, extra: string[]) {
  $(boilerplateTags).remove();
  for (const selector of extra) $(selector).remove();
  $("[class], [id]").each((_, element) => {
    const el = $(element);
    const names = `${el.attr("class") ?? ""} ${el.attr("id") ?? ""}`;
    if (boilerplateNames.test(names) && !/\barticle\b|\bcontent\b|node--type-news/.test(names)) el.remove();
  });
  $("div, section, p, ul").each((_, element) => {
    const el = $(element);
    const text = textOf($, el);
    if (text.length < 600 && price.test(text) && salesPitch.test(text)) el.remove();
  });
}

function pickRoot($: cheerio.CheerioAPI, selector: string | undefined): cheerio.Cheerio<AnyNode> {
  if (selector && $(selector).length) return $(selector).first();
  const articles = $("article").toArray().map((el) => $(el));
  const richest = articles.sort((a, b) => textOf($, b).length - textOf($, a).length)[0];
  if (richest) return richest;
  for (const fallback of ["main", "[role=main]", "#content", "body"]) if ($(fallback).length) return $(fallback).first();
  return $.root();
}

function firstText($: cheerio.CheerioAPI, scope: cheerio.Cheerio<AnyNode>, selector: string | undefined): string | null {
  if (!selector) return null;
  const found = scope.find(selector).first();
  const text = found.length ? textOf($, found) : "";
  return text || null;
}

function meta($: cheerio.CheerioAPI, name: string): string | null {
  const value = $(`meta[property="${name}"], meta[name="${name}"]`).first().attr("content")?.trim();
  return value || null;
}

/** A date or datetime as published, to ISO; `datetime` attributes first, then Dutch text. */
function readDate($: cheerio.CheerioAPI, element: cheerio.Cheerio<AnyNode> | null, text: string | null): string | null {
  const attr = element?.attr("datetime") ?? element?.attr("content");
  if (attr) {
    const iso = parseDateTime(attr);
    if (iso) return iso;
  }
  const dutch = text ? parseDutchDate(text) : null;
  return dutch ? parseDateTime(`${dutch.date}T${dutch.time ?? "00:00"}:00`) : null;
}

/**
 * Paragraph text of sanitised article HTML: one block per paragraph, heading or list item, blank
 * lines between. Loose text (from a `<div>` that sanitising unwrapped) makes a paragraph of its own.
 */
function blocksToText(html: string): string {
  const $ = cheerio.load(html, null, false);
  const blocks: string[] = [];
  let loose = "";
  const flush = () => {
    const text = loose.replace(/\s+/g, " ").trim();
    if (text) blocks.push(text);
    loose = "";
  };
  $.root()
    .contents()
    .each((_, node) => {
      if (node.type === "tag" && !inlineTags.has(node.tagName)) {
        flush();
        const el = $(node);
        const items = el.is("ul, ol") ? el.children("li") : el.is("table") ? el.find("tr") : el;
        items.each((__, item) => {
          const text = textOf($, $(item));
          if (text) blocks.push($(item).is("li") ? `- ${text}` : text);
        });
      } else {
        loose += ` ${$(node).text()}`;
      }
    });
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

/**
 * Read the article of a news or press-release page: title, lead, dates (Dutch formats and
 * `<time datetime>`), author, canonical URL, language, attachments, and the body as clean text and
 * sanitised HTML. Menus, cookie banners, "related" lists, newsletter and subscription boxes (with
 * their prices) are not part of it. Pure: never fetches.
 */
export function extractArticleBefore(html: string, pageUrl: string, selectors: ArticleSelectors = {}): ExtractedArticle {
  const $ = cheerio.load(html);
  const language = ($("html").attr("lang") ?? meta($, "content-language") ?? "nl").slice(0, 2).toLowerCase();
  const canonical = cleanUrl($('link[rel="canonical"]').attr("href") ?? meta($, "og:url") ?? pageUrl, pageUrl) ?? pageUrl;
  // Links resolve against the canonical URL: the article as published, wherever it was read from
  // (a mirror, a saved file), so that the same article always yields the same content.
  const base = /^https?:/i.test(canonical) ? canonical : pageUrl;
  const metaPublished = meta($, "article:published_time");
  const metaModified = meta($, "article:modified_time");
  const metaDescription = meta($, "og:description") ?? meta($, "description");
  const metaAuthor = meta($, "author");
  const documentTitle = meta($, "og:title") ?? ($("title").first().text().split("|")[0]?.trim() || null);

  removeBoilerplate($, selectors.remove ?? []);
  const root = pickRoot($, selectors.article);
  const title = firstText($, root, selectors.title) ?? firstText($, root, "h1") ?? firstText($, $.root(), "h1") ?? documentTitle ?? "(zonder titel)";
  const lead = firstText($, root, selectors.lead) ?? firstText($, root, ".lead, .intro, .summary, .field--name-field-intro") ?? metaDescription;

  const publishedEl = selectors.published ? root.find(selectors.published).first() : root.find("time[datetime]").first();
  const rootText = root.text();
  const publishedText = publishedEl.length ? textOf($, publishedEl) : (rootText.match(/gepubliceerd op:?\s*([^\n]{6,40})/i)?.[1] ?? null);
  const publishedAt = (metaPublished ? parseDateTime(metaPublished) : null) ?? readDate($, publishedEl.length ? publishedEl : null, publishedText);
  const modifiedEl = root.find(selectors.modified ?? ".changed-date, .modified, .updated").first();
  const modifiedText = modifiedEl.length ? textOf($, modifiedEl) : (rootText.match(/(?:laatst )?(?:gewijzigd|bijgewerkt) op:?\s*([^\n]{6,40})/i)?.[1] ?? null);
  const modifiedAt = (metaModified ? parseDateTime(metaModified) : null) ?? readDate($, modifiedEl.length ? modifiedEl : null, modifiedText);
  const author =
    firstText($, root, selectors.author) ??
    metaAuthor ??
    firstText($, root, '[rel="author"], .author') ??
    rootText.match(/auteur:\s*([^\n]{2,80})/i)?.[1]?.trim() ??
    null;

  const attachments: ExtractedArticle["attachments"] = [];
  root.find("a[href]").each((_, element) => {
    const href = cleanUrl($(element).attr("href") ?? "", base);
    const extension = href?.split(/[?#]/)[0]?.split(".").pop()?.toLowerCase() ?? "";
    const mediaType = attachmentTypes[extension];
    if (href && mediaType && !attachments.some((a) => a.url === href)) {
      attachments.push({ url: href, title: textOf($, $(element)) || href.split("/").pop() || href, mediaType });
    }
  });

  // The title and the date/author lines are fields of their own, not part of the body.
  root.find("h1").remove();
  if (selectors.title) root.find(selectors.title).remove();
  for (const selector of [selectors.published, selectors.modified, selectors.author, ".changed-date"]) if (selector) root.find(selector).remove();
  root.find("time").each((_, element) => {
    const line = $(element).closest("p, div.meta, .date");
    (line.length ? line : $(element)).remove();
  });
  root.find("p").each((_, element) => {
    if (/^\s*(gepubliceerd op|auteur|laatst gewijzigd op)\b/i.test($(element).text())) $(element).remove();
  });
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
