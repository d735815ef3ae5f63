import type { LblodLink } from "../../../schema/lblod.js";
import type { Graph } from "./graph.js";
import { besluit, ns } from "./vocabulary.js";

/** The RDFa links between publications, with the rel each gets. */
export const documentLinks: ReadonlyArray<[predicate: string, rel: LblodLink["rel"]]> = [
  [`${ns.lblodBesluit}linkToPublication`, "publication"],
  [besluit("heeftAgenda"), "agenda"],
  [besluit("heeftBesluitenlijst"), "besluitenlijst"],
  [besluit("heeftNotulen"), "notulen"],
  [besluit("heeftUittreksel"), "uittreksel"],
];

/** An absolute http(s) URL without fragment, or null. */
export function toFetchableUrl(value: string, base: string): string | null {
  try {
    const url = new URL(value.trim(), base);
    url.hash = "";
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Whether two URLs name the same document (fragments aside). */
export function isSameDocument(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    x.hash = "";
    y.hash = "";
    return x.href === y.href;
  } catch {
    return false;
  }
}

/**
 * Links to follow, absolute, without fragment, de-duplicated per rel, never the page itself:
 * the RDFa links between publications, then the pagination of a session index (`<a rel="next">`,
 * `<link rel="next">`, plain HTML read in the same pass as the RDFa).
 */
export function readLinks(graph: Graph, nextLinks: string[], pageUrl: string): LblodLink[] {
  const links: LblodLink[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, rel: LblodLink["rel"]) => {
    if (url === null || isSameDocument(url, pageUrl) || seen.has(`${rel} ${url}`)) return;
    seen.add(`${rel} ${url}`);
    links.push({ url, rel });
  };
  for (const [predicate, rel] of documentLinks) for (const target of graph.objectsOf(predicate)) add(toFetchableUrl(target, pageUrl), rel);
  for (const href of nextLinks) add(toFetchableUrl(href, pageUrl), "next-page");
  return links;
}
