import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { fragmentsOf, operationCost, pointsForCost } from "../../api/limits/cost.js";

function costOf(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error("no single operation");
  return operationCost(operation, fragmentsOf(document.definitions), variables);
}

describe("query cost (GitHub-style)", () => {
  it("counts every field once, and multiplies what a field with `first` selects by `first`", () => {
    expect(costOf("{ __typename }")).toBe(1);
    expect(costOf('{ municipality(nis: "44021") { name successor { name } } }')).toBe(4);
    // 1 + 50 × (totalCount + nodes + nis + name)
    expect(costOf("{ municipalities(first: 50) { totalCount nodes { nis name } } }")).toBe(201);
  });

  it("multiplies nested connections", () => {
    // 1 + 10 × (nodes + name + documents × (1 + 20 × (nodes + title)))
    expect(costOf("{ municipalities(first: 10) { nodes { name documents(first: 20) { nodes { title } } } } }")).toBe(1 + 10 * (1 + 1 + 1 + 20 * 2));
  });

  it("reads `first` from the variables, else the operation's default, else counts the largest page (100)", () => {
    const query = "query($n: Int!) { municipalities(first: $n) { nodes { name } } }";
    expect(costOf(query, { n: 7 })).toBe(1 + 7 * 2);
    expect(costOf(query, {})).toBe(1 + 100 * 2);
    expect(costOf(query, { n: "7" })).toBe(1 + 100 * 2);
    expect(costOf("query($n: Int = 3) { municipalities(first: $n) { nodes { name } } }")).toBe(1 + 3 * 2);
    expect(costOf("query($n: Int = 3) { municipalities(first: $n) { nodes { name } } }", { n: 9 })).toBe(1 + 9 * 2);
    expect(costOf("{ municipalities(first: 1000000) { nodes { name } } }")).toBe(1 + 1_000_000 * 2);
  });

  it("counts fragments where they are spread, inline fragments included", () => {
    const query = `
      query { municipalities(first: 10) { ...Page } documents(first: 5) { nodes { ... on PressRelease { lead } title } } }
      fragment Page on MunicipalityConnection { nodes { ...Names } }
      fragment Names on Municipality { nis name }`;
    expect(costOf(query)).toBe(1 + 10 * (1 + 2) + (1 + 5 * (1 + 2)));
  });

  it("stays finite on a fragment cycle (validation rejects it) and cheap on fragments that fan out exponentially", () => {
    expect(costOf("query { ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }")).toBe(1);
    const chain = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const started = performance.now();
    const cost = costOf(`query { ...F0 } ${chain} fragment F60 on Query { municipalities(first: 100) { nodes { name } } }`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(cost).toBe(2 ** 60 * 201);
  });

  it("turns a cost into rate-limit points: hundreds, at least one", () => {
    expect([0, 1, 100, 101, 10_000].map(pointsForCost)).toEqual([1, 1, 1, 2, 100]);
  });
});
