import { and, arrayOverlaps, asc, desc, eq, gt, inArray, lt, lte, type SQL, sql } from "drizzle-orm";
import { type ChangeEntityType, type ChangeEntry, type ChangeEvent, type DocumentKind, entityTypeOf, filterColumnsOf } from "../../schema/change-events.js";
import type { Database, Transaction } from "../client.js";
import { changeLog } from "../tables/change-log.js";
import { documents } from "../tables/documents.js";
import { scrapeRuns, sources } from "../tables/sources.js";
import { searchQuery, searchVector } from "./documents.js";
import { inMunicipalitiesOrPredecessors, inProvinces } from "./municipalities.js";

/**
 * The channel every append notifies, with the new sequence number as payload. Postgres delivers
 * a notification when its transaction commits (never for a rollback), to every process that
 * listens: the channels that follow the log (subscriptions, webhooks) wake on it instead of polling.
 */
export const CHANGE_CHANNEL = "vangnet_changes";

/** Arbitrary constant naming the change-log append lock among the server's advisory locks. */
const CHANGE_LOG_LOCK_KEY = 727_405_002;

/**
 * Append a change inside the caller's transaction, so that it commits or vanishes with the data.
 * The entry is typed per event (schema/change-events.ts); the entity type and the columns feeds
 * filter on (municipality, document kind, themes, action) are read from it here, in one place.
 * The transaction-scoped lock serialises appenders until commit, which makes sequence order equal
 * commit order: a reader that has seen `seq = n` can never later find a committed row below n.
 */
export async function appendChange(tx: Transaction, entry: ChangeEntry) {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK_KEY})`);
  const [row] = await tx
    .insert(changeLog)
    .values({
      event: entry.event,
      entityType: entityTypeOf(entry.event),
      entityId: String(entry.entityId),
      runId: entry.runId,
      payload: entry.payload,
      ...filterColumnsOf(entry),
    })
    .returning();
  if (!row) throw new Error("change_log insert returned no row");
  await tx.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${String(row.seq)})`);
  return row;
}

export type ChangeRow = typeof changeLog.$inferSelect;

export interface ChangeFilter {
  events?: ChangeEvent[];
  entityTypes?: ChangeEntityType[];
  /** NIS codes; a successor includes the municipalities merged into it. */
  municipalities?: string[];
  provinceCodes?: string[];
  /** Theme codes: an entry matches when it concerns any of them. */
  themes?: string[];
  documentKinds?: DocumentKind[];
  actions?: string[];
  /** Only measure entries whose measure was read with at least this confidence. */
  minConfidence?: number;
  /** A Dutch full-text condition on the document concerned (websearch syntax). */
  search?: string;
}

function changeConditions(filter: ChangeFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.events?.length) where.push(inArray(changeLog.event, filter.events));
  if (filter.entityTypes?.length) where.push(inArray(changeLog.entityType, filter.entityTypes));
  if (filter.municipalities?.length) where.push(inMunicipalitiesOrPredecessors(changeLog.municipalityNis, filter.municipalities));
  if (filter.provinceCodes?.length) where.push(inProvinces(changeLog.municipalityNis, filter.provinceCodes));
  if (filter.themes?.length) where.push(arrayOverlaps(changeLog.themes, filter.themes));
  if (filter.documentKinds?.length) where.push(inArray(changeLog.documentKind, filter.documentKinds));
  if (filter.actions?.length) where.push(inArray(changeLog.action, filter.actions));
  if (filter.minConfidence !== undefined) where.push(sql`${changeLog.confidence} >= ${filter.minConfidence}::real`);
  if (filter.search) where.push(sql`${changeLog.documentId} in (select ${documents.id} from ${documents} where ${searchVector} @@ ${searchQuery(filter.search)})`);
  return where;
}

/** Changes after sequence number `afterSeq` (and up to `upToSeq`, when given), in commit order. */
export function listChanges(db: Database, filter: ChangeFilter, options: { limit: number; afterSeq?: number; upToSeq?: number }) {
  const where = changeConditions(filter);
  if (options.afterSeq !== undefined) where.push(gt(changeLog.seq, options.afterSeq));
  if (options.upToSeq !== undefined) where.push(lte(changeLog.seq, options.upToSeq));
  return db.select().from(changeLog).where(where.length ? and(...where) : undefined).orderBy(asc(changeLog.seq)).limit(options.limit);
}

/**
 * Changes before sequence number `beforeSeq` (all when absent), newest first: the pages of the
 * feeds. Each page ends where the next begins, since an entry below a seen `seq` never appears later.
 */
export function listChangesNewestFirst(db: Database, filter: ChangeFilter, options: { limit: number; beforeSeq?: number }) {
  const where = changeConditions(filter);
  if (options.beforeSeq !== undefined) where.push(lt(changeLog.seq, options.beforeSeq));
  return db.select().from(changeLog).where(where.length ? and(...where) : undefined).orderBy(desc(changeLog.seq)).limit(options.limit);
}

/** The newest change matching a filter below `beforeSeq` (sequence number and time), or undefined: what a feed's validators derive from. */
export async function findNewestChange(db: Database, filter: ChangeFilter, options: { beforeSeq?: number } = {}): Promise<{ seq: number; occurredAt: Date } | undefined> {
  const where = changeConditions(filter);
  if (options.beforeSeq !== undefined) where.push(lt(changeLog.seq, options.beforeSeq));
  const [row] = await db
    .select({ seq: changeLog.seq, occurredAt: changeLog.occurredAt })
    .from(changeLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(changeLog.seq))
    .limit(1);
  return row;
}

/** One change by its sequence number. */
export async function findChange(db: Database, seq: number): Promise<ChangeRow | undefined> {
  const [row] = await db.select().from(changeLog).where(eq(changeLog.seq, seq));
  return row;
}

/** The source a change came from: the source of the document concerned, else of the run that wrote it. */
export interface ChangeSource {
  id: string;
  name: string;
  startUrl: string;
}

/** The source of each of the given changes that has one, by sequence number (one query). */
export async function findChangeSources(db: Database, seqs: readonly number[]): Promise<Map<number, ChangeSource>> {
  if (seqs.length === 0) return new Map();
  const rows = await db
    .select({ seq: changeLog.seq, id: sources.id, name: sources.name, startUrl: sources.startUrl })
    .from(changeLog)
    .leftJoin(documents, eq(documents.id, changeLog.documentId))
    .leftJoin(scrapeRuns, eq(scrapeRuns.id, changeLog.runId))
    .innerJoin(sources, eq(sources.id, sql`coalesce(${documents.sourceId}, ${scrapeRuns.sourceId})`))
    .where(inArray(changeLog.seq, [...seqs]));
  return new Map(rows.map(({ seq, ...source }) => [seq, source]));
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
