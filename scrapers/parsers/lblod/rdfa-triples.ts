import type { Transform } from "node:stream";
import { RdfaParser } from "rdfa-streaming-parser";
import { blockElements, cellElements, paragraphMark } from "./text.js";

/** One RDF statement read from the page, with literals kept with their datatype. */
export interface Triple {
  /** IRI, or `_:label` for a blank node. */
  subject: string;
  predicate: string;
  /** IRI, `_:label`, or the literal's text (with paragraph marks, see text.ts). */
  object: string;
  objectKind: "literal" | "node";
  datatype: string | null;
}

/** What the RDFa of a page says, plus where its typed resources sit in the markup. */
export interface RdfaReading {
  /** In the order the RDFa processor emits them (document order, literals at their closing tag). */
  triples: Triple[];
  /**
   * For a resource typed inside the element of another typed resource: that outer resource. Real
   * pages nest a vote in its treatment without `besluit:heeftStemming` (seen 2026-11 in the Aalst
   * sample), which leaves the markup as the only link.
   */
  enclosingOf: Map<string, string>;
}

interface Term {
  termType: string;
  value: string;
  datatype?: { value: string };
}

const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const rdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const markupLiterals = new Set(["http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral", "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML"]);

const keyOf = (term: Term) => (term.termType === "BlankNode" ? `_:${term.value}` : term.value);

interface OpenElement {
  name: string;
  /** Resources this element typed (`typeof`). */
  typed: string[];
  /** Index of the element's first text segment. */
  textStart: number;
  /** Whether the element may give a literal its text (has a `property`). */
  givesText: boolean;
}

/**
 * The library's RDFa 1.1 processor, extended at its documented hooks: statements are collected
 * as they are emitted (no stream round trip), a literal read from an element's text gets the
 * element's whole text content, block elements leave a paragraph mark in that text, and the
 * typed resources of each open element are remembered to tell what encloses what.
 */
class ReadingRdfaParser extends RdfaParser {
  readonly triples: Triple[] = [];
  readonly enclosingOf = new Map<string, string>();
  private readonly openElements: OpenElement[] = [];
  /** Every text segment of the page, in order; an element's text is a slice of it. */
  private readonly textSegments: string[] = [];
  private readonly typedSomewhere = new Set<string>();
  private typedByThisTag: string[] = [];
  private closingElementText: string | null = null;

  protected override emitTriple(subject: Term, predicate: Term, object: Term): void {
    // The library drops IRIs without a scheme; so do we.
    if ([subject, predicate, object].some((t) => t.termType === "NamedNode" && !t.value.includes(":"))) return;
    const literal = object.termType === "Literal";
    const datatype = literal ? (object.datatype?.value ?? null) : null;
    // The library leaves out the text of nested elements that carry a property of their own
    // (an article inside a decision's `prov:value`, seen 2026-11 in the Aalst sample); a
    // literal is the element's whole text content.
    const wholeText = literal && this.closingElementText !== null && predicate.value !== rdfFirst && !markupLiterals.has(datatype ?? "");
    this.triples.push({
      subject: keyOf(subject),
      predicate: predicate.value,
      object: wholeText ? (this.closingElementText as string) : keyOf(object),
      objectKind: literal ? "literal" : "node",
      datatype,
    });
    if (predicate.value === rdfType) this.typedByThisTag.push(keyOf(subject));
  }

  override onTagOpen(name: string, attributes: Record<string, string>): void {
    if (blockElements.has(name)) this.onText(paragraphMark);
    this.typedByThisTag = [];
    super.onTagOpen(name, attributes);
    const typed = this.typedByThisTag;
    for (const subject of typed) {
      if (this.typedSomewhere.has(subject)) continue;
      this.typedSomewhere.add(subject);
      const outer = this.innermostTypedElement(subject);
      if (outer) this.enclosingOf.set(subject, outer);
    }
    this.openElements.push({ name, typed, textStart: this.textSegments.length, givesText: "property" in attributes });
  }

  override onText(data: string): void {
    this.textSegments.push(data);
    super.onText(data);
  }

  override onTagClose(): void {
    const element = this.openElements.pop();
    this.closingElementText = element?.givesText ? this.textSegments.slice(element.textStart).join("") : null;
    try {
      super.onTagClose();
    } finally {
      this.closingElementText = null;
    }
    if (element && blockElements.has(element.name)) this.onText(paragraphMark);
    else if (element && cellElements.has(element.name)) this.onText(" ");
  }

  private innermostTypedElement(except: string): string | undefined {
    for (let i = this.openElements.length - 1; i >= 0; i--) {
      const other = this.openElements[i]?.typed.filter((s) => s !== except) ?? [];
      if (other.length > 0) return other[other.length - 1];
    }
    return undefined;
  }
}

/**
 * Read every RDFa statement of an HTML page (attributes `vocab`, `prefix`, `typeof`, `property`,
 * `rel`, `resource`, `about`, `content`, `datatype`, `href`, `src`) with the RDFa 1.1 initial
 * context, so `dc:` and friends resolve without a declaration. Relative IRIs resolve against
 * `baseIRI`. Never fetches. An element the processor cannot read (an invalid IRI, say) is
 * skipped and the rest of the page still counts.
 */
export function readRdfa(html: string, baseIRI: string): Promise<RdfaReading> {
  return new Promise((resolve) => {
    const parser = new ReadingRdfaParser({ baseIRI, contentType: "text/html" });
    // The parser is a readable-stream Transform, whose typings are not installed; it is used as one.
    const stream = parser as unknown as Transform;
    // The processor reports a bad element as an 'error' event and carries on with the next one.
    stream.on("error", () => undefined);
    stream.on("finish", () => resolve({ triples: parser.triples, enclosingOf: parser.enclosingOf }));
    // Nothing is pushed to the readable side (see emitTriple); flowing mode keeps it that way.
    stream.resume();
    stream.write(html);
    stream.end();
  });
}

/** The statements alone (for tools that look at a page's raw RDF). */
export async function readTriples(html: string, baseIRI: string): Promise<Triple[]> {
  return (await readRdfa(html, baseIRI)).triples;
}
