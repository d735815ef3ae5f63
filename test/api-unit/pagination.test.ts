import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { buildConnection, checkFirst, decodeCursor, encodeCursor } from "../../api/pagination.js";

describe("cursors", () => {
  it("round-trip and belong to one list", () => {
    const cursor = encodeCursor("municipality", "44086");
    expect(decodeCursor("municipality", cursor, (key) => /^\d{5}$/.test(key))).toBe("44086");
    expect(() => decodeCursor("document", cursor, () => true)).toThrow(GraphQLError);
  });

  it("reject garbage, including valid base64 of a bad key", () => {
    for (const bad of ["", "%%%", "bXVuaWNpcGFsaXR5", encodeCursor("municipality", "4408")]) {
      expect(() => decodeCursor("municipality", bad, (key) => /^\d{5}$/.test(key)), bad).toThrow(
        /is not a cursor of this list/,
      );
    }
  });
});

describe("page size", () => {
  it("allows 0 to 100", () => {
    expect(checkFirst(0)).toBe(0);
    expect(checkFirst(100)).toBe(100);
    expect(() => checkFirst(101)).toThrow('Argument "first": must be between 0 and 100, got 101');
    expect(() => checkFirst(-1)).toThrow(GraphQLError);
  });
});

describe("connections", () => {
  it("use the extra row only to tell that another page follows", () => {
    const connection = buildConnection([1, 2, 3], 2, {
      cursorOf: (n) => `c${n}`,
      hasPrevious: false,
      totalCount: async () => 3,
    });
    expect(connection.nodes).toEqual([1, 2]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: "c1",
      endCursor: "c2",
    });
  });
});
