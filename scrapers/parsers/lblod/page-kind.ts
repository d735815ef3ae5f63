import type { LblodPage } from "../../../schema/lblod.js";
import type { Graph } from "./graph.js";
import { documentTypeKinds, ns, rdfType } from "./vocabulary.js";

type Kind = LblodPage["kind"];

const heeft: Array<[predicate: string, kind: Kind]> = [
  [`${ns.besluit}heeftAgenda`, "agenda"],
  [`${ns.besluit}heeftBesluitenlijst`, "besluitenlijst"],
  [`${ns.besluit}heeftNotulen`, "notulen"],
  [`${ns.besluit}heeftUittreksel`, "uittreksel"],
];

function kindFromUrl(url: string): Kind | null {
  const u = url.toLowerCase();
  if (/\/uittreksels?\//.test(u) || /filename=uittreksel/.test(u)) return "uittreksel";
  if (/\/notulen\b/.test(u) || /filename=notulen/.test(u)) return "notulen";
  if (/\/besluitenlijst\b/.test(u) || /filename=besluitenlijst/.test(u)) return "besluitenlijst";
  if (/\/agenda\b/.test(u) || /filename=agenda/.test(u)) return "agenda";
  return null;
}

/**
 * What kind of publication a page is: from its BesluitDocumentType, else the session's heeft*
 * link to this very page, else the URL, else a single heeft* link on the page. A page with
 * publication links and no session of its own is a session index.
 */
export function pageKind(graph: Graph, pageUrl: string, found: { sessions: number; links: number }): Kind {
  for (const subject of graph.subjects) {
    for (const type of graph.all(subject, rdfType)) {
      const kind = documentTypeKinds[type.split("/").pop() ?? ""];
      if (kind) return kind;
    }
  }
  const pagePath = pageUrl.replace(/[?#].*$/, "");
  for (const [predicate, kind] of heeft) if (graph.objectsOf(predicate).some((o) => o.replace(/[?#].*$/, "") === pagePath)) return kind;
  const fromUrl = kindFromUrl(pageUrl);
  if (fromUrl) return fromUrl;
  const present = heeft.filter(([predicate]) => graph.objectsOf(predicate).length > 0);
  if (present.length === 1 && found.sessions > 0) return present[0]?.[1] as Kind;
  if (found.sessions === 0 && found.links > 0) return "index";
  return "unknown";
}
