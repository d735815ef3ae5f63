import type { LblodAgendaItem, LblodSession } from "../../../schema/lblod.js";
import { numberAgendaItems } from "./agenda-positions.js";
import { type Graph, isBlankNode } from "./graph.js";
import { readBoolean } from "./literal-values.js";
import { besluit, ns } from "./vocabulary.js";

const agendapunt = besluit("Agendapunt");
const treatment = besluit("BehandelingVanAgendapunt");
const aangebrachtNa = besluit("aangebrachtNa");

/**
 * Agenda items, in agenda order: typed ones, those a session treats and those a treatment is
 * about. Their position follows `besluit:aangebrachtNa` (see agenda-positions.ts).
 */
export function readAgendaItems(graph: Graph, sessions: LblodSession[]): LblodAgendaItem[] {
  const candidates = graph.inPageOrder([
    ...graph.ofType(agendapunt),
    ...graph.objectsOf(besluit("behandelt")),
    ...sessions.flatMap((s) => s.agendaItemUris),
    ...graph.ofType(treatment).flatMap((t) => graph.nodes(t, `${ns.dct}subject`)),
  ]);
  const previousOf = new Map<string, string>();
  const items: string[] = [];
  for (const uri of candidates) {
    if (graph.hasType(uri, treatment)) continue;
    if (isBlankNode(uri)) {
      // Cipal writes `<span property="besluit:aangebrachtNa" typeof="besluit:Agendapunt" content="…">`
      // inside the item, which RDFa reads as a new, blank item (seen 2026-11 in the Machelen
      // sample): its link belongs to the item that encloses it.
      const owner = graph.enclosingOfType(uri, [agendapunt]);
      const previous = graph.nodeOrIriText(uri, aangebrachtNa);
      if (owner && previous && !previousOf.has(owner)) previousOf.set(owner, previous);
      continue;
    }
    items.push(uri);
  }
  for (const uri of items) {
    const previous = graph.nodeOrIriText(uri, aangebrachtNa);
    if (previous) previousOf.set(uri, previous);
  }
  const sessionOf = new Map(sessions.flatMap((s) => s.agendaItemUris.map((item) => [item, s.uri] as const)));
  const positions = numberAgendaItems(items, previousOf);
  const byPosition = (uri: string) => positions.get(uri) ?? Number.MAX_SAFE_INTEGER;
  return [...items].sort((a, b) => byPosition(a) - byPosition(b)).map((uri) => ({
    uri,
    sessionUri: sessionOf.get(uri) ?? null,
    title: graph.text(uri, `${ns.dct}title`) ?? readTitleOfTreatment(graph, uri),
    description: graph.text(uri, `${ns.dct}description`),
    plannedPublic: readBoolean(graph.line(uri, besluit("geplandOpenbaar"))),
    position: positions.get(uri) ?? null,
  }));
}

/**
 * The title a treatment of the item carries, for an item without one of its own. Templates put
 * it there (reported on real publications, 2026-11), or write it inside the treatment's
 * `dct:subject` element: `<div property="dc:subject" resource="…item"><h3 property="dc:title">`
 * chains nothing in RDFa (a property with a resource and no typeof), so that title is the
 * treatment's too.
 */
function readTitleOfTreatment(graph: Graph, item: string): string | null {
  for (const treatment of graph.subjectsPointingTo(item, `${ns.dct}subject`)) {
    const title = graph.text(treatment, `${ns.dct}title`);
    if (title) return title;
  }
  return null;
}
