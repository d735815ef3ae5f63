import type { RdfaReading } from "./rdfa-triples.js";
import { toPlainText, toSingleLine } from "./text.js";
import { canonicalTerm, rdfType } from "./vocabulary.js";

/** One object of a statement. */
export interface Value {
  value: string;
  literal: boolean;
  datatype: string | null;
}

/**
 * The page's statements indexed by subject and predicate, values in document order and
 * de-duplicated. Predicates and types are canonical (see `canonicalTerm`); subjects and objects
 * stay as published. What a page says about one URI in several places is merged here.
 */
export class Graph {
  private readonly bySubject = new Map<string, Map<string, Value[]>>();
  private readonly subjectsByType = new Map<string, Set<string>>();
  private readonly subjectsByObject = new Map<string, Map<string, Set<string>>>();
  private readonly enclosingOf: Map<string, string>;
  /** Where each resource is first mentioned, as subject or object. */
  private readonly firstMention = new Map<string, number>();
  /** Subjects in the order they first appear on the page. */
  readonly subjects: string[] = [];

  constructor(reading: Pick<RdfaReading, "triples" | "enclosingOf">) {
    this.enclosingOf = reading.enclosingOf;
    /** The values of each subject and predicate as a set, so a repeat costs one lookup (an annex may give a decision thousands). */
    const known = new Map<Value[], Set<string>>();
    for (const t of reading.triples) {
      const predicate = canonicalTerm(t.predicate);
      const literal = t.objectKind === "literal";
      const value = predicate === rdfType ? canonicalTerm(t.object) : t.object;
      this.mention(t.subject);
      if (!literal) this.mention(value);
      let predicates = this.bySubject.get(t.subject);
      if (!predicates) {
        predicates = new Map();
        this.bySubject.set(t.subject, predicates);
        this.subjects.push(t.subject);
      }
      let values = predicates.get(predicate);
      if (!values) {
        values = [];
        predicates.set(predicate, values);
        known.set(values, new Set());
      }
      const keys = known.get(values) as Set<string>;
      const key = `${literal ? "literal" : "node"} ${value}`;
      if (keys.has(key)) continue;
      keys.add(key);
      values.push({ value, literal, datatype: t.datatype });
      if (predicate === rdfType) append(this.subjectsByType, value, t.subject);
      if (!literal) {
        const byPredicate = this.subjectsByObject.get(value) ?? new Map<string, Set<string>>();
        append(byPredicate, predicate, t.subject);
        this.subjectsByObject.set(value, byPredicate);
      }
    }
  }

  private mention(resource: string): void {
    if (!this.firstMention.has(resource)) this.firstMention.set(resource, this.firstMention.size);
  }

  /** Resources de-duplicated and sorted by where the page first mentions them. */
  inPageOrder(resources: Iterable<string>): string[] {
    const position = (r: string) => this.firstMention.get(r) ?? Number.MAX_SAFE_INTEGER;
    return [...new Set(resources)].sort((a, b) => position(a) - position(b));
  }

  values(subject: string, predicate: string): Value[] {
    return this.bySubject.get(subject)?.get(predicate) ?? [];
  }

  /** Resources (IRIs, blank nodes) a subject points to with a predicate. */
  nodes(subject: string, predicate: string): string[] {
    return this.values(subject, predicate).flatMap((v) => (v.literal ? [] : [v.value]));
  }

  node(subject: string, predicate: string): string | null {
    return this.nodes(subject, predicate)[0] ?? null;
  }

  /**
   * The resource a subject points to, also when the page wrote the IRI as text
   * (`content="https://…"`, seen 2026-11 in the Machelen sample for `besluit:aangebrachtNa`).
   */
  nodeOrIriText(subject: string, predicate: string): string | null {
    const node = this.node(subject, predicate);
    if (node) return node;
    const text = toSingleLine(this.literal(subject, predicate));
    return text && /^https?:\/\/\S+$/.test(text) ? text : null;
  }

  /** The first literal's raw text (with paragraph marks). */
  literal(subject: string, predicate: string): string | null {
    return this.values(subject, predicate).find((v) => v.literal)?.value ?? null;
  }

  /** The first literal as plain text; some templates put a link where text belongs, which is not text. */
  text(subject: string, predicate: string): string | null {
    for (const v of this.values(subject, predicate)) {
      const text = v.literal ? toPlainText(v.value) : null;
      if (text) return text;
    }
    return null;
  }

  /** The first literal on one line (for dates, numbers and booleans). */
  line(subject: string, predicate: string): string | null {
    return toSingleLine(this.literal(subject, predicate));
  }

  types(subject: string): string[] {
    return this.nodes(subject, rdfType);
  }

  hasType(subject: string, type: string): boolean {
    return this.types(subject).includes(type);
  }

  /** Subjects of a type, in page order. */
  ofType(type: string): string[] {
    return [...(this.subjectsByType.get(type) ?? [])];
  }

  /** Objects of a predicate over the whole page, in page order, de-duplicated. */
  objectsOf(predicate: string): string[] {
    const objects = new Set<string>();
    for (const subject of this.subjects) for (const node of this.nodes(subject, predicate)) objects.add(node);
    return [...objects];
  }

  /** Subjects pointing to `object` with `predicate`, in page order. */
  subjectsPointingTo(object: string, predicate: string): string[] {
    return [...(this.subjectsByObject.get(object)?.get(predicate) ?? [])];
  }

  /** Subjects having a predicate, in page order. */
  subjectsWith(predicate: string): string[] {
    return this.subjects.filter((s) => this.bySubject.get(s)?.has(predicate));
  }

  /** The nearest resource of one of `types` whose markup encloses the subject's, if any. */
  enclosingOfType(subject: string, types: string[]): string | null {
    const seen = new Set<string>();
    for (let outer = this.enclosingOf.get(subject); outer && !seen.has(outer); outer = this.enclosingOf.get(outer)) {
      if (types.some((type) => this.hasType(outer as string, type))) return outer;
      seen.add(outer);
    }
    return null;
  }
}

/** Blank nodes have no identity beyond one reading of one page, so they never become records. */
export function isBlankNode(resource: string): boolean {
  return resource.startsWith("_:");
}

function append<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
