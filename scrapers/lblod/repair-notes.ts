import type { LblodRepair } from "../../schema/lblod.js";

/** A run warning per kind of repair a page needed: what was mended, how often, the first case. */
export function describeRepairs(repairs: readonly LblodRepair[]): string[] {
  return repairs.map((repair) => {
    const what = repair.kind === "iri" ? "IRI(s) with a space or another character an IRI cannot hold were percent-encoded" : "element(s) linking about= to resource= with typeof were read as typing the linked resource";
    return `${repair.count} ${what}; first: ${JSON.stringify(repair.example.published)} read as ${JSON.stringify(repair.example.read)}`;
  });
}
