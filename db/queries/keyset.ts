import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * A list ordered by a column that may be null (nulls last), then by id, in one direction. Its
 * index is `(column desc nulls last, id desc)`, possibly after equality columns; ascending pages
 * walk it backwards.
 */
export interface NullsLastOrder {
  column: AnyColumn;
  id: AnyColumn;
  direction: "desc" | "asc";
  /** The SQL type a cursor value is cast to: `timestamptz`, `date`. */
  type: "timestamptz" | "date";
}

/** Keyset position: the sort value (null for a row without one) and id of the previous page's last row. */
export interface NullsLastKey {
  value: string | null;
  id: number;
}

/** Runs one part of a page: its condition, its order and how many rows it may return. */
export type PagePart<T> = (where: SQL, orderBy: SQL[], limit: number) => Promise<T[]>;

/**
 * One keyset page without an `or` between the valued and the null rows, which would keep the
 * planner from seeking in the index (it would read from the top and discard rows before the
 * cursor). The rows with a value come from one index range after the cursor; only when they run
 * out before the page is full does a second part read the rows without a value, by id.
 */
export async function nullsLastPage<T>(order: NullsLastOrder, limit: number, after: NullsLastKey | undefined, part: PagePart<T>): Promise<T[]> {
  const { column, id, direction } = order;
  const cmp = direction === "desc" ? sql`<` : sql`>`;
  const rows: T[] = [];
  if (after === undefined || after.value !== null) {
    const where = after
      ? sql`(${column}, ${id}) ${cmp} (${after.value}::${sql.raw(order.type)}, ${after.id}::bigint)`
      : sql`${column} is not null`;
    const orderBy = direction === "desc" ? [sql`${column} desc nulls last`, idOrder(id, direction)] : [sql`${column} asc nulls first`, idOrder(id, direction)];
    rows.push(...(await part(where, orderBy, limit)));
    if (rows.length >= limit) return rows;
  }
  const undated = after?.value === null ? sql`${column} is null and ${id} ${cmp} ${after.id}::bigint` : sql`${column} is null`;
  rows.push(...(await part(undated, [idOrder(id, direction)], limit - rows.length)));
  return rows;
}

/**
 * The id's place in the order, spelled as the index has it (drizzle writes `id desc nulls last`):
 * an id is never null, but the planner only walks an index whose null placement matches the query's
 * too, and sorts otherwise. For the same reason the ascending part says `nulls first` (it holds no
 * nulls): that is the `desc nulls last` index walked backwards.
 */
function idOrder(id: AnyColumn, direction: "desc" | "asc"): SQL {
  return direction === "desc" ? sql`${id} desc nulls last` : sql`${id} asc nulls first`;
}
