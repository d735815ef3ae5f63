import type * as Cheerio from "cheerio";
import { Feed, type Item } from "feed";
import { presentChangeJson } from "../changes/change-json.js";
import { type ChangeEntry, entryContentHtml, themeLabelOf } from "./change-entry.js";
import { escapeHtml } from "./html.js";

/**
 * Atom 1.0 and JSON Feed 1.1 of a page of changes, written by the `feed` library. What it cannot
 * write is added to its output (seen with feed 6.0.0, 2026-11): in Atom, the `next` page and the
 * JSON alternate (it writes only `alternate` and `self`, jpmonette/feed#68) and an entry's links
 * to its document and source (it writes one link per entry), through cheerio's XML mode so that
 * every value is escaped by a serialiser; in JSON Feed, which it writes as version 1, the 1.1
 * fields (`next_url`, `language`, `authors`).
 */

export interface FeedPage {
  /** Stable id of the feed, whatever its page. */
  id: string;
  title: string;
  description: string;
  /** The HTML page this feed is the feed of. */
  homeUrl: string;
  atomUrl: string;
  jsonUrl: string;
  /** The older page, when there is one. */
  nextUrl: string | undefined;
  /** When the newest entry was recorded; for an empty feed, now. */
  updated: Date;
  entries: ChangeEntry[];
}

const AUTHOR = { name: "Vangnet" };

/**
 * cheerio, loaded with the first Atom feed rather than at start: `vangnet serve` starts without
 * the packages scraping needs (test/cli/lazy-loading.test.ts), and most processes never write Atom.
 */
let cheerioModule: Promise<typeof Cheerio> | undefined;
const loadCheerio = () => (cheerioModule ??= import("cheerio"));
const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

function themeCategories(entry: ChangeEntry) {
  return (entry.row.themes ?? []).map((code) => ({ term: code, name: themeLabelOf(code) }));
}

function newFeed(page: FeedPage): Feed {
  return new Feed({
    id: page.id,
    title: page.title,
    description: page.description,
    link: page.homeUrl,
    language: "nl",
    updated: page.updated,
    generator: "Vangnet",
    feedLinks: { atom: page.atomUrl, json: page.jsonUrl },
    author: AUTHOR,
  });
}

/** Atom: titles and summaries are `type="html"`, so their text is escaped once more for the reader to unescape. */
export async function writeAtomFeed(page: FeedPage): Promise<string> {
  const feed = newFeed(page);
  for (const entry of page.entries) {
    feed.addItem({
      id: entry.id,
      title: escapeHtml(entry.headline),
      link: entry.changeUrl,
      date: entry.occurredAt,
      published: entry.occurredAt,
      description: escapeHtml(entry.headline),
      content: entryContentHtml(entry).value,
      category: themeCategories(entry),
    });
  }
  const cheerio = await loadCheerio();
  const $ = cheerio.load(feed.atom1(), { xml: true });
  $("feed").attr("xml:lang", "nl");
  $("feed > link[rel=alternate]").attr("type", "text/html");
  const self = $("feed > link[rel=self]").attr("type", "application/atom+xml");
  const alternates = [$("<link/>").attr({ rel: "alternate", type: "application/feed+json", href: page.jsonUrl })];
  if (page.nextUrl) alternates.push($("<link/>").attr({ rel: "next", type: "application/atom+xml", href: page.nextUrl }));
  self.after(...alternates);
  $("feed > entry").each((i, element) => {
    const entry = page.entries[i] as ChangeEntry;
    const links = $(element).children("link");
    links.attr({ rel: "alternate", type: "text/html" });
    const extra = [];
    if (entry.subject) extra.push($("<link/>").attr({ rel: "related", type: "text/html", href: entry.subject.href, title: entry.subject.title }));
    if (entry.source) extra.push($("<link/>").attr({ rel: "via", type: "text/html", href: entry.source.startUrl, title: entry.source.name }));
    if (extra.length > 0) links.last().after(...extra);
  });
  return $.xml();
}

/** JSON Feed 1.1: plain-text titles and summaries, HTML content, and the change as data under `_vangnet`. */
export async function writeJsonFeed(page: FeedPage): Promise<string> {
  const feed = newFeed(page);
  for (const entry of page.entries) {
    const item: Item = {
      id: entry.id,
      title: entry.headline,
      link: entry.changeUrl,
      date: entry.occurredAt,
      published: entry.occurredAt,
      description: entry.headline,
      content: entryContentHtml(entry).value,
      category: themeCategories(entry),
      extensions: [{ name: "_vangnet", objects: presentChangeJson(entry.row) as unknown as Record<string, unknown> }],
    };
    feed.addItem(item);
  }
  const { author: _author, items, ...written } = JSON.parse(feed.json1()) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const lifted = {
    ...written,
    version: JSON_FEED_VERSION,
    language: "nl",
    authors: [AUTHOR],
    ...(page.nextUrl ? { next_url: page.nextUrl } : {}),
    items: items.map((item, i) => {
      const entry = page.entries[i] as ChangeEntry;
      return entry.subject ? { ...item, external_url: entry.subject.href } : item;
    }),
  };
  return JSON.stringify(lifted, null, 2);
}
