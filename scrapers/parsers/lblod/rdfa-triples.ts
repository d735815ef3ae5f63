import type { Transform } from "node:stream";
import { RdfaParser } from "rdfa-streaming-parser";
import { type IriRepair, repairIriAttributes } from "./iri-repair.js";
import { splitLinkedType } from "./linked-type.js";
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

/** What was mended while the page was read, to be reported (see iri-repair.ts and linked-type.ts). */
export interface RdfaRepairs {
  /** IRI attributes with spaces or other characters an IRI cannot hold. */
  iris: IriRepair[];
  /** Elements whose `typeof` was read as the type of the resource they link to. */
  linkedTypes: { about: string; resource: string }[];
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
  repairs: RdfaRepairs;
  /** Text of the page's first `<title>`, or null. */
  title: string | null;
  /** `href` of every `<a>` and `<link>` with `rel="next"`, as written: the pagination of an index. */
  nextLinks: string[];
}

interface Term {
  termType: string;
  value: string;
  datatype?: { value: string };
}

/**
 * What the processor keeps per open element. Private in the library's typings; read here only to
 * know whether it is collecting markup (an XML or HTML literal, an rdfa:Pattern), and to hand it
 * the text of a literal (see `onTagClose`).
 */
interface ProcessorTag {
  collectChildTags?: boolean;
  collectChildTagsForCurrentTag?: boolean;
  collectedPatternTag?: unknown;
  predicates?: unknown[] | null;
  textWithTags?: string[] | null;
  textWithoutTags?: string[] | null;
}

const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

const keyOf = (term: Term) => (term.termType === "BlankNode" ? `_:${term.value}` : term.value);

/**
 * Attributes that make an element matter to an RDFa processor in HTML (RDFa Core 1.1 and HTML+RDFa
 * 1.1: `lang`, `role`, `xmlns:*` included). An element with none of them is a "skip element":
 * it changes nothing but where its text goes, which this reader handles itself.
 */
const rdfaAttributes = new Set([
  "about", "resource", "href", "src", "typeof", "property", "rel", "rev", "content", "datatype", "datetime",
  "inlist", "vocab", "prefix", "lang", "xml:lang", "role", "xmlns",
]);
/** Elements the processor treats specially even without attributes. */
const structuralElements = new Set(["html", "head", "body", "base", "time"]);

function mattersToRdfa(name: string, attributes: Record<string, string>): boolean {
  if (structuralElements.has(name)) return true;
  for (const attribute in attributes) if (rdfaAttributes.has(attribute) || attribute.startsWith("xmlns:")) return true;
  return false;
}

interface OpenElement {
  name: string;
  /** Index of the element's first text segment. */
  textStart: number;
  /** Tags this element opened in the processor: 0 (a skip element, kept from it), 1, or 2 (see linked-type.ts). */
  layers: number;
  /** Whether the processor will make a literal of the element's text. */
  givesText: boolean;
  /** Resources this element typed (`typeof`); set only when it typed any. */
  typed: string[] | null;
}

/**
 * The library's RDFa 1.1 processor, extended at its hooks (onTagOpen, onText, onTagClose,
 * emitTriple): statements are collected as they are emitted (no stream round trip), a literal
 * read from an element's text gets the element's whole text content, block elements leave a
 * paragraph mark in that text, and the typed resources of each open element are remembered to
 * tell what encloses what.
 *
 * The library is quadratic on large pages, and this reader keeps its work linear (measured with
 * `npm run bench`): it concatenates every element's collected text into its parent's array at
 * every closing tag (a table of thousands of rows copies the growing array once per row), and it
 * walks back over all enclosing skip elements at every opening tag (6 000 nested `<div>`s make
 * 18 million steps). Here the text of each element is a slice of one list of segments, the
 * processor gets the text of a literal in one piece at its closing tag and keeps no text
 * otherwise, and skip elements never reach it; inside markup it collects (XML and HTML literals,
 * rdfa:Pattern), it gets every tag and text as before.
 */
class ReadingRdfaParser extends RdfaParser {
  readonly triples: Triple[] = [];
  readonly enclosingOf = new Map<string, string>();
  readonly repairs: RdfaRepairs = { iris: [], linkedTypes: [] };
  readonly nextLinks: string[] = [];
  title: string | null = null;
  private readonly openElements: OpenElement[] = [];
  /** The open elements that typed something, innermost last. */
  private readonly typingElements: OpenElement[] = [];
  /** Every text segment of the page, in order; an element's text is a slice of it. */
  private readonly textSegments: string[] = [];
  private readonly typedSomewhere = new Set<string>();
  private typedByThisTag: string[] = [];
  private titleStart: number | null = null;

