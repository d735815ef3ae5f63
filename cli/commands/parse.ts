import { readFileSync } from "node:fs";
import { parseLblodPage } from "../../scrapers/parsers/lblod/parse-page.js";
import type { Config } from "../config.js";
import { createFetcher } from "../scraping.js";
import { UsageError } from "../usage.js";

/** `vangnet parse lblod <file|url>`: print what the parser reads from one page, as JSON. */
export async function runParse(config: Config, kind: string, target: string): Promise<number> {
  if (kind !== "lblod") throw new UsageError(`unknown parser "${kind}"; available: lblod`, "parse");
  let html: string;
  let pageUrl: string;
  if (/^https?:\/\//i.test(target)) {
    const result = await createFetcher(config).fetch({ url: target });
    if (result.kind !== "ok") throw new Error(`${target}: unexpected 304 without validators`);
    html = result.body;
    pageUrl = result.finalUrl;
  } else {
    try {
      html = readFileSync(target, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read ${target}: ${(error as Error).message}`, "parse");
    }
    pageUrl = `file://${target.startsWith("/") ? "" : `${process.cwd()}/`}${target}`;
  }
  const page = await parseLblodPage(html, pageUrl);
  const { kind: pageKind, sessions, agendaItems, treatments, decisions, votes, governingBodies, administrativeUnits, links } = page;
  process.stdout.write(
    `${JSON.stringify({ kind: pageKind, sessions, agendaItems, decisions, votes, treatments, governingBodies, administrativeUnits, links }, null, 2)}\n`,
  );
  return 0;
}
