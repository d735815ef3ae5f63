import * as cheerio from "cheerio";
import type { LblodLink, LblodPage } from "../../../schema/lblod.js";
import { Graph } from "./graph.js";
import { pageKind } from "./page-kind.js";
import { readTriples } from "./rdfa-triples.js";
import {
  readAdministrativeUnits,
  readAgendaItems,
  readDecisions,
  readGoverningBodies,
  readSessions,
  readTreatments,
  readVotes,
} from "./read-records.js";
import { ns } from "./vocabulary.js";

const documentLinks: Array<[predicate: string, rel: LblodLink["rel"]]> = [
  [`${ns.lblodBesluit}linkToPublication`, "publication"],
  [`${ns.besluit}heeftAgenda`, "agenda"],
  [`${ns.besluit}heeftBesluitenlijst`, "besluitenlijst"],
  [`${ns.besluit}heeftNotulen`, "notulen"],
  [`${ns.besluit}heeftUittreksel`, "uittreksel"],
];

function httpUrl(value: string, base: string): string | null {
  try {
    const url = new URL(value, base);
    url.hash = "";
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function readLinks(graph: Graph, html: string, pageUrl: string): LblodLink[] {
  const links: LblodLink[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, rel: LblodLink["rel"]) => {
    if (url && url !== pageUrl && !seen.has(`${rel} ${url}`)) {
      seen.add(`${rel} ${url}`);
      links.push({ url, rel });
    }
  };
  for (const [predicate, rel] of documentLinks) for (const object of graph.objectsOf(predicate)) add(httpUrl(object, pageUrl), rel);
  // Pagination of session indexes is plain HTML, not RDFa.
  const $ = cheerio.load(html);
  $('a[rel~="next"][href], link[rel~="next"][href]').each((_, element) => add(httpUrl($(element).attr("href") ?? "", pageUrl), "next-page"));
  return links;
}

/**
 * Read one LBLOD publication page (agenda, decision list, minutes, extract or session index):
 * RDFa → triples → records keyed by their LBLOD URIs, plus the links to follow. Pure: never
 * fetches. A page without RDFa yields empty lists, not an error; the caller decides.
 */
export async function parseLblodPage(html: string, pageUrl: string): Promise<LblodPage> {
  const graph = new Graph(await readTriples(html, pageUrl));
  const sessions = readSessions(graph);
  const agendaItems = readAgendaItems(graph, sessions);
  const treatments = readTreatments(graph);
  const decisions = readDecisions(graph, treatments);
  const links = readLinks(graph, html, pageUrl);
  return {
    url: pageUrl,
    kind: pageKind(graph, pageUrl, { sessions: sessions.length, links: links.length }),
    sessions,
    agendaItems,
    treatments,
    decisions,
    votes: readVotes(graph, treatments, agendaItems),
    governingBodies: readGoverningBodies(graph),
    administrativeUnits: readAdministrativeUnits(graph),
    links,
  };
}