  private get processorTag(): ProcessorTag | undefined {
    const stack = (this as unknown as { activeTagStack: ProcessorTag[] }).activeTagStack;
    return stack[stack.length - 1];
  }

  /** Inside an XML or HTML literal or an rdfa:Pattern, the processor needs every tag and text. */
  private get processorCollectsMarkup(): boolean {
    const tag = this.processorTag;
    return Boolean(tag?.collectChildTags || tag?.collectedPatternTag);
  }

  protected override emitTriple(subject: Term, predicate: Term, object: Term): void {
    // The library drops IRIs without a scheme; so do we.
    if ([subject, predicate, object].some((t) => t.termType === "NamedNode" && !t.value.includes(":"))) return;
    const literal = object.termType === "Literal";
    this.triples.push({
      subject: keyOf(subject),
      predicate: predicate.value,
      object: keyOf(object),
      objectKind: literal ? "literal" : "node",
      datatype: literal ? (object.datatype?.value ?? null) : null,
    });
    if (predicate.value === rdfType) this.typedByThisTag.push(keyOf(subject));
  }

  override onTagOpen(name: string, attributes: Record<string, string>): void {
    if (blockElements.has(name)) this.onText(paragraphMark);
    this.notePageMarkup(name, attributes);
    const element: OpenElement = { name, textStart: this.textSegments.length, layers: 0, givesText: false, typed: null };
    const passes = this.openElements.length === 0 || this.processorCollectsMarkup || mattersToRdfa(name, attributes);
    this.openElements.push(element);
    if (!passes) return;

    this.repairs.iris.push(...repairIriAttributes(attributes));
    const layers = splitLinkedType(attributes);
    if (layers.length > 1) this.repairs.linkedTypes.push({ about: attributes.about as string, resource: layers[1]?.about as string });
    this.typedByThisTag = [];
    for (const layer of layers) {
      // The processor stacks its tag before anything in it can throw: counted first, the closing
      // tag closes it whatever happens.
      element.layers++;
      super.onTagOpen(name, layer);
    }
    element.givesText = Boolean(this.processorTag?.predicates);
    this.noteTyped(element, this.typedByThisTag);
  }

  override onText(data: string): void {
    this.textSegments.push(data);
    if (this.processorCollectsMarkup) super.onText(data);
  }

  override onTagClose(): void {
    const element = this.openElements.pop();
    if (!element) return;
    if (element.name === "title" && this.titleStart !== null && this.title === null) this.title = this.textSegments.slice(this.titleStart).join("");
    if (element.layers > 0) this.closeInProcessor(element);
    if (element.typed) this.typingElements.pop();
    if (blockElements.has(element.name)) this.onText(paragraphMark);
    else if (cellElements.has(element.name)) this.onText(" ");
  }

  private closeInProcessor(element: OpenElement): void {
    const tag = this.processorTag;
    // The literal is the element's whole text content, also what nested elements with a property
    // of their own hold (the library leaves that out: an article inside a decision's `prov:value`,
    // seen 2026-11 in the Aalst sample). Markup literals keep the library's own collection.
    if (tag && element.givesText && !tag.collectChildTagsForCurrentTag) tag.textWithoutTags = [this.textSegments.slice(element.textStart).join("")];
    for (let i = 0; i < element.layers; i++) super.onTagClose();
    const parent = this.processorTag;
    if (parent && !this.processorCollectsMarkup) {
      parent.textWithoutTags = null;
      parent.textWithTags = null;
    }
  }

  /** The page's title and pagination, read from the same pass (no second parse of a large page). */
  private notePageMarkup(name: string, attributes: Record<string, string>): void {
    if (name === "title" && this.titleStart === null) this.titleStart = this.textSegments.length;
    const rel = attributes.rel?.toLowerCase().split(/\s+/) ?? [];
    if ((name === "a" || name === "link") && rel.includes("next") && attributes.href !== undefined) this.nextLinks.push(attributes.href);
  }

  private noteTyped(element: OpenElement, typed: string[]): void {
    if (typed.length === 0) return;
    for (const subject of typed) {
      if (this.typedSomewhere.has(subject)) continue;
      this.typedSomewhere.add(subject);
      const outer = this.innermostTypedResource(subject);
      if (outer) this.enclosingOf.set(subject, outer);
    }
    element.typed = typed;
    this.typingElements.push(element);
  }

  private innermostTypedResource(except: string): string | undefined {
    for (let i = this.typingElements.length - 1; i >= 0; i--) {
      const other = this.typingElements[i]?.typed?.filter((s) => s !== except) ?? [];
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
    stream.on("finish", () =>
      resolve({ triples: parser.triples, enclosingOf: parser.enclosingOf, repairs: parser.repairs, title: parser.title, nextLinks: parser.nextLinks }),
    );
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
