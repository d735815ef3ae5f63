/** Namespaces of the LBLOD publication profile (domain.md section 3). */
export const ns = {
  besluit: "http://data.vlaanderen.be/ns/besluit#",
  mandaat: "http://data.vlaanderen.be/ns/mandaat#",
  eli: "http://data.europa.eu/eli/ontology#",
  prov: "http://www.w3.org/ns/prov#",
  dct: "http://purl.org/dc/terms/",
  org: "http://www.w3.org/ns/org#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  lblodBesluit: "http://lblod.data.gift/vocabularies/besluit/",
} as const;

export const rdfType = `${ns.rdf}type`;

/**
 * Some templates write the namespaces with https or with the Dublin Core elements namespace
 * (`dc:` from the RDFa initial context); read them all as the canonical IRI.
 */
export function canonicalIri(iri: string): string {
  return iri
    .replace(/^https:\/\/data\.vlaanderen\.be\/ns\//, "http://data.vlaanderen.be/ns/")
    .replace(/^https:\/\/data\.europa\.eu\/eli\/ontology#/, ns.eli)
    .replace(/^https:\/\/www\.w3\.org\/ns\/prov#/, ns.prov)
    .replace(/^http:\/\/purl\.org\/dc\/elements\/1\.1\//, ns.dct)
    .replace(/^https:\/\/lblod\.data\.gift\/vocabularies\/besluit\//, ns.lblodBesluit);
}

/** BesluitDocumentType concepts seen on real pages (2026-11, the seven samples). */
export const documentTypeKinds: Record<string, "agenda" | "besluitenlijst" | "notulen"> = {
  "13fefad6-a9d6-4025-83b5-e4cbee3a8965": "agenda",
  "3fa67785-ffdc-4b30-8880-2b99d97b4dee": "besluitenlijst",
  "8e791b27-7600-4577-b24e-c7c29e0eb773": "notulen",
};
