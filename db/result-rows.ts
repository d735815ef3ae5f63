/** `db.execute()` returns an array on postgres.js and `{ rows }` on PGlite; this reads both. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  if (Array.isArray(rows)) return rows as T[];
  throw new Error("unexpected result shape from the database driver");
}
