import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { captures } from "../tables/sources.js";

export type CaptureRow = typeof captures.$inferSelect;
export type NewCapture = Omit<typeof captures.$inferInsert, "id" | "lastFetchedAt">;

/** The most recent 2xx capture of a URL for a source: its validators make the next request conditional. */
export async function latestCapture(db: Database, sourceId: string, url: string): Promise<CaptureRow | undefined> {
  const [row] = await db
    .select()
    .from(captures)
    .where(and(eq(captures.sourceId, sourceId), eq(captures.url, url)))
    .orderBy(desc(captures.lastFetchedAt), desc(captures.id))
    .limit(1);
  return row;
}

/**
 * Keep a fetched page. The same body of the same URL is stored once; fetching it again only moves
 * `lastFetchedAt` and refreshes the validators.
 */
export async function saveCapture(db: Database, capture: NewCapture): Promise<CaptureRow> {
  const [row] = await db
    .insert(captures)
    .values({ ...capture, lastFetchedAt: capture.fetchedAt })
    .onConflictDoUpdate({
      target: [captures.sourceId, captures.url, captures.contentHash],
      set: {
        lastFetchedAt: sql`excluded.last_fetched_at`,
        etag: sql`excluded.etag`,
        lastModified: sql`excluded.last_modified`,
        runId: sql`excluded.run_id`,
        links: sql`excluded.links`,
        pageDate: sql`excluded.page_date`,
      },
    })
    .returning();
  if (!row) throw new Error("captures upsert returned no row");
  return row;
}

/** Note that a 304 confirmed a capture as current. */
export async function touchCapture(db: Database, id: number, at: Date): Promise<void> {
  await db.update(captures).set({ lastFetchedAt: at }).where(eq(captures.id, id));
}

/** The latest capture of every URL of a source (for reprocessing), oldest URL first. */
export async function latestCapturesOfSource(db: Database, sourceId: string, since?: Date): Promise<CaptureRow[]> {
  return db
    .selectDistinctOn([captures.url])
    .from(captures)
    .where(and(eq(captures.sourceId, sourceId), since ? gte(captures.lastFetchedAt, since) : undefined))
    .orderBy(captures.url, desc(captures.lastFetchedAt), desc(captures.id));
}

/**
 * Note that what a capture says is stored, in the transaction that stores it: only then does a
 * later 304 skip the page. With `found`, also remember the links and date read from it, so that a
 * 304 can crawl on without parsing.
 */
export async function markCaptureProcessed(
  db: Database | Transaction,
  id: number,
  at: Date,
  found?: { links: { url: string; rel: string }[]; pageDate: string | null },
): Promise<void> {
  await db
    .update(captures)
    .set({ processedAt: at, ...(found ? { links: found.links, pageDate: found.pageDate } : {}) })
    .where(eq(captures.id, id));
}
