import { readFileSync } from "node:fs";
import { documentKindOfSource } from "../../schema/source-kinds.js";
import { binaryBodyReason } from "../../scrapers/fetchers/body-check.js";
import { readArticleSelectors } from "../../scrapers/news/config.js";
import { missingLblodContent } from "../../scrapers/parsers/lblod/page-content.js";
import { parseLblodPage } from "../../scrapers/parsers/lblod/parse-page.js";
import { extractArticle } from "../../scrapers/parsers/news/extract-article.js";
import type { Config } from "../config.js";
import { configuredSources } from "../configured-sources.js";
import { createFetcher } from "../scraping.js";
import { UsageError } from "../usage.js";

/** What a parser printed, or why the page could not be read as what it was asked for. */
type Printed = { output: unknown } | { problem: string };

async function readTarget(config: Config, target: string): Promise<{ html: string; pageUrl: string }> {
  if (/^https?:\/\//i.test(target)) {
    const result = await createFetcher(config).fetch({ url: target });
    if (result.kind !== "ok") throw new Error(`${target}: unexpected 304 without validators`);
    return { html: result.body, pageUrl: result.finalUrl };
  }
  try {
    return { html: readFileSync(target, "utf8"), pageUrl: `file://${target.startsWith("/") ? "" : `${process.cwd()}/`}${target}` };
  } catch (error) {
    throw new UsageError(`cannot read ${target}: ${(error as Error).message}`, "parse");
  }
}

/** Why a body is no page to parse at all: empty, or binary (a PDF saved as .html, say). */
function unreadableReason(html: string): string | null {
  if (html.trim() === "") return html === "" ? "the page is empty (0 bytes)" : "the page holds only whitespace";
  return binaryBodyReason(html);
}

/**
 * `vangnet parse lblod|article|news:<source-id> <file|url>`: print as JSON what a parser reads
 * from one page, to check a site or a saved page by hand. An empty or binary page, or an LBLOD
 * page without any LBLOD content, is said on standard error with exit status 1.
 */
export async function runParse(config: Config, parser: string, target: string): Promise<number> {
  let print: (html: string, pageUrl: string) => Promise<Printed>;
  if (parser === "lblod") {
    print = async (html, pageUrl) => {
      const page = await parseLblodPage(html, pageUrl);
      const missing = missingLblodContent(page);
      if (missing) return { problem: missing };
      const { kind, sessions, agendaItems, treatments, decisions, votes, governingBodies, administrativeUnits, links, repairs } = page;
      return { output: { kind, sessions, agendaItems, decisions, votes, treatments, governingBodies, administrativeUnits, links, repairs } };
    };
  } else if (parser === "article") {
    print = async (html, pageUrl) => ({ output: extractArticle(html, pageUrl) });
  } else if (parser.startsWith("news:")) {
    const source = configuredSources(config).find((s) => s.id === parser);
    if (!source || documentKindOfSource(source.kind) !== "press_release") throw new UsageError(`unknown news source "${parser}" (see \`vangnet sources\`)`, "parse");
    const selectors = readArticleSelectors(source.config);
    print = async (html, pageUrl) => ({ output: extractArticle(html, pageUrl, selectors) });
  } else {
    throw new UsageError(`unknown parser "${parser}"; available: lblod, article, news:<source-id>`, "parse");
  }
  const { html, pageUrl } = await readTarget(config, target);
  const unreadable = unreadableReason(html);
  const printed = unreadable === null ? await print(html, pageUrl) : { problem: unreadable };
  if ("problem" in printed) {
    process.stderr.write(`vangnet parse ${parser}: ${target}: ${printed.problem}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(printed.output, null, 2)}\n`);
  return 0;
}
