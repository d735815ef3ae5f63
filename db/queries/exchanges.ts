import { and, asc, eq, gt, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { exchanges } from "../tables/exchanges.js";

export type NewExchange = Omit<typeof exchanges.$inferInsert, "id" | "firstSeenAt" | "documentId">;

/**
 * Replace the exchanges read from a document. An exchange listed earlier by another document keeps
 * that first document (the identity is programme, edition, pair and topic).
 */
export async function replaceDocumentExchanges(tx: Transaction, documentId: number, rows: NewExchange[], now: Date): Promise<number> {
  await tx.delete(exchanges).where(eq(exchanges.documentId, documentId));
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(exchanges)
    .values(rows.map((row) => ({ ...row, documentId, firstSeenAt: now })))
    .onConflictDoNothing()
    .returning({ id: exchanges.id });
  return inserted.length;
}

export type ExchangeRow = typeof exchanges.$inferSelect;

export interface ExchangeFilter {
  municipalities?: string[];
  programme?: string;
}

function exchangeConditions(filter: ExchangeFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.municipalities?.length) {
    where.push(or(inArray(exchanges.municipalityANis, filter.municipalities), inArray(exchanges.municipalityBNis, filter.municipalities)) as SQL);
  }
  if (filter.programme) where.push(eq(exchanges.programme, filter.programme));
  return where;
}

export function listExchanges(db: Database, filter: ExchangeFilter, options: { limit: number; afterId?: number }) {
  const where = exchangeConditions(filter);
  if (options.afterId !== undefined) where.push(gt(exchanges.id, options.afterId));
  return db.select().from(exchanges).where(where.length ? and(...where) : undefined).orderBy(asc(exchanges.id)).limit(options.limit);
}

export async function countExchanges(db: Database, filter: ExchangeFilter): Promise<number> {
  const where = exchangeConditions(filter);
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(exchanges).where(where.length ? and(...where) : undefined);
  return Number(row?.count ?? 0);
}

export function findExchangesByIds(db: Database, ids: readonly number[]) {
  return db.select().from(exchanges).where(inArray(exchanges.id, [...ids]));
}
