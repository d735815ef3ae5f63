import type { LblodLink, LblodPage } from "../../../schema/lblod.js";
import type { Graph } from "./graph.js";
import { documentLinks, isSameDocument } from "./read-links.js";
import { documentTypeKinds } from "./vocabulary.js";

type Kind = LblodPage["kind"];

/** `besluit:heeftAgenda` … `heeftUittreksel`: their rel is the kind of the document they point to. */
const heeftKinds = documentLinks.filter((link): link is [string, Kind & LblodLink["rel"]] => link[1] !== "publication");

/** Words that name a kind, in URLs and titles; the more specific document first. */
const kindWords: ReadonlyArray<[pattern: RegExp, kind: Kind]> = [
  [/uittreksel/i, "uittreksel"],
  [/notulen/i, "notulen"],
  [/besluitenlijst/i, "besluitenlijst"],
  [/agenda/i, "agenda"],
];

interface PageFacts {
  pageUrl: string;
  sessionCount: number;
  links: LblodLink[];
  /** Text of the page's `<title>`. */
  title: string | null;
}

/**
 * What kind of publication a page is, from the strongest evidence to the weakest: the RDFa (a
 * session's `heeft*` link to this very page, the BesluitDocumentType of this page, the one
 * document type the page's documents share), then a page that only links to publications is an
 * index, then the URL (`/agenda`, `/uittreksels/`, Cevi's `filename=BesluitenLijst_…`), then
 * the page title.
 */
export function readPageKind(graph: Graph, page: PageFacts): Kind {
  return (
    kindFromRdfa(graph, page) ??
    (page.sessionCount === 0 && page.links.some((l) => l.rel !== "next-page") ? "index" : null) ??
    kindFromUrl(page.pageUrl) ??
    kindFromTitle(page.title) ??
    "unknown"
  );
}

function kindFromRdfa(graph: Graph, page: PageFacts): Kind | null {
  const isSelf = (resource: string) => isSameDocument(resource, page.pageUrl);
  for (const [predicate, kind] of heeftKinds) if (graph.objectsOf(predicate).some(isSelf)) return kind;
  const typedKinds = new Map<string, Kind>();
  for (const subject of graph.subjects) {
    for (const type of graph.types(subject)) {
      const kind = documentTypeKinds[type.replace(/\/+$/, "").split("/").pop() ?? ""];
      if (kind) typedKinds.set(subject, kind);
    }
  }
  const own = [...typedKinds].find(([subject]) => isSelf(subject));
  if (own) return own[1];
  // A page's documents are usually described with ids of their own, not the page URL (seen
  // 2026-11 in the Aalst, Aalter, Essen and Machelen samples). Only a page with a session of its
  // own says which document it is this way; a list of sessions may type many documents.
  const kinds = new Set(typedKinds.values());
  return page.sessionCount > 0 && kinds.size === 1 ? ([...kinds][0] as Kind) : null;
}

function kindFromUrl(pageUrl: string): Kind | null {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  const path = url.pathname.replace(/%20/g, " ");
  const filename = url.searchParams.get("filename") ?? "";
  for (const [word, kind] of kindWords) {
    // A path segment (`/notulen`, `/uittreksels/17`) or Cevi's file name (`filename=Notulen_…`).
    if (new RegExp(`/${word.source}s?(?:[/.]|$)`, "i").test(path) || new RegExp(`^${word.source}_`, "i").test(filename)) return kind;
  }
  return null;
}

function kindFromTitle(title: string | null): Kind | null {
  if (title === null) return null;
  for (const [word, kind] of kindWords) if (word.test(title)) return kind;
  return null;
}
