import type * as cheerio from "cheerio";
import type { AnyNode } from "domhandler";
import type { Byline } from "./byline.js";
import type { JsonLdDates } from "./json-ld.js";
import type { MetaTags } from "./meta-tags.js";
import { chooseStatedDate, readStatedDate, type StatedDate } from "./stated-date.js";

/** Meta tags for the publication date, in the order they are trusted: Open Graph's article first, the bare `date` last. */
const publishedMeta = ["article:published_time", "og:published_time", "datepublished", "dcterms.issued", "dcterms.created", "dc.date.issued", "dc.date.created", "dc.date", "date", "pubdate", "publishdate"];
const modifiedMeta = ["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "dc.date.modified", "last-modified"];

/** What a source's own selector points at: a `datetime` or `content` attribute, else the text. */
function readSelected(element: cheerio.Cheerio<AnyNode> | null): StatedDate | null {
  if (!element?.length) return null;
  return readStatedDate(element.attr("datetime") ?? element.attr("content")) ?? readStatedDate(element.text());
}

/** A microdata property in the article (`itemprop="datePublished"`), attribute first. */
function readMicrodata(root: cheerio.Cheerio<AnyNode>, property: string): StatedDate | null {
  return readSelected(root.find(`[itemprop="${property}"]`).first());
}

export interface ArticleDateSources {
  root: cheerio.Cheerio<AnyNode>;
  byline: Byline;
  jsonLd: JsonLdDates;
  meta: MetaTags;
  /** Elements a source's configuration names for the dates. */
  published: cheerio.Cheerio<AnyNode> | null;
  modified: cheerio.Cheerio<AnyNode> | null;
}

/**
 * Publication and modification dates of an article, each from the first source that states one,
 * in this order: the source's own selector; the article's visible byline ("Gepubliceerd op …");
 * the article's JSON-LD; its microdata; its first `<time datetime>`; a "Datum:" line; then what
 * the page says about itself, which is often a template's default: meta tags, then the JSON-LD of
 * the `WebPage`. A date-only winner takes the time of a later source on the same day (see
 * `chooseStatedDate`). The modified date has no `<time>` or "Datum:" step: an undated `<time>` is
 * taken for the publication.
 */
export function readArticleDates(sources: ArticleDateSources): { publishedAt: string | null; modifiedAt: string | null; usedDatedLine: boolean } {
  const { root, byline, jsonLd, meta } = sources;
  const fromMeta = (names: string[]) => names.map((name) => readStatedDate(meta.get(name))).find((d) => d !== null) ?? null;
  const beforeDated = [readSelected(sources.published), byline.published, readStatedDate(jsonLd.article.published), readMicrodata(root, "datePublished"), byline.firstTime];
  const usedDatedLine = beforeDated.every((d) => d === null) && byline.dated !== null;
  const publishedAt = chooseStatedDate([...beforeDated, byline.dated, fromMeta(publishedMeta), readStatedDate(jsonLd.page.published)]);
  const modifiedAt = chooseStatedDate([
    readSelected(sources.modified),
    byline.modified,
    readStatedDate(jsonLd.article.modified),
    readMicrodata(root, "dateModified"),
    fromMeta(modifiedMeta),
    readStatedDate(jsonLd.page.modified),
  ]);
  return { publishedAt, modifiedAt, usedDatedLine };
}
