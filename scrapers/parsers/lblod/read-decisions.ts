import type { LblodDecision, LblodTreatment } from "../../../schema/lblod.js";
import { type Graph, isBlankNode } from "./graph.js";
import { readDate } from "./date-time.js";
import { toSingleLine } from "./text.js";
import { besluit, ns } from "./vocabulary.js";

const agendapunt = besluit("Agendapunt");

/**
 * Decisions: typed `besluit:Besluit`, what a treatment generated, and what says a treatment
 * generated it. Some templates mistype the decision (`typeof='”besluit:Besluit”'`, which RDFa
 * drops; seen 2026-11 in the Aalter sample), so the links count as much as the type.
 */
export function readDecisions(graph: Graph, treatments: LblodTreatment[]): LblodDecision[] {
  const treatmentUris = new Set(treatments.map((t) => t.uri));
  const generatedBy = graph.subjectsWith(`${ns.prov}wasGeneratedBy`).filter((s) => graph.nodes(s, `${ns.prov}wasGeneratedBy`).some((t) => treatmentUris.has(t)));
  const uris = graph
    .inPageOrder([...graph.ofType(besluit("Besluit")), ...graph.objectsOf(`${ns.prov}generated`), ...generatedBy])
    .filter((uri) => !isBlankNode(uri));
  return uris.map((uri) => {
    const treatment = treatments.find((t) => t.decisionUris.includes(uri));
    return {
      uri,
      title: graph.text(uri, `${ns.eli}title`) ?? graph.text(uri, `${ns.dct}title`),
      shortTitle: graph.text(uri, `${ns.eli}title_short`),
      description: graph.text(uri, `${ns.eli}description`) ?? graph.text(uri, `${ns.dct}description`),
      motivation: graph.text(uri, besluit("motivering")),
      operativeText: graph.text(uri, `${ns.prov}value`),
      legalBasis: readLegalBasis(graph, uri),
      publicationDate: readDate(graph.line(uri, `${ns.eli}date_publication`)),
      passedByUri: graph.node(uri, `${ns.eli}passed_by`),
      language: graph.node(uri, `${ns.eli}language`) ?? graph.line(uri, `${ns.eli}language`),
      treatmentUri: treatment?.uri ?? null,
      agendaItemUri: treatment?.agendaItemUri ?? graph.subjectsPointingTo(uri, `${ns.prov}generated`).find((s) => graph.hasType(s, agendapunt)) ?? null,
    };
  });
}

/** `eli:cites` targets: links, or IRIs written as text. */
function readLegalBasis(graph: Graph, decision: string): string[] {
  const cited = graph.values(decision, `${ns.eli}cites`).flatMap((v) => {
    const target = v.literal ? toSingleLine(v.value) : v.value;
    return target && (!v.literal || /^https?:\/\/\S+$/.test(target)) ? [target] : [];
  });
  return [...new Set(cited)];
}
