import { z } from "zod";

/** How a news source lists its articles and where the article sits on its pages. */
export const newsConfig = z
  .object({
    /** For listing and browser sources: the article teasers on a list page. */
    list: z
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
      .strict()
      .optional(),
    /** Selectors that help the article extractor on this site. */
    article: z
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
      .default({}),
    /** Articles fetched per run at most (newest first). */
    maxArticles: z.number().int().min(1).max(500).default(40),
    /** Stored articles published within this many days are re-checked for edits and withdrawal. */
    windowDays: z.number().int().min(1).default(60),
    /** Hosts besides the start URL's from which article links are followed. */
    articleHosts: z.array(z.string()).default([]),
  })
  .passthrough();

export type NewsConfig = z.infer<typeof newsConfig>;

export function readNewsConfig(sourceId: string, config: Record<string, unknown>): NewsConfig {
  const result = newsConfig.safeParse(config);
  if (!result.success) {
    throw new Error(`source ${sourceId}: invalid news configuration: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return result.data;
}
