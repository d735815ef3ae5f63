import { type SourceKind, sourceKinds } from "../../schema/source-kinds.js";
import { SourceMisconfigured } from "../run-errors.js";
import type { SourceDefinition } from "../source.js";
import { browserKind } from "./browser.js";
import { feedKind } from "./feed.js";
import { lblodKind } from "./lblod.js";
import { listingKind } from "./listing.js";
import type { SourceKindModule } from "./source-kind.js";

/**
 * Every kind of source, by name; nothing is discovered by scanning folders. A new kind is its
 * name and document kind in schema/source-kinds.ts (the GraphQL enum and the database check
 * follow that list), one module in this folder and one line here: this type refuses a name of
 * that list without a module, and a module under another name.
 */
const kinds: { [K in SourceKind]: SourceKindModule<K> } = {
  lblod: lblodKind,
  feed: feedKind,
  listing: listingKind,
  browser: browserKind,
};

/** Every kind's module, in the order of schema/source-kinds.ts. */
export const sourceKindModules: readonly SourceKindModule[] = sourceKinds.map((kind) => kinds[kind]);

/** The module of a source's kind; SourceMisconfigured for a kind Vangnet does not implement. */
export function sourceKindOf(source: Pick<SourceDefinition, "id" | "kind" | "startUrl">): SourceKindModule {
  const kind = Object.hasOwn(kinds, source.kind) ? kinds[source.kind] : undefined;
  if (!kind) throw new SourceMisconfigured(source.id, source.startUrl, `unknown kind "${String(source.kind)}"; known kinds: ${sourceKinds.join(", ")}`);
  return kind;
}
