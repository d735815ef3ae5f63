import { type Analysis, type AnalysisInput, analyseText } from "../normalise/analyse.js";
import { parseLblodPage } from "./lblod/parse-page.js";
import { extractArticle } from "./news/extract-article.js";

/**
 * One page for one parser, or one document's text for the normalisation: the arguments of the
 * function, which must survive a structured clone.
 */
export type ParseTask =
  | { parser: "lblod"; args: Parameters<typeof parseLblodPage> }
  | { parser: "article"; args: Parameters<typeof extractArticle> }
  | { parser: "analysis"; args: [AnalysisInput] };

/** What a parse gives: the parser's result, or why the page is a per-page error. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export type LblodParse = Awaited<ReturnType<typeof parseLblodPage>>;
export type ArticleParse = Awaited<ReturnType<typeof extractArticle>>;
export type { Analysis };

const names: Record<ParseTask["parser"], string> = { lblod: "LBLOD parser", article: "article extractor", analysis: "normalisation" };

/** The size a task's budget counts: the page, or the document's text. */
export function taskBytes(task: ParseTask): number {
  return Buffer.byteLength(task.parser === "analysis" ? task.args[0].text : task.args[0], "utf8");
}

/** What a task is, for messages: "parse" of a page, "analysis" of a text. */
export function describeTask(task: ParseTask, bytes: number): { work: string; what: string } {
  return task.parser === "analysis" ? { work: "analysis", what: `text of ${describePageSize(bytes)}` } : { work: "parse", what: `page of ${describePageSize(bytes)}` };
}

/**
 * Run one task on this thread. A parser that throws (a stack overflow on a pathological page, say)
 * gives a per-page error with its message instead of failing the run.
 */
export async function runParseTask(task: ParseTask): Promise<Parsed<LblodParse | ArticleParse | Analysis>> {
  try {
    const value =
      task.parser === "lblod" ? await parseLblodPage(...task.args) : task.parser === "article" ? await extractArticle(...task.args) : analyseText(...task.args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: `the ${names[task.parser]} failed: ${(error as Error).message ?? String(error)}` };
  }
}

/** The size of a page for messages: "431 kB", "5.1 MB" (decimal units, as browsers show downloads). */
export function describePageSize(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}
