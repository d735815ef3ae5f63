import { badUserInput, invalidCursor } from "./errors.js";
import { describeUnstorableText } from "../schema/storable-text.js";

export const MAX_PAGE_SIZE = 100;

/** Check `first` against 0..100 with an error that names the argument. */
export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput("first", `must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

/** Cursors are opaque to clients: base64url of `<list>:<key>`. */
export function encodeCursor(list: string, key: string): string {
  return Buffer.from(`${list}:${key}`, "utf8").toString("base64url");
}

/**
 * Decode a cursor of `list`, checking its key with `isValidKey`; throws INVALID_CURSOR otherwise.
 * The check must accept only values the database takes (see key-formats.ts): a forged cursor is
 * the client's mistake, never a failed query.
 */
export function decodeCursor(list: string, cursor: string, isValidKey: (key: string) => boolean): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const prefix = `${list}:`;
  if (!decoded.startsWith(prefix)) throw invalidCursor("after", cursor);
  const key = decoded.slice(prefix.length);
  if (describeUnstorableText(key) !== undefined || !isValidKey(key)) throw invalidCursor("after", cursor);
  return key;
}

export interface Connection<T> {
  totalCount: () => Promise<number>;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Build a connection from rows fetched with `limit = first + 1`: the extra row only tells that
 * another page follows. `totalCount` is lazy so that a query that does not ask for it costs nothing.
 */
export function buildConnection<T>(
  rows: T[],
  first: number,
  options: { cursorOf: (row: T) => string; hasPrevious: boolean; totalCount: () => Promise<number> },
): Connection<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: options.cursorOf(node), node }));
  return {
    totalCount: options.totalCount,
    nodes,
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: options.hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
