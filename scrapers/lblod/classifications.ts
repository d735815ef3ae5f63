import { governingBodyClassifications } from "../../db/reference/governing-body-classifications.js";

const conceptId = (uri: string) => uri.replace(/\/+$/, "").split("/").pop() ?? "";
const bodyKeyById = new Map(governingBodyClassifications.map((c) => [conceptId(c.uri), c.key]));

/** Governing-body classification key (gemeenteraad, bcsd, …) from its concept URI, http or https. */
export function classifyGoverningBody(classificationUri: string | null): string | null {
  return classificationUri ? (bodyKeyById.get(conceptId(classificationUri)) ?? null) : null;
}

/** Administrative-unit classification codes (domain.md; `…000001` gemeente is unverified). */
const unitKinds: Record<string, "gemeente" | "ocmw" | "provincie"> = {
  "5ab0e9b8a3b2ca7c5e000001": "gemeente",
  "5ab0e9b8a3b2ca7c5e000002": "ocmw",
  "5ab0e9b8a3b2ca7c5e000000": "provincie",
};

export function classifyAdministrativeUnit(classificationUri: string | null, label: string | null): "gemeente" | "ocmw" | "provincie" | "other" {
  const byCode = classificationUri ? unitKinds[conceptId(classificationUri)] : undefined;
  if (byCode) return byCode;
  if (label && /\bocmw\b/i.test(label)) return "ocmw";
  if (label && /^provincie\b/i.test(label)) return "provincie";
  return classificationUri || label ? "gemeente" : "other";
}
