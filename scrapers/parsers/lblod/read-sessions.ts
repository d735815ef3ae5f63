import type { LblodSession } from "../../../schema/lblod.js";
import { type Graph, isBlankNode } from "./graph.js";
import { readDateTime } from "./date-time.js";
import { besluit, ns } from "./vocabulary.js";

const zitting = besluit("Zitting");
const agendapunt = besluit("Agendapunt");

/**
 * Sessions: typed `besluit:Zitting`, and untyped subjects that plan a start or treat agenda
 * items (a template that forgets the type still says what the session is).
 */
export function readSessions(graph: Graph): LblodSession[] {
  const uris = graph.inPageOrder([...graph.ofType(zitting), ...graph.subjectsWith(besluit("geplandeStart")), ...graph.subjectsWith(besluit("behandelt"))]);
  return uris.filter((uri) => !isBlankNode(uri)).map((uri) => ({
    uri,
    governingBodyUri: graph.node(uri, besluit("isGehoudenDoor")),
    plannedStart: readDateTime(graph.line(uri, besluit("geplandeStart"))),
    startedAt: readDateTime(graph.line(uri, `${ns.prov}startedAtTime`)),
    endedAt: readDateTime(graph.line(uri, `${ns.prov}endedAtTime`)),
    location: readLocation(graph, uri),
    agendaItemUris: readTreatedItems(graph, uri),
  }));
}

/**
 * `besluit:behandelt`, then what the page links otherwise: onlinesmartcities links the session to
 * its treatments with `ext:behandelt` and the items only through the treatments' `dct:subject`
 * (seen 2026-11 in the Aalst sample); a template without either still encloses its items.
 */
function readTreatedItems(graph: Graph, session: string): string[] {
  const viaTreatments = graph.nodes(session, `${ns.ext}behandelt`).flatMap((treatment) => graph.nodes(treatment, `${ns.dct}subject`));
  const enclosed = graph.ofType(agendapunt).filter((item) => graph.enclosingOfType(item, [zitting]) === session);
  const items = [...graph.nodes(session, besluit("behandelt")), ...graph.inPageOrder([...viaTreatments, ...enclosed])];
  return [...new Set(items)].filter((item) => !isBlankNode(item));
}

function readLocation(graph: Graph, session: string): string | null {
  const text = graph.text(session, `${ns.prov}atLocation`);
  if (text) return text;
  const place = graph.node(session, `${ns.prov}atLocation`);
  return place ? (graph.text(place, `${ns.skos}prefLabel`) ?? graph.text(place, `${ns.rdfs}label`)) : null;
}
