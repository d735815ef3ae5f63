import { parseLblodPage } from "./lblod/parse-page.js";
import { extractArticle } from "./news/extract-article.js";

/** One page for one parser: the arguments of the parser's function, which must survive a structured clone. */
export type ParseTask = { parser: "lblod"; args: Parameters<typeof parseLblodPage> } | { parser: "article"; args: Parameters<typeof extractArticle> };

/** What a parse gives: the parser's result, or why the page is a per-page error. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export type LblodParse = Awaited<ReturnType<typeof parseLblodPage>>;
export type ArticleParse = Awaited<ReturnType<typeof extractArticle>>;

/**
 * Run one task on this thread. A parser that throws (a stack overflow on a pathological page, say)
 * gives a per-page error with its message instead of failing the run.
 */
export async function runParseTask(task: ParseTask): Promise<Parsed<LblodParse | ArticleParse>> {
  try {
    const value = task.parser === "lblod" ? await parseLblodPage(...task.args) : await extractArticle(...task.args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: `the ${task.parser === "lblod" ? "LBLOD parser" : "article extractor"} failed: ${(error as Error).message ?? String(error)}` };
  }
}

/** The size of a page for messages: "431 kB", "5.1 MB" (decimal units, as browsers show downloads). */
export function describePageSize(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}
