import { sql } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { changeLog } from "../tables/change-log.js";

/** Arbitrary constant naming the change-log append lock among the server's advisory locks. */
const CHANGE_LOG_LOCK_KEY = 727_405_002;

export type NewChange = Omit<typeof changeLog.$inferInsert, "seq" | "occurredAt">;

/**
 * Append a change inside the caller's transaction, so that it commits or vanishes with the data.
 * The transaction-scoped lock serialises appenders until commit, which makes sequence order equal
 * commit order: a reader that has seen `seq = n` can never later find a committed row below n.
 */
export async function appendChange(tx: Transaction, change: NewChange) {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK_KEY})`);
  const [row] = await tx.insert(changeLog).values(change).returning();
  if (!row) throw new Error("change_log insert returned no row");
  return row;
}
