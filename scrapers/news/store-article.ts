import type { Database } from "../../db/client.js";
import { markCaptureProcessed } from "../../db/queries/captures.js";
import type { WriteOutcome } from "../../db/write/document-plan.js";
import { writeDocument } from "../../db/write/write-document.js";
import { type ExtractedArticle, extractedArticle } from "../../schema/article.js";
import { binaryBodyReason } from "../fetchers/body-check.js";
import { createDocumentAnalyst } from "../normalise/document-analyst.js";
import { redactArticle } from "../normalise/pii-fields.js";
import type { ArticleSelectors } from "../parsers/news/extract-article.js";
import type { PageParser } from "../parsers/page-parser.js";
import type { SourceDefinition } from "../source.js";

/** Shorter body text than this is not taken for an article. */
const MIN_ARTICLE_CHARS = 80;

export interface ArticlePage {
  /** The URL the page was fetched from. */
  url: string;
  body: string;
  finalUrl: string;
  captureId: number;
  source: SourceDefinition;
  runId: number;
  now: Date;
  selectors: ArticleSelectors;
  /** Runs the extractor (the run's parse pool). */
  parser: PageParser;
  /** Adds what the page itself does not hold (the text of PDF attachments). */
  completeAttachments: (attachments: ExtractedArticle["attachments"]) => Promise<ExtractedArticle["attachments"]>;
}

/**
 * Extract the article of a fetched (or stored) page, validate it and store it: insert, new
 * revision, or nothing. Gives the reason instead when the page holds no article (a binary body,
 * too little text, a record that does not match the schema); then nothing is written.
 */
export async function storeArticle(db: Database, page: ArticlePage): Promise<{ outcome: WriteOutcome } | { error: string }> {
  // A PDF or an image served as text/html is no article: refused before any parser sees it.
  const refusal = binaryBodyReason(page.body);
  if (refusal) return { error: refusal };
  const result = await page.parser.extractArticle(page.body, page.finalUrl, page.selectors);
  if (!result.ok) return { error: result.reason };
  const parsed = extractedArticle.safeParse(result.value);
  if (!parsed.success) return { error: `the article does not match the schema: ${parsed.error.issues[0]?.message}` };
  const extracted = parsed.data;
  if (extracted.text.length < MIN_ARTICLE_CHARS) {
    // A "Laden…" placeholder of a page rendered by JavaScript is not an article.
    return { error: `no article text found on the page (${extracted.text.length} characters; does it need a browser source?)` };
  }
  // Personal data is redacted before anything is stored, in the article and its attachments
  // together (a name the body gives away is redacted in an attachment too); URLs stay whole.
  // Only the raw capture keeps the original.
  const article = redactArticle({ ...extracted, attachments: await page.completeAttachments(extracted.attachments) });
  const { attachments } = article;
  return db.transaction(async (tx) => {
    // The document, its revision, its analysis (themes, measures, amounts, links) and its events, in one write.
    const written = await writeDocument(
      tx,
      {
        kind: "press_release",
        uri: article.url,
        sourceId: page.source.id,
        municipalityNis: page.source.municipalityNis,
        language: article.language,
        html: article.html,
        content: {
          title: article.title,
          lead: article.lead,
          text: article.text,
          publishedAt: article.publishedAt,
          modifiedAt: article.modifiedAt,
          author: article.author,
          attachments,
        },
        page: { url: page.url, pageKind: "article", captureId: page.captureId, facts: {} },
        runId: page.runId,
        captureId: page.captureId,
      },
      { now: page.now, runId: page.runId, analyst: createDocumentAnalyst(page.parser.analyse) },
    );
    // Only now, with the article stored, does a later 304 skip the page.
    await markCaptureProcessed(tx, page.captureId, page.now);
    return { outcome: written.outcome };
  });
}
