import type { AnalysisInput } from "../normalise/analyse.js";
import type { Analysis, ArticleParse, LblodParse, Parsed, ParseTask } from "./parse-task.js";
import { runParseTask } from "./parse-task.js";
import type { extractArticle } from "./news/extract-article.js";

export type { Parsed } from "./parse-task.js";

/**
 * How crawlers and reprocessing parse a fetched page. A page that cannot be parsed (over a
 * budget, a parser that failed) is a per-page error with its reason, never an exception that
 * ends the run. The long-running commands use a pool of worker threads (parse-pool.ts), so that
 * no page can hold up the API's event loop; `parseOnThisThread` serves tests and one-off tools.
 */
export interface PageParser {
  parseLblodPage(html: string, pageUrl: string): Promise<Parsed<LblodParse>>;
  extractArticle(...args: Parameters<typeof extractArticle>): Promise<Parsed<ArticleParse>>;
  /** The normalisation of one document's text (analyse.ts), which is as long as the page it came from. */
  analyse(input: AnalysisInput): Promise<Parsed<Analysis>>;
}

/** A PageParser over any way of running a task (the pool, or this thread). */
export function createPageParser(run: (task: ParseTask) => Promise<Parsed<unknown>>): PageParser {
  return {
    parseLblodPage: (html, pageUrl) => run({ parser: "lblod", args: [html, pageUrl] }) as Promise<Parsed<LblodParse>>,
    extractArticle: (...args) => run({ parser: "article", args }) as Promise<Parsed<ArticleParse>>,
    analyse: (input) => run({ parser: "analysis", args: [input] }) as Promise<Parsed<Analysis>>,
  };
}

/** Parses on the calling thread, without a time or size budget: for tests and one-off tools. */
export const parseOnThisThread: PageParser = createPageParser(runParseTask);
