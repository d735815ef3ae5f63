import { parseFeed } from "@rowanmanning/feed-parser";
import * as cheerio from "cheerio";
import type { ListConfig } from "../../news/config.js";
import { cleanUrl } from "./sanitise.js";

/** An article as a feed or a list page announces it. */
export interface ListedArticle {
  url: string;
  title: string | null;
}

/** Items of an RSS or Atom feed, in feed order. Throws with the reason when it is no feed. */
export function listFeedArticles(xml: string, feedUrl: string): ListedArticle[] {
  const feed = parseFeed(xml);
  return feed.items.flatMap((item) => {
    const url = item.url ? cleanUrl(item.url, feedUrl) : null;
    return url ? [{ url, title: item.title ?? null }] : [];
  });
}

/** Items of an HTML list page and the URL of the next list page, by the source's selectors. */
export function listPageArticles(html: string, pageUrl: string, list: ListConfig, pageIndex: number) {
  const $ = cheerio.load(html);
  const articles: ListedArticle[] = [];
  $(list.item).each((_, element) => {
    const item = $(element);
    const anchor = list.link ? item.find(list.link).first() : item.find("a[href]").first();
    const link = anchor.length ? anchor : item.closest("a[href]");
    const url = cleanUrl(link.attr("href") ?? "", pageUrl);
    const title = item.find("h2, h3, h4").first().text().replace(/\s+/g, " ").trim() || null;
    if (url && !articles.some((a) => a.url === url)) articles.push({ url, title });
  });
  let next: string | null = null;
  if (list.next) next = cleanUrl($(list.next).first().attr("href") ?? "", pageUrl);
  else if (list.pageParam && articles.length > 0) {
    const url = new URL(pageUrl);
    url.searchParams.set(list.pageParam, String(list.firstPage + pageIndex + 1));
    next = url.href;
  }
  return { articles, next };
}
