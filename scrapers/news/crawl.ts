import { markCaptureProcessed } from "../../db/queries/captures.js";
import { findDocumentUriOfPage } from "../../db/queries/documents.js";
import { publishedDatesOfPages, recentArticlePages } from "../../db/queries/press-releases.js";
import { withdrawDocument } from "../../db/write/withdraw-document.js";
import type { ExtractedArticle } from "../../schema/article.js";
import { fetchPage } from "../fetch-page.js";
import { type ListedArticle, listFeedArticles, listPageArticles } from "../parsers/news/list-articles.js";
import { extractPdfText } from "../parsers/news/pdf-text.js";
import { noteReachedDate, type RunContext, recordError } from "../run-context.js";
import { PageFailed, SchemaMismatch, StartPageFailed } from "../run-errors.js";
import { visitGuarded } from "../run-results.js";
import type { ListingConfig, NewsConfig } from "./config.js";
import { storeArticle } from "./store-article.js";

/** The articles a feed announces, newest first as published. */
async function listFeed(ctx: RunContext): Promise<ListedArticle[]> {
  const startUrl = ctx.source.startUrl;
  const page = await fetchPage(ctx, startUrl);
  if (!page) throw new StartPageFailed(startUrl);
  if (page.kind === "unchanged") return page.links.filter((l) => l.rel === "article").map((l) => ({ url: l.url, title: null }));
  let articles: ListedArticle[];
  try {
    articles = listFeedArticles(page.body, page.finalUrl);
  } catch (error) {
    const found = (error as Error).message;
    throw new SchemaMismatch(startUrl, "an RSS or Atom feed", found, `not a readable RSS or Atom feed: ${found}`);
  }
  await markCaptureProcessed(ctx.db, page.captureId, ctx.now(), { links: articles.map((a) => ({ url: a.url, rel: "article" })), pageDate: null });
  return articles;
}

type Link = { url: string; rel: string };

/** The article and next-page links of one list page; null when it could not be fetched (StartPageFailed for the first). */
async function readListPage(ctx: RunContext, config: ListingConfig, url: string, index: number): Promise<Link[] | null> {
  const page = await fetchPage(ctx, url);
  await ctx.progress();
  if (!page) {
    if (index === 0) throw new StartPageFailed(url);
    return null;
  }
  if (page.kind === "unchanged") return page.links;
  const listed = listPageArticles(page.body, page.finalUrl, config.list, index);
  const links = [...listed.articles.map((a) => ({ url: a.url, rel: "article" })), ...(listed.next ? [{ url: listed.next, rel: "next-page" }] : [])];
  if (index === 0 && listed.articles.length === 0) {
    const expected = `articles matching the item selector "${config.list.item}"`;
    throw new SchemaMismatch(url, expected, "none", `no articles found with the item selector "${config.list.item}": the page layout may have changed`);
  }
  await markCaptureProcessed(ctx.db, page.captureId, ctx.now(), { links, pageDate: null });
  return links;
}

/** The articles list pages announce, newest first as published; the first list page must have some. */
async function listPages(ctx: RunContext, config: ListingConfig): Promise<ListedArticle[]> {
  const articles: ListedArticle[] = [];
  let url: string | null = ctx.source.startUrl;
  for (let index = 0; url && index < config.list.maxPages; index++) {
    const links = await readListPage(ctx, config, url, index);
    if (!links) return articles;
    for (const link of links) if (link.rel === "article" && !articles.some((a) => a.url === link.url)) articles.push({ url: link.url, title: null });
    url = links.find((l) => l.rel === "next-page")?.url ?? null;
  }
  return articles;
}

/** List pages a backfill reads at most: far beyond any site's history at a few articles a week. */
const BACKFILL_MAX_LIST_PAGES = 2_000;

/**
 * A backfill of a listing source: each list page, then its articles, page after page, until a
 * list page holds only articles published before the backfill's date (or the list ends).
 */
async function backfillListing(ctx: RunContext, config: ListingConfig): Promise<void> {
  const visited = new Set<string>();
  let url: string | null = ctx.source.startUrl;
  for (let index = 0; url && index < BACKFILL_MAX_LIST_PAGES; index++) {
    const links = await readListPage(ctx, config, url, index);
    if (!links) return;
    const articles = links.filter((l) => l.rel === "article" && !visited.has(l.url)).map((l) => l.url);
    for (const article of articles) visited.add(article);
    await visitArticleUrls(ctx, config, articles);
    const dates = [...(await publishedDatesOfPages(ctx.db, articles)).values()];
    for (const date of dates) noteReachedDate(ctx, date);
    if (dates.length > 0 && dates.every((date) => date < ctx.windowStart)) return;
    url = links.find((l) => l.rel === "next-page")?.url ?? null;
  }
}

