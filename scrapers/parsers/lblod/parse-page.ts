import type { LblodPage } from "../../../schema/lblod.js";
import { Graph } from "./graph.js";
import { readPageKind } from "./page-kind.js";
import { readRdfa } from "./rdfa-triples.js";
import { readAgendaItems } from "./read-agenda-items.js";
import { readDecisions } from "./read-decisions.js";
import { readLinks } from "./read-links.js";
import { readAdministrativeUnits, readGoverningBodies } from "./read-organisations.js";
import { readRepairs } from "./read-repairs.js";
import { readSessions } from "./read-sessions.js";
import { readTreatments } from "./read-treatments.js";
import { readVotes } from "./read-votes.js";

/**
 * Read one LBLOD publication page (agenda, besluitenlijst, notulen, uittreksel or session index):
 * RDFa → triples → records keyed by their LBLOD URIs, plus the links to follow and what had to
 * be mended to read it. Pure: never fetches. Never throws because of the page: broken markup and
 * unreadable values yield what can be read, and a page without RDFa yields empty lists with kind
 * "unknown" (the caller decides whether that is an error). Throws only when `pageUrl` is not an
 * absolute URL (a saved page may be read with its `file:` URL). Linear in the size of the page.
 */
export async function parseLblodPage(html: string, pageUrl: string): Promise<LblodPage> {
  if (!URL.canParse(pageUrl)) {
    throw new TypeError(`parseLblodPage: pageUrl must be an absolute URL (the base for relative IRIs), got ${JSON.stringify(pageUrl)}`);
  }
  const reading = await readRdfa(html, pageUrl);
  const graph = new Graph(reading);

  const sessions = readSessions(graph);
  const agendaItems = readAgendaItems(graph, sessions);
  const treatments = readTreatments(graph);
  const decisions = readDecisions(graph, treatments);
  const links = readLinks(graph, reading.nextLinks, pageUrl);
  return {
    url: pageUrl,
    kind: readPageKind(graph, { pageUrl, sessionCount: sessions.length, links, title: reading.title }),
    sessions,
    agendaItems,
    treatments,
    decisions,
    votes: readVotes(graph, treatments, agendaItems),
    governingBodies: readGoverningBodies(graph),
    administrativeUnits: readAdministrativeUnits(graph),
    links,
    repairs: readRepairs(reading.repairs),
  };
}
