import type {
  LblodAdministrativeUnit,
  LblodAgendaItem,
  LblodDecision,
  LblodGoverningBody,
  LblodSession,
  LblodTreatment,
  LblodVote,
} from "../../../schema/lblod.js";
import { type Graph, union } from "./graph.js";
import { cleanText, parseBoolean, parseCount, parseDate, parseDateTime } from "./literals.js";
import { ns, rdfType } from "./vocabulary.js";

const b = (local: string) => `${ns.besluit}${local}`;
/** Text values are literals only: some templates put a link to the document in `prov:value` (Cevi, 2024). */
const text = (graph: Graph, subject: string, predicate: string) =>
  cleanText(graph.values(subject, predicate).find((v) => v.literal)?.value ?? null);
const node = (graph: Graph, subject: string, predicate: string) =>
  graph.values(subject, predicate).find((v) => !v.literal)?.value ?? null;

export function readSessions(graph: Graph): LblodSession[] {
  return graph.ofType(b("Zitting")).map((uri) => ({
    uri,
    governingBodyUri: node(graph, uri, b("isGehoudenDoor")),
    plannedStart: parseDateTime(graph.first(uri, b("geplandeStart"))),
    startedAt: parseDateTime(graph.first(uri, `${ns.prov}startedAtTime`)),
    endedAt: parseDateTime(graph.first(uri, `${ns.prov}endedAtTime`)),
    location: readLocation(graph, uri),
    agendaItemUris: graph.all(uri, b("behandelt")),
  }));
}

function readLocation(graph: Graph, session: string): string | null {
  const location = graph.values(session, `${ns.prov}atLocation`)[0];
  if (!location) return null;
  if (location.literal) return cleanText(location.value);
  return cleanText(graph.text(location.value, `${ns.skos}prefLabel`) ?? graph.text(location.value, "http://www.w3.org/2000/01/rdf-schema#label"));
}

/**
 * Agenda items: typed ones, and those only named as treated (`behandelt`). The position follows
 * `aangebrachtNa` chains when they are complete, else page order.
 */
export function readAgendaItems(graph: Graph, sessions: LblodSession[]): LblodAgendaItem[] {
  const treatments = new Set(graph.ofType(b("BehandelingVanAgendapunt")));
  const previousOf = new Map<string, string>();
  const named: string[] = [];
  const itemSubjects = new Set(union(graph.ofType(b("Agendapunt")), graph.objectsOf(b("behandelt"))));
  for (const subject of graph.subjects) {
    if (!itemSubjects.has(subject) || treatments.has(subject)) continue;
    if (subject.startsWith("_:") && !graph.first(subject, `${ns.dct}title`)) {
      // Cipal writes `<span property="besluit:aangebrachtNa" typeof="besluit:Agendapunt"
      // content="…">` inside the item, which RDFa reads as a new blank item (seen 2026-11 in the
      // Machelen sample): the link belongs to the item it stands in.
      const previous = graph.first(subject, b("aangebrachtNa"));
      const owner = named.at(-1);
      if (previous && owner) previousOf.set(owner, previous);
      continue;
    }
    named.push(subject);
  }
  for (const uri of graph.objectsOf(b("behandelt"))) if (!named.includes(uri) && !treatments.has(uri)) named.push(uri);
  for (const uri of named) {
    const previous = graph.first(uri, b("aangebrachtNa"));
    if (previous && !previousOf.has(uri)) previousOf.set(uri, previous);
  }
  const sessionOf = new Map(sessions.flatMap((s) => s.agendaItemUris.map((item) => [item, s.uri] as const)));
  const positions = positionsFromChain(named, previousOf);
  return named.map((uri, index) => ({
    uri,
    sessionUri: sessionOf.get(uri) ?? null,
    title: text(graph, uri, `${ns.dct}title`),
    description: text(graph, uri, `${ns.dct}description`),
    plannedPublic: parseBoolean(graph.first(uri, b("geplandOpenbaar"))),
    position: positions.get(uri) ?? index + 1,
  }));
}

function positionsFromChain(uris: string[], previousOf: Map<string, string>): Map<string, number> {
  const first = uris.filter((uri) => !uris.includes(previousOf.get(uri) ?? ""));
  if (first.length !== 1) return new Map();
  const next = new Map([...previousOf].map(([uri, previous]) => [previous, uri]));
  const positions = new Map<string, number>();
  let current: string | undefined = first[0];
  while (current && !positions.has(current)) {
    positions.set(current, positions.size + 1);
    current = next.get(current);
  }
  return positions.size === uris.length ? positions : new Map();
}

export function readTreatments(graph: Graph): LblodTreatment[] {
  const uris = union(graph.ofType(b("BehandelingVanAgendapunt")), graph.subjectsWith(`${ns.prov}generated`));
  return uris.map((uri) => ({
    uri,
    agendaItemUri: node(graph, uri, `${ns.dct}subject`),
    decisionUris: graph.values(uri, `${ns.prov}generated`).filter((v) => !v.literal).map((v) => v.value),
    voteUris: graph.values(uri, b("heeftStemming")).filter((v) => !v.literal).map((v) => v.value),
    public: parseBoolean(graph.first(uri, b("openbaar"))),
  }));
}

