import { builtinSources } from "../../scrapers/registry.js";
import type { SourceDefinition } from "../../scrapers/source.js";
import { buildKortenbergPages, START_PATH } from "../../test/fixtures/lblod-replay/kortenberg.js";
import { newsSites } from "../../test/fixtures/news/sites.js";
import type { ReplayBody } from "./replay-server.js";

/** The pages of a site as a source reads them, from its start page on (path with query → body). */
export interface SiteFixture {
  startPath: string;
  pages: ReadonlyMap<string, ReplayBody>;
}

/** What the demo replays: a fixture per built-in source id (the synthetic Kortenberg site and the news sites). */
export function demoFixtures(): Record<string, SiteFixture> {
  return { "lblod:kortenberg": { startPath: START_PATH, pages: buildKortenbergPages() }, ...newsSites };
}

export interface DemoPlan {
  /** The built-in definitions (real start URL, selectors, municipality) under `demo:` ids. */
  sources: SourceDefinition[];
  /** Pages to replay per public origin; the sources of one origin (Gent's feed and news list) share its site. */
  sites: Map<string, Map<string, ReplayBody>>;
}

function sameBody(a: ReplayBody, b: ReplayBody): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return Buffer.from(a).equals(b);
}

/**
 * The demo's sources and sites. Each source is the built-in one with its real start URL, so the
 * demo crawls, identifies and merges documents as production does; its fixture is served under
 * that URL's origin (see replay-fetcher.ts). A fixture that does not start where its source
 * starts, or two fixtures that serve different pages at one URL, are mistakes in the fixtures,
 * said with the URL.
 */
export function planDemo(fixtures: Record<string, SiteFixture> = demoFixtures(), builtins: SourceDefinition[] = builtinSources()): DemoPlan {
  const byId = new Map(builtins.map((source) => [source.id, source]));
  const sources: SourceDefinition[] = [];
  const sites = new Map<string, Map<string, ReplayBody>>();
  for (const [id, fixture] of Object.entries(fixtures)) {
    const source = byId.get(id);
    if (!source) throw new Error(`demo fixture "${id}": there is no built-in source with that id`);
    const start = new URL(source.startUrl);
    if (`${start.pathname}${start.search}` !== fixture.startPath) {
      throw new Error(`demo fixture "${id}" starts at ${fixture.startPath}, but the source starts at ${source.startUrl}`);
    }
    const pages = sites.get(start.origin) ?? new Map<string, ReplayBody>();
    sites.set(start.origin, pages);
    for (const [path, body] of fixture.pages) {
      const served = pages.get(path);
      if (served !== undefined && !sameBody(served, body)) throw new Error(`demo fixture "${id}" serves another page at ${start.origin}${path} than a fixture before it`);
      pages.set(path, body);
    }
    sources.push({ ...source, id: `demo:${id.replace(":", "-")}`, name: `${source.name} (demo replay)`, enabled: true });
  }
  return { sources, sites };
}
