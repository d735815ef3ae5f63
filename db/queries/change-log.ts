import { and, asc, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { ChangeEntityType, ChangeEvent } from "../../schema/change-events.js";
import type { Database, Transaction } from "../client.js";
import { changeLog } from "../tables/change-log.js";

/** Arbitrary constant naming the change-log append lock among the server's advisory locks. */
const CHANGE_LOG_LOCK_KEY = 727_405_002;

/** A change to append: its event and entity type come from the vocabulary in schema/change-events.ts. */
export type NewChange = Omit<typeof changeLog.$inferInsert, "seq" | "occurredAt" | "event" | "entityType"> & {
  event: ChangeEvent;
  entityType: ChangeEntityType;
};

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

export type ChangeRow = typeof changeLog.$inferSelect;

export interface ChangeFilter {
  events?: ChangeEvent[];
  entityTypes?: ChangeEntityType[];
  municipalities?: string[];
}

function changeConditions(filter: ChangeFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.events?.length) where.push(inArray(changeLog.event, filter.events));
  if (filter.entityTypes?.length) where.push(inArray(changeLog.entityType, filter.entityTypes));
  if (filter.municipalities?.length) where.push(inArray(changeLog.municipalityNis, filter.municipalities));
  return where;
}

/** Changes after sequence number `afterSeq`, in commit order. */
export function listChanges(db: Database, filter: ChangeFilter, options: { limit: number; afterSeq?: number }) {
  const where = changeConditions(filter);
  if (options.afterSeq !== undefined) where.push(gt(changeLog.seq, options.afterSeq));
  return db.select().from(changeLog).where(where.length ? and(...where) : undefined).orderBy(asc(changeLog.seq)).limit(options.limit);
}

export async function countChanges(db: Database, filter: ChangeFilter): Promise<number> {
  const where = changeConditions(filter);
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(changeLog).where(where.length ? and(...where) : undefined);
  return Number(row?.count ?? 0);
}

/** The latest sequence number, or 0 for an empty log: what caches compare to see whether anything changed. */
export async function latestChangeSeq(db: Database): Promise<number> {
  const [row] = await db.select({ seq: sql<string | null>`max(${changeLog.seq})::text` }).from(changeLog);
  return Number(row?.seq ?? 0);
}