async function visitArticle(ctx: RunContext, url: string, config: NewsConfig) {
  const withdraw = async () => {
    const uri = await findDocumentUriOfPage(ctx.db, url);
    if (uri === undefined) throw new PageFailed(url, "the article listed by the source answers 404/410");
    if (await ctx.db.transaction((tx) => withdrawDocument(tx, uri, ctx.runId, ctx.now()))) ctx.counts.itemsUpdated++;
  };
  // An article does not change once published, as far as a backfill is concerned.
  const page = await fetchPage(ctx, url, withdraw, { stable: true });
  if (!page) return;
  if (page.kind === "unchanged") {
    ctx.counts.itemsUnchanged++;
    return;
  }
  const stored = await storeArticle(ctx.db, {
    url,
    body: page.body,
    finalUrl: page.finalUrl,
    captureId: page.captureId,
    source: ctx.source,
    runId: ctx.runId,
    now: ctx.now(),
    selectors: config.article,
    parser: ctx.parser,
    completeAttachments: (attachments) => readAttachments(ctx, config, attachments),
  });
  if ("error" in stored) throw new PageFailed(url, stored.error);
  if (stored.outcome === "insert") ctx.counts.itemsInserted++;
  else if (stored.outcome === "update") ctx.counts.itemsUpdated++;
  else ctx.counts.itemsUnchanged++;
}

/** PDF attachments read per article at most. */
const MAX_PDF_ATTACHMENTS = 5;

/**
 * Fetch the PDF attachments of an article and add their text. An attachment that cannot be read
 * is recorded as an error and stays listed without text; the article is stored all the same.
 */
async function readAttachments(ctx: RunContext, config: NewsConfig, attachments: ExtractedArticle["attachments"]) {
  const result: ExtractedArticle["attachments"] = [];
  let pdfs = 0;
  for (const attachment of attachments) {
    if (attachment.mediaType !== "application/pdf" || pdfs >= MAX_PDF_ATTACHMENTS || !allowedHost(ctx, config, attachment.url)) {
      result.push(attachment);
      continue;
    }
    pdfs++;
    try {
      const fetched = await ctx.fetcher.fetch({ url: attachment.url, binary: true });
      if (fetched.kind !== "ok" || !fetched.bytes) throw new Error("no body");
      ctx.counts.pagesFetched++;
      result.push({ ...attachment, text: await extractPdfText(fetched.bytes) });
    } catch (error) {
      recordError(ctx, attachment.url, `PDF attachment not read: ${(error as Error).message}`);
      result.push({ ...attachment, text: null });
    }
  }
  return result;
}

function allowedHost(ctx: RunContext, config: NewsConfig, url: string): boolean {
  const host = new URL(url).host;
  return host === new URL(ctx.source.startUrl).host || config.articleHosts.includes(host);
}

/**
 * Fetch the newest listed articles and re-check the stored ones of the window (for edits, and
 * 404/410 for withdrawal), each as its own page.
 */
async function visitArticles(ctx: RunContext, config: NewsConfig, listed: ListedArticle[]): Promise<void> {
  const since = new Date(ctx.now().getTime() - config.windowDays * 86_400_000);
  const recheck = (await recentArticlePages(ctx.db, ctx.source.id, since)).map((p) => p.url);
  await visitArticleUrls(ctx, config, [...new Set([...listed.slice(0, config.maxArticles).map((a) => a.url), ...recheck])]);
}

/** Visit articles one by one, each as its own page; those on other hosts are errors. */
async function visitArticleUrls(ctx: RunContext, config: NewsConfig, urls: readonly string[]): Promise<void> {
  for (const url of urls) {
    if (!allowedHost(ctx, config, url)) {
      recordError(ctx, url, `article on another host than the source (${new URL(ctx.source.startUrl).host}); add it to config.articleHosts to follow it`);
      continue;
    }
    await visitGuarded(ctx, url, () => visitArticle(ctx, url, config));
    await ctx.progress();
  }
}

/**
 * Collect a feed source: read the feed, then the articles. A feed lists only its newest items: a
 * backfill of a feed collects those and can go no further back. Throws StartPageFailed or
 * SchemaMismatch when the feed cannot be read.
 */
export async function crawlFeed(ctx: RunContext, config: NewsConfig): Promise<void> {
  await visitArticles(ctx, config, await listFeed(ctx));
}

/**
 * Collect a listing (or browser) source: read its list pages, then the articles (a backfill walks
 * the list pages back to its date instead, see backfillListing). Throws
 * StartPageFailed or SchemaMismatch when the first list page cannot be read or lists nothing.
 */
export async function crawlListing(ctx: RunContext, config: ListingConfig): Promise<void> {
  if (ctx.backfill) return backfillListing(ctx, config);
  await visitArticles(ctx, config, await listPages(ctx, config));
}
