import { z } from "zod";

/** What the article extractor reads from a news or press-release page. */
export const extractedArticle = z.object({
  title: z.string().min(1),
  /** The introduction, when the page marks one (or its meta description). */
  lead: z.string().nullable(),
  /** ISO 8601 timestamps; a date without time is midnight in Brussels. */
  publishedAt: z.string().datetime({ offset: true }).nullable(),
  modifiedAt: z.string().datetime({ offset: true }).nullable(),
  author: z.string().nullable(),
  /** Canonical URL of the article. */
  url: z.string().url(),
  language: z.string().min(2),
  /** Clean text of the article body: paragraphs separated by blank lines. */
  text: z.string(),
  /** Sanitised HTML of the article body: no scripts, styles, event attributes or tracking. */
  html: z.string(),
  /** Linked documents; `text` holds the text of a PDF once fetched (the extractor leaves it out). */
  attachments: z.array(z.object({ url: z.string().url(), title: z.string(), mediaType: z.string(), text: z.string().nullable().optional() })),
});

export type ExtractedArticle = z.infer<typeof extractedArticle>;
