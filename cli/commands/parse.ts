import { readFileSync } from "node:fs";
import { readNewsConfig } from "../../scrapers/news/config.js";
import { parseLblodPage } from "../../scrapers/parsers/lblod/parse-page.js";
import { extractArticle } from "../../scrapers/parsers/news/extract-article.js";
import type { Config } from "../config.js";
import { configuredSources, createFetcher } from "../scraping.js";
import { UsageError } from "../usage.js";

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

/**
 * `vangnet parse lblod|article|news:<source-id> <file|url>`: print as JSON what a parser reads
 * from one page, to check a site or a saved page by hand.
 */
export async function runParse(config: Config, parser: string, target: string): Promise<number> {
  let print: (html: string, pageUrl: string) => Promise<unknown>;
  if (parser === "lblod") {
    print = async (html, pageUrl) => {
      const { kind, sessions, agendaItems, treatments, decisions, votes, governingBodies, administrativeUnits, links } = await parseLblodPage(html, pageUrl);
      return { kind, sessions, agendaItems, decisions, votes, treatments, governingBodies, administrativeUnits, links };
    };
  } else if (parser === "article") {
    print = async (html, pageUrl) => extractArticle(html, pageUrl);
  } else if (parser.startsWith("news:")) {
    const source = configuredSources(config).find((s) => s.id === parser);
    if (!source || source.kind === "lblod") throw new UsageError(`unknown news source "${parser}" (see \`vangnet sources\`)`, "parse");
    const selectors = readNewsConfig(source.id, source.config).article;
    print = async (html, pageUrl) => extractArticle(html, pageUrl, selectors);
  } else {
    throw new UsageError(`unknown parser "${parser}"; available: lblod, article, news:<source-id>`, "parse");
  }
  const { html, pageUrl } = await readTarget(config, target);
  process.stdout.write(`${JSON.stringify(await print(html, pageUrl), null, 2)}\n`);
  return 0;
}
