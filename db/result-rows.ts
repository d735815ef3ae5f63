/** `db.execute()` returns an array on postgres.js and `{ rows }` on PGlite; this reads both. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  if (Array.isArray(rows)) return rows as T[];
  throw new Error("unexpected result shape from the database driver");
}

/** Whether a database error is a violation of the named unique constraint or index (SQLSTATE 23505). */
export function violates(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const fields = e as { code?: string; constraint?: string; constraint_name?: string };
    if (fields.code === "23505") return (fields.constraint ?? fields.constraint_name) === constraint;
  }
  return false;
}
