/**
 * IRIs as published are sometimes not IRIs: a template wrote `…/notulen.html# Agendapunt28668`
 * (reported on real publications, 2026-11), and an RDFa processor drops an attribute holding a
 * space, which loses every agenda item that uses it. We read such a value the way a browser
 * reads a link (the WHATWG URL parser): leading and trailing whitespace dropped, tabs and line
 * breaks removed, and spaces and the other characters an IRI cannot hold (RFC 3987) percent-
 * encoded. Every mention written the same way still names the same resource.
 */

/** What one repaired attribute value was and what it became. */
export interface IriRepair {
  published: string;
  repaired: string;
}

/** Characters RFC 3987 keeps out of IRIs that pages put in them (square brackets aside: IPv6 hosts). */
const notInIri = /[ "<>{}|\\^`]/g;
const lineBreaksAndTabs = /[\t\n\r]/g;
/** The ASCII whitespace the HTML standard strips around a URL attribute. */
const surroundingWhitespace = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;

/** The value as an IRI, or null when it already is one (or is a safe CURIE, `[prefix:name]`). */
export function repairIri(value: string): string | null {
  if (/^\[.*\]$/s.test(value.trim())) return null;
  const repaired = value
    .replace(surroundingWhitespace, "")
    .replace(lineBreaksAndTabs, "")
    .replace(notInIri, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return repaired === value ? null : repaired;
}

/**
 * Attributes whose value the RDFa processor reads as an IRI. `href` and `src` only count on an
 * element that states something (`property`, `rel`, `rev`, `typeof`): the other links and
 * images of a page (data: URIs with a space after the comma, seen 2026-11 in three samples) are
 * not the page's statements, and repairing them would only inflate the count.
 */
function iriAttributesOf(attributes: Record<string, string>): string[] {
  const states = "property" in attributes || "rel" in attributes || "rev" in attributes || "typeof" in attributes;
  return states ? ["about", "resource", "href", "src"] : ["about", "resource"];
}

/** Repairs the IRI attributes of one element in place and says what it changed. */
export function repairIriAttributes(attributes: Record<string, string>): IriRepair[] {
  const repairs: IriRepair[] = [];
  for (const name of iriAttributesOf(attributes)) {
    const published = attributes[name];
    if (published === undefined) continue;
    const repaired = repairIri(published);
    if (repaired === null) continue;
    attributes[name] = repaired;
    repairs.push({ published, repaired });
  }
  return repairs;
}
