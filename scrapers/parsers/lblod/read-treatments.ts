import type { LblodTreatment } from "../../../schema/lblod.js";
import { type Graph, isBlankNode } from "./graph.js";
import { readBoolean } from "./literal-values.js";
import { besluit, ns } from "./vocabulary.js";

const treatment = besluit("BehandelingVanAgendapunt");
const agendapunt = besluit("Agendapunt");
const stemming = besluit("Stemming");
const heeftStemming = besluit("heeftStemming");

/**
 * Treatments: typed ones, what a decision says generated it, and untyped subjects that generate
 * something (agenda items excepted: see read-votes.ts for templates that hang things on them).
 */
export function readTreatments(graph: Graph): LblodTreatment[] {
  const untypedGenerators = graph.subjectsWith(`${ns.prov}generated`).filter((s) => graph.types(s).length === 0);
  const uris = graph
    .inPageOrder([...graph.ofType(treatment), ...graph.objectsOf(`${ns.prov}wasGeneratedBy`), ...untypedGenerators])
    .filter((uri) => !isBlankNode(uri) && !graph.hasType(uri, agendapunt));
  const unlinkedVotes = graph.ofType(stemming).filter((vote) => graph.subjectsPointingTo(vote, heeftStemming).length === 0);
  return uris.map((uri) => ({
    uri,
    agendaItemUri: graph.node(uri, `${ns.dct}subject`) ?? graph.enclosingOfType(uri, [agendapunt]),
    decisionUris: named(graph.inPageOrder([...graph.nodes(uri, `${ns.prov}generated`), ...graph.subjectsPointingTo(uri, `${ns.prov}wasGeneratedBy`)])),
    // onlinesmartcities also types a vote inside the treatment without `besluit:heeftStemming`
    // (seen 2026-11 in the Aalst sample, 19 of its 54 votes): the markup is the only link left.
    voteUris: named(graph.inPageOrder([...graph.nodes(uri, heeftStemming), ...unlinkedVotes.filter((vote) => graph.enclosingOfType(vote, [treatment, agendapunt]) === uri)])),
    public: readBoolean(graph.line(uri, besluit("openbaar"))),
  }));
}

const named = (uris: string[]) => uris.filter((uri) => !isBlankNode(uri));
