import { z } from "zod";

/** The article teasers on a list page, for listing and browser sources. */
const listConfig = z
  .object({
    item: z.string().min(1),
    /** Link to the article, inside the item (default: the first link). */
    link: z.string().min(1).optional(),
    /** Next list page: a link selector, or a query parameter counted up from `firstPage`. */
    next: z.string().min(1).optional(),
    pageParam: z.string().min(1).optional(),
    firstPage: z.number().int().min(0).default(0),
    maxPages: z.number().int().min(1).max(50).default(3),
  })
  .strict();

/** Selectors that help the article extractor on this site. */
const articleSelectors = z
  .object({
    article: z.string().optional(),
    title: z.string().optional(),
    lead: z.string().optional(),
    published: z.string().optional(),
    modified: z.string().optional(),
    author: z.string().optional(),
    remove: z.array(z.string()).optional(),
  })
  .strict()
  .default({});

/** What every news source says: where the article sits on its pages, how many to fetch, how long to watch them. */
const articleFields = {
  article: articleSelectors,
  /** Articles fetched per run at most (newest first). */
  maxArticles: z.number().int().min(1).max(500).default(40),
  /** Stored articles published within this many days are re-checked for edits and withdrawal. */
  windowDays: z.number().int().min(1).default(60),
  /** Hosts besides the start URL's from which article links are followed. */
  articleHosts: z.array(z.string()).default([]),
};

/** A feed source: the feed lists the articles. */
export const feedConfig = z.object(articleFields).strict();

/** A listing or browser source: list pages with article teasers. */
export const listingConfig = z.object({ list: listConfig, ...articleFields }).strict();

/** What the news crawl and reprocess read, whatever lists the articles. */
export type NewsConfig = z.infer<typeof feedConfig>;
export type ListingConfig = z.infer<typeof listingConfig>;
export type ListConfig = ListingConfig["list"];

/**
 * The article selectors of a news source, for `vangnet parse news:<id>`. The sources were
 * validated when they loaded; this reads the one field whatever the kind.
 */
export function readArticleSelectors(config: Record<string, unknown>): NewsConfig["article"] {
  return z.object({ article: articleSelectors }).passthrough().parse(config).article;
}
