import type { DocumentKind } from "./change-events.js";

/**
 * The kinds of source Vangnet collects from, each with the kind of document its sources yield.
 * Each kind is one module in `scrapers/kinds/` (its configuration, crawl and reprocess), listed
 * in `scrapers/kinds/registry.ts`, whose type requires one module per name here. The GraphQL enum
 * `SourceKind` (`schema/source.graphql`, held equal by test/api-unit/source-kinds.test.ts) and the
 * database check `sources_kind` (`db/tables/sources.ts`) derive from this list.
 */
export const sourceKindDocuments = {
  /** An LBLOD publication site: council decisions in RDFa. */
  lblod: "council_decision",
  /** An RSS or Atom feed of articles. */
  feed: "press_release",
  /** List pages of articles. */
  listing: "press_release",
  /** List pages and articles that need a real browser. */
  browser: "press_release",
} as const satisfies Record<string, DocumentKind>;

export type SourceKind = keyof typeof sourceKindDocuments;

/** The kind of document a source yields. */
export type SourceDocumentKind = (typeof sourceKindDocuments)[SourceKind];

/** Every kind of source, in declaration order. */
export const sourceKinds = Object.keys(sourceKindDocuments) as [SourceKind, ...SourceKind[]];

export function isSourceKind(kind: string): kind is SourceKind {
  return Object.hasOwn(sourceKindDocuments, kind);
}

/** The kind of document a source of this kind yields; null for a kind Vangnet does not know. */
export function documentKindOfSource(kind: string): SourceDocumentKind | null {
  return isSourceKind(kind) ? sourceKindDocuments[kind] : null;
}
