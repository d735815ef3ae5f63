/**
 * Cursors of the `deep-page` scenario. Documents: the row at the wanted depth is found with one
 * OFFSET query in the list's own order (newest first, undated last, then id), and its cursor is
 * encoded the way api/resolvers/documents.ts encodes it; the API is then asked for that page and
 * must start at the next row. Measures: paged through the API itself, 100 at a time.
 */
import { encodeCursor } from "../../../api/pagination.js";
import { toGlobalId } from "../../../api/global-id.js";
import { createDb } from "../../../db/client.js";
import { askGraphql } from "./load.js";

export const DOCUMENT_PAGE_QUERY = "query Page($after: String) { documents(first: 20, after: $after) { nodes { id title publishedAt } pageInfo { hasNextPage } } }";
export const MEASURE_PAGE_QUERY = "query Page($after: String) { measures(first: 20, after: $after) { nodes { id action summary announcedOn } pageInfo { hasNextPage } } }";

/** The cursor after the first `rows` documents of `documents(orderBy: PUBLISHED_DESC)`, checked against the API at `graphqlUrl`. */
export async function documentCursorAfter(databaseUrl: string, graphqlUrl: string, rows: number): Promise<string> {
  const handle = await createDb({ databaseUrl, maxConnections: 1 });
  let found: { published_at: Date | string | null; id: string | number }[];
  try {
    found = await handle.rows(`select published_at, id from documents order by published_at desc nulls last, id desc nulls last offset $1 limit 2`, [rows - 1]);
  } finally {
    await handle.close();
  }
  const [last, next] = found;
  if (!last || !next) throw new Error(`fewer than ${rows + 1} documents`);
  const publishedAt = last.published_at === null ? "" : new Date(last.published_at).toISOString();
  const cursor = encodeCursor("document.published_desc", `p${publishedAt}|${last.id}`);
  const page = await askGraphql<{ documents: { nodes: { id: string }[] } }>({ url: graphqlUrl, query: DOCUMENT_PAGE_QUERY, variables: { after: cursor } });
  const expected = toGlobalId("Document", Number(next.id));
  if (page.documents.nodes.length !== 20 || page.documents.nodes[0]?.id !== expected) {
    throw new Error(`the page after document row ${rows} does not start at the next row (${expected}): ${JSON.stringify(page.documents.nodes.slice(0, 2))}`);
  }
  return cursor;
}

/** How many measures `measures` lists. */
export async function measureCount(graphqlUrl: string): Promise<number> {
  const data = await askGraphql<{ measures: { totalCount: number } }>({ url: graphqlUrl, query: "{ measures(first: 0) { totalCount } }" });
  return data.measures.totalCount;
}

/** The cursor after the first `rows` measures, reached by paging through the API. */
export async function measureCursorAfter(graphqlUrl: string, rows: number): Promise<string> {
  const query = "query Skip($first: Int!, $after: String) { measures(first: $first, after: $after) { edges { cursor } pageInfo { endCursor hasNextPage } } }";
  let after: string | null = null;
  let passed = 0;
  while (passed < rows) {
    const first = Math.min(100, rows - passed);
    const data: { measures: { edges: unknown[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } = await askGraphql({ url: graphqlUrl, query, variables: { first, after } });
    passed += data.measures.edges.length;
    after = data.measures.pageInfo.endCursor;
    if (!data.measures.pageInfo.hasNextPage || after === null) throw new Error(`only ${passed} measures before the end of the list, not ${rows} and a page`);
  }
  if (after === null) throw new Error("no measure cursor");
  return after;
}
