import type { LblodRepair } from "../../../schema/lblod.js";
import type { RdfaRepairs } from "./rdfa-triples.js";

/** What the reading mended, one entry per kind with its count and first occurrence. */
export function readRepairs(repairs: RdfaRepairs): LblodRepair[] {
  const result: LblodRepair[] = [];
  const [firstIri] = repairs.iris;
  if (firstIri) result.push({ kind: "iri", count: repairs.iris.length, example: { published: firstIri.published, read: firstIri.repaired } });
  const [firstType] = repairs.linkedTypes;
  if (firstType) {
    result.push({
      kind: "linked-type",
      count: repairs.linkedTypes.length,
      example: { published: `typeof on about="${firstType.about}"`, read: `typeof on resource="${firstType.resource}"` },
    });
  }
  return result;
}
