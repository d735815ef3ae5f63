import type { LblodAgendaItem, LblodTreatment, LblodVote } from "../../../schema/lblod.js";
import { type Graph, isBlankNode } from "./graph.js";
import { readBoolean, readCount } from "./literal-values.js";
import { besluit } from "./vocabulary.js";

const heeftStemming = besluit("heeftStemming");

/** Votes: typed `besluit:Stemming`, and whatever a `besluit:heeftStemming` points to. */
export function readVotes(graph: Graph, treatments: LblodTreatment[], agendaItems: LblodAgendaItem[]): LblodVote[] {
  const itemUris = new Set(agendaItems.map((i) => i.uri));
  const uris = graph.inPageOrder([...graph.ofType(besluit("Stemming")), ...graph.objectsOf(heeftStemming)]).filter((uri) => !isBlankNode(uri));
  return uris.map((uri) => {
    const treatment = treatments.find((t) => t.voteUris.includes(uri));
    // Some templates attach the vote to the agenda item instead of the treatment (domain.md; in
    // none of the samples of 2026-11).
    const item = treatment ? null : (graph.subjectsPointingTo(uri, heeftStemming).find((s) => itemUris.has(s)) ?? graph.enclosingOfType(uri, [besluit("Agendapunt")]));
    return {
      uri,
      subject: graph.text(uri, besluit("onderwerp")),
      outcome: graph.text(uri, besluit("gevolg")),
      secret: readBoolean(graph.line(uri, besluit("geheim"))),
      countFor: readVoteCount(graph, uri, "aantalVoorstanders", "heeftVoorstander"),
      countAgainst: readVoteCount(graph, uri, "aantalTegenstanders", "heeftTegenstander"),
      countAbstain: readVoteCount(graph, uri, "aantalOnthouders", "heeftOnthouder"),
      treatmentUri: treatment?.uri ?? null,
      agendaItemUri: item,
    };
  });
}

/**
 * The published count, else the number of voters listed: `besluit:heeftOnthouder` or the plural
 * `besluit:heeftOnthouders` one template writes (domain.md), and likewise for the other lists.
 */
function readVoteCount(graph: Graph, vote: string, count: string, voters: string): number | null {
  const published = readCount(graph.line(vote, besluit(count)));
  if (published !== null) return published;
  const listed = new Set([...graph.nodes(vote, besluit(voters)), ...graph.nodes(vote, besluit(`${voters}s`))]);
  return listed.size > 0 ? listed.size : null;
}
