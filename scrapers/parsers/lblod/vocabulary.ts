/** Namespaces of the LBLOD publication profile (domain.md section 3) and what real pages add. */
export const ns = {
  besluit: "http://data.vlaanderen.be/ns/besluit#",
  mandaat: "http://data.vlaanderen.be/ns/mandaat#",
  eli: "http://data.europa.eu/eli/ontology#",
  prov: "http://www.w3.org/ns/prov#",
  dct: "http://purl.org/dc/terms/",
  org: "http://www.w3.org/ns/org#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  foaf: "http://xmlns.com/foaf/0.1/",
  /** Gelinkt Notuleren's extension namespace (`ext:behandelt`, seen 2026-11 in the Aalst sample). */
  ext: "http://mu.semte.ch/vocabularies/ext/",
  lblodBesluit: "http://lblod.data.gift/vocabularies/besluit/",
} as const;

export const rdfType = `${ns.rdf}type`;

export const besluit = (local: string) => `${ns.besluit}${local}`;

/**
 * Prefixes that templates use without declaring them. The RDFa initial context covers `dc:`,
 * `skos:`, `org:`, `prov:`, `foaf:` and `xsd:`; any other undeclared prefix reaches us as an IRI
 * with that prefix as its scheme (`dct:title`), which we expand here.
 */
const knownPrefixes = new Map<string, string>([
  ...Object.entries(ns),
  ["dc", ns.dct],
  ["dcterms", ns.dct],
  ["persoon", "http://data.vlaanderen.be/ns/persoon#"],
]);

/**
 * One spelling per vocabulary term, so that lookups need not know every variant: the https
 * namespaces (`persoon:` is declared with https in five samples and with http in Essen, seen
 * 2026-11; domain.md reports the same for `besluit:`), the Dublin Core elements namespace that a
 * page may bind to `dc:`, undeclared prefixes, and stray typographic quotes around a CURIE (`typeof='”besluit:Besluit”'`,
 * seen 2026-11 in the Aalter sample). Only predicates and types go through here: resource URIs
 * are kept as published.
 */
export function canonicalTerm(iri: string): string {
  const bare = iri.replace(/^["'“”‘’]+|["'“”‘’]+$/g, "");
  const curie = bare.match(/^([A-Za-z][\w.-]*):(?!\/\/)(.*)$/);
  const namespace = curie ? knownPrefixes.get(curie[1] as string) : undefined;
  const expanded = namespace ? `${namespace}${curie?.[2]}` : bare;
  return expanded
    .replace(/^https:\/\/data\.vlaanderen\.be\/ns\//, "http://data.vlaanderen.be/ns/")
    .replace(/^https:\/\/data\.europa\.eu\/eli\/ontology#/, ns.eli)
    .replace(/^https:\/\/www\.w3\.org\/ns\/prov#/, ns.prov)
    .replace(/^https?:\/\/purl\.org\/dc\/(?:elements\/1\.1|terms)\//, ns.dct)
    .replace(/^https:\/\/lblod\.data\.gift\/vocabularies\/besluit\//, ns.lblodBesluit);
}

/**
 * BesluitDocumentType concepts, by their last path segment (the pages write them with http and
 * https). Seen 2026-11 in the seven samples; no sample types an uittreksel.
 */
export const documentTypeKinds: Record<string, "agenda" | "besluitenlijst" | "notulen"> = {
  "13fefad6-a9d6-4025-83b5-e4cbee3a8965": "agenda",
  "3fa67785-ffdc-4b30-8880-2b99d97b4dee": "besluitenlijst",
  "8e791b27-7600-4577-b24e-c7c29e0eb773": "notulen",
};
