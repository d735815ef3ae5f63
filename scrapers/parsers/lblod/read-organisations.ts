import type { LblodAdministrativeUnit, LblodGoverningBody } from "../../../schema/lblod.js";
import { type Graph, isBlankNode } from "./graph.js";
import { besluit, ns } from "./vocabulary.js";

const tijdspecialisatieVan = `${ns.mandaat}isTijdspecialisatieVan`;

/** Governing bodies: typed ones and every body a session, decision or other body points to. */
export function readGoverningBodies(graph: Graph): LblodGoverningBody[] {
  const uris = graph.inPageOrder([
    ...graph.ofType(besluit("Bestuursorgaan")),
    ...graph.objectsOf(besluit("isGehoudenDoor")),
    ...graph.objectsOf(tijdspecialisatieVan),
    ...graph.objectsOf(`${ns.eli}passed_by`),
  ]);
  return uris.filter((uri) => !isBlankNode(uri)).map((uri) => ({
    uri,
    label: graph.text(uri, `${ns.skos}prefLabel`),
    classificationUri: readClassification(graph, uri),
    administrativeUnitUri: graph.node(uri, besluit("bestuurt")),
    abstractBodyUri: graph.node(uri, tijdspecialisatieVan),
  }));
}

/** Administrative units: typed ones and those a body governs. */
export function readAdministrativeUnits(graph: Graph): LblodAdministrativeUnit[] {
  const uris = graph.inPageOrder([...graph.ofType(besluit("Bestuurseenheid")), ...graph.objectsOf(besluit("bestuurt"))]);
  return uris.filter((uri) => !isBlankNode(uri)).map((uri) => ({
    uri,
    label: graph.text(uri, `${ns.skos}prefLabel`),
    classificationUri: readClassification(graph, uri),
    areaLabel: readAreaLabel(graph, uri),
  }));
}

/** `org:classification`, or the older `besluit:classificatie`. */
function readClassification(graph: Graph, subject: string): string | null {
  return graph.nodeOrIriText(subject, `${ns.org}classification`) ?? graph.nodeOrIriText(subject, besluit("classificatie"));
}

/** The label of `besluit:werkingsgebied`, written as text or on the area itself. */
function readAreaLabel(graph: Graph, unit: string): string | null {
  const text = graph.text(unit, besluit("werkingsgebied"));
  if (text) return text;
  const area = graph.node(unit, besluit("werkingsgebied"));
  return area ? (graph.text(area, `${ns.rdfs}label`) ?? graph.text(area, `${ns.skos}prefLabel`)) : null;
}
