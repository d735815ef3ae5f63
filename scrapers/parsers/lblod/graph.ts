import type { Triple } from "./rdfa-triples.js";
import { canonicalIri, rdfType } from "./vocabulary.js";

interface Value {
  value: string;
  literal: boolean;
  datatype: string | null;
}

/** The page's statements indexed by subject and predicate, values in document order. */
export class Graph {
  private readonly bySubject = new Map<string, Map<string, Value[]>>();
  private readonly subjectsByType = new Map<string, string[]>();
  /** Subjects in the order they first appear on the page. */
  readonly subjects: string[] = [];

  constructor(triples: Triple[]) {
    for (const t of triples) {
      const predicate = canonicalIri(t.predicate);
      const object = t.objectKind === "node" ? canonicalIri(t.object) : t.object;
      let predicates = this.bySubject.get(t.subject);
      if (!predicates) {
        predicates = new Map();
        this.bySubject.set(t.subject, predicates);
        this.subjects.push(t.subject);
      }
      const values = predicates.get(predicate) ?? [];
      if (!values.some((v) => v.value === object && v.literal === (t.objectKind === "literal"))) {
        values.push({ value: object, literal: t.objectKind === "literal", datatype: t.datatype });
      }
      predicates.set(predicate, values);
      if (predicate === rdfType) {
        const typed = this.subjectsByType.get(object) ?? [];
        if (!typed.includes(t.subject)) typed.push(t.subject);
        this.subjectsByType.set(object, typed);
      }
    }
  }

  values(subject: string, predicate: string): Value[] {
    return this.bySubject.get(subject)?.get(predicate) ?? [];
  }

  /** First value of a predicate, or null. */
  first(subject: string, predicate: string): string | null {
    return this.values(subject, predicate)[0]?.value ?? null;
  }

  /** First literal value, or the first value of any kind when no literal is given. */
  text(subject: string, predicate: string): string | null {
    const values = this.values(subject, predicate);
    return (values.find((v) => v.literal) ?? values[0])?.value ?? null;
  }

  all(subject: string, predicate: string): string[] {
    return this.values(subject, predicate).map((v) => v.value);
  }

  ofType(type: string): string[] {
    return this.subjectsByType.get(type) ?? [];
  }

  /** Objects of a predicate over the whole page, in order, de-duplicated. */
  objectsOf(predicate: string): string[] {
    const objects = new Set<string>();
    for (const predicates of this.bySubject.values()) for (const v of predicates.get(predicate) ?? []) if (!v.literal) objects.add(v.value);
    return [...objects];
  }

  /** Subjects having a predicate, in page order. */
  subjectsWith(predicate: string): string[] {
    return this.subjects.filter((s) => this.bySubject.get(s)?.has(predicate));
  }

  has(subject: string): boolean {
    return this.bySubject.has(subject);
  }
}

/** Union of lists in first-seen order. */
export function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