/** Decisions: typed `besluit:Besluit`, and what a treatment generated (some vendors leave the type out). */
export function readDecisions(graph: Graph, treatments: LblodTreatment[]): LblodDecision[] {
  const generatedBy = new Map(treatments.flatMap((t) => t.decisionUris.map((d) => [d, t] as const)));
  const uris = union(graph.ofType(b("Besluit")), [...generatedBy.keys()]).filter((uri) => graph.has(uri) || generatedBy.has(uri));
  return uris.map((uri) => {
    const treatment = generatedBy.get(uri) ?? treatments.find((t) => t.uri === node(graph, uri, `${ns.prov}wasGeneratedBy`));
    return {
      uri,
      title: text(graph, uri, `${ns.eli}title`) ?? text(graph, uri, `${ns.dct}title`),
      shortTitle: text(graph, uri, `${ns.eli}title_short`),
      description: text(graph, uri, `${ns.eli}description`) ?? text(graph, uri, `${ns.dct}description`),
      motivation: text(graph, uri, b("motivering")),
      operativeText: text(graph, uri, `${ns.prov}value`),
      legalBasis: union(graph.values(uri, `${ns.eli}cites`).filter((v) => !v.literal).map((v) => v.value)),
      publicationDate: parseDate(graph.first(uri, `${ns.eli}date_publication`)),
      passedByUri: node(graph, uri, `${ns.eli}passed_by`),
      language: graph.first(uri, `${ns.eli}language`),
      treatmentUri: treatment?.uri ?? null,
      agendaItemUri: treatment?.agendaItemUri ?? null,
    };
  });
}

function countOrLinks(graph: Graph, uri: string, count: string, links: string[]): number | null {
  const counted = parseCount(graph.first(uri, b(count)));
  if (counted !== null) return counted;
  const linked = union(...links.map((l) => graph.all(uri, b(l))));
  return linked.length > 0 ? linked.length : null;
}

export function readVotes(graph: Graph, treatments: LblodTreatment[], agendaItems: LblodAgendaItem[]): LblodVote[] {
  const uris = union(graph.ofType(b("Stemming")), graph.objectsOf(b("heeftStemming")));
  return uris.map((uri) => {
    const treatment = treatments.find((t) => t.voteUris.includes(uri));
    // Some templates attach the vote to the agenda item instead of the treatment (domain.md).
    const item = treatment ? undefined : agendaItems.find((i) => graph.all(i.uri, b("heeftStemming")).includes(uri));
    return {
      uri,
      subject: text(graph, uri, b("onderwerp")),
      outcome: text(graph, uri, b("gevolg")),
      secret: parseBoolean(graph.first(uri, b("geheim"))),
      countFor: countOrLinks(graph, uri, "aantalVoorstanders", ["heeftVoorstander", "heeftVoorstanders"]),
      countAgainst: countOrLinks(graph, uri, "aantalTegenstanders", ["heeftTegenstander", "heeftTegenstanders"]),
      countAbstain: countOrLinks(graph, uri, "aantalOnthouders", ["heeftOnthouder", "heeftOnthouders"]),
      treatmentUri: treatment?.uri ?? null,
      agendaItemUri: item?.uri ?? null,
    };
  });
}

export function readGoverningBodies(graph: Graph): LblodGoverningBody[] {
  const uris = union(
    graph.ofType(b("Bestuursorgaan")),
    graph.objectsOf(b("isGehoudenDoor")),
    graph.objectsOf(`${ns.mandaat}isTijdspecialisatieVan`),
  );
  return uris.map((uri) => ({
    uri,
    label: text(graph, uri, `${ns.skos}prefLabel`),
    classificationUri: node(graph, uri, `${ns.org}classification`) ?? node(graph, uri, b("classificatie")),
    administrativeUnitUri: node(graph, uri, b("bestuurt")),
    abstractBodyUri: node(graph, uri, `${ns.mandaat}isTijdspecialisatieVan`),
  }));
}

export function readAdministrativeUnits(graph: Graph): LblodAdministrativeUnit[] {
  const uris = union(graph.ofType(b("Bestuurseenheid")), graph.objectsOf(b("bestuurt")));
  return uris.map((uri) => {
    const area = graph.values(uri, b("werkingsgebied"))[0];
    return {
      uri,
      label: text(graph, uri, `${ns.skos}prefLabel`),
      classificationUri: node(graph, uri, `${ns.org}classification`) ?? node(graph, uri, b("classificatie")),
      areaLabel: area ? (area.literal ? cleanText(area.value) : text(graph, area.value, "http://www.w3.org/2000/01/rdf-schema#label") ?? text(graph, area.value, `${ns.skos}prefLabel`)) : null,
    };
  });
}

/** Whether a subject is typed at all (used to tell index pages from documents). */
export function isTyped(graph: Graph, subject: string): boolean {
  return graph.values(subject, rdfType).length > 0;
}
