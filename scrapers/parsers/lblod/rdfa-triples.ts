import type { Transform } from "node:stream";
import { RdfaParser } from "rdfa-streaming-parser";

/** One RDF statement read from the page, with literals kept with their datatype. */
export interface Triple {
  subject: string;
  predicate: string;
  object: string;
  /** "literal" for text values, "node" for IRIs and blank nodes. */
  objectKind: "literal" | "node";
  datatype: string | null;
}

/**
 * Read every RDFa statement of an HTML page (attributes `vocab`, `prefix`, `typeof`, `property`,
 * `resource`, `content`, `datatype`, `href`), with the RDFa 1.1 initial context so that prefixes
 * used without declaration (`dc:`, `dct:`, `skos:` …) still resolve. Blank nodes get stable names.
 */
export function readTriples(html: string, baseIRI: string): Promise<Triple[]> {
  return new Promise((resolve, reject) => {
    const triples: Triple[] = [];
    // The parser is a readable-stream Transform whose typings are not installed; use it as one.
    const parser = new RdfaParser({ baseIRI, contentType: "text/html" }) as unknown as Transform;
    parser.on("data", (quad: { subject: { termType: string; value: string }; predicate: { value: string }; object: { termType: string; value: string; datatype?: { value: string } } }) => {
      const objectIsLiteral = quad.object.termType === "Literal";
      triples.push({
        subject: quad.subject.termType === "BlankNode" ? `_:${quad.subject.value}` : quad.subject.value,
        predicate: quad.predicate.value,
        object: quad.object.termType === "BlankNode" ? `_:${quad.object.value}` : quad.object.value,
        objectKind: objectIsLiteral ? "literal" : "node",
        datatype: objectIsLiteral ? (quad.object.datatype?.value ?? null) : null,
      });
    });
    parser.on("error", reject);
    parser.on("end", () => resolve(triples));
    parser.write(html);
    parser.end();
  });
}
