import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { documents } from "../tables/documents.js";
import { scrapeRuns, sources } from "../tables/sources.js";

export type SourceRow = typeof sources.$inferSelect;

export interface SourceDeclaration {
  id: string;
  kind: string;
  name: string;
  startUrl: string;
  schedule: string;
  timezone?: string | undefined;
  enabled: boolean;
  municipalityNis: string | null;
  mayBeEmpty?: boolean | undefined;
  config: Record<string, unknown>;
  origin?: "builtin" | "file" | undefined;
}

/**
 * Write the declared configuration of sources to the table, keeping their health columns.
 * Sources that are no longer declared stay (their runs and documents refer to them).
 */
export async function syncSources(db: Database, declared: SourceDeclaration[]): Promise<void> {
  for (let i = 0; i < declared.length; i += 200) {
    const batch = declared.slice(i, i + 200).map((s) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      startUrl: s.startUrl,
      schedule: s.schedule,
      timezone: s.timezone ?? "Europe/Brussels",
      enabled: s.enabled,
      municipalityNis: s.municipalityNis,
      mayBeEmpty: s.mayBeEmpty ?? false,
      config: s.config,
      origin: s.origin ?? "builtin",
    }));
    await db
      .insert(sources)
      .values(batch)
      .onConflictDoUpdate({
        target: sources.id,
        set: {
          kind: sql`excluded.kind`,
          name: sql`excluded.name`,
          startUrl: sql`excluded.start_url`,
          schedule: sql`excluded.schedule`,
          timezone: sql`excluded.timezone`,
          enabled: sql`excluded.enabled`,
          municipalityNis: sql`excluded.municipality_nis`,
          mayBeEmpty: sql`excluded.may_be_empty`,
          config: sql`excluded.config`,
          origin: sql`excluded.origin`,
          updatedAt: sql`case when (sources.kind, sources.name, sources.start_url, sources.schedule, sources.enabled, sources.config::text)
            is distinct from (excluded.kind, excluded.name, excluded.start_url, excluded.schedule, excluded.enabled, excluded.config::text)
            then now() else sources.updated_at end`,
        },
      });
  }
}

export async function findSource(db: Database, id: string): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  return row;
}

export function listSourceRows(db: Database): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(sources.id);
}

/** How a source's health moved with a run: the alerts (scrapers/health-alerts.ts) read it. */
export interface HealthTransition {
  failuresBefore: number;
  failuresAfter: number;
}

/**
 * Record the outcome of a run on the source, for health reporting. A run that stored new
 * documents (`foundNew`) also moves the source's rhythm: the gap since the previous such run
 * joins an exponentially weighted mean (weight 0.3), so the usual pace follows slow changes.
 */
export async function recordSourceHealth(
  db: Database,
  id: string,
  outcome: { finishedAt: Date; succeeded: boolean; error: string | null; foundNew?: boolean },
): Promise<HealthTransition> {
  const at = outcome.finishedAt.toISOString();
  const gap = sql`extract(epoch from (${at}::timestamptz - ${sources.lastNewDocumentAt}))`;
  const rhythm = outcome.foundNew
    ? {
        lastNewDocumentAt: outcome.finishedAt,
        newDocumentGapS: sql`case when ${sources.lastNewDocumentAt} is null then ${sources.newDocumentGapS}
          when ${sources.newDocumentGapS} is null then ${gap} else 0.7 * ${sources.newDocumentGapS} + 0.3 * ${gap} end`,
        newDocumentGaps: sql`${sources.newDocumentGaps} + case when ${sources.lastNewDocumentAt} is null then 0 else 1 end`,
      }
    : {};
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ failures: sources.consecutiveFailures }).from(sources).where(eq(sources.id, id)).for("update");
    const [after] = await tx
      .update(sources)
      .set({
        lastRunAt: outcome.finishedAt,
        ...(outcome.succeeded ? { lastSuccessAt: outcome.finishedAt } : {}),
        ...(outcome.error ? { lastError: outcome.error, lastErrorAt: outcome.finishedAt } : {}),
        consecutiveFailures: outcome.succeeded ? 0 : sql`${sources.consecutiveFailures} + 1`,
        ...rhythm,
      })
      .where(eq(sources.id, id))
      .returning({ failures: sources.consecutiveFailures });
    return { failuresBefore: before?.failures ?? 0, failuresAfter: after?.failures ?? 0 };
  });
}

/** Number of documents first published through each of the given sources. */
export async function documentCountsOfSources(db: Database, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ sourceId: documents.sourceId, count: sql<number>`count(*)::int` })
    .from(documents)
    .where(inArray(documents.sourceId, [...ids]))
    .groupBy(documents.sourceId);
  return new Map(rows.map((r) => [r.sourceId ?? "", Number(r.count)]));
}

/** The latest `limit` runs of each of the given sources, newest first. */
export function recentRunsOfSources(db: Database, ids: readonly string[], limit: number) {
  return db
    .select()
    .from(scrapeRuns)
    .where(
      and(
        inArray(scrapeRuns.sourceId, [...ids]),
        sql`${scrapeRuns.id} in (select r.id from scrape_runs r where r.source_id = ${scrapeRuns.sourceId} order by r.started_at desc, r.id desc limit ${limit})`,
      ),
    )
    .orderBy(desc(scrapeRuns.startedAt), desc(scrapeRuns.id));
}

/** Documents per publishing municipality and kind: how many, and the newest publication. */
export function documentTotalsByMunicipality(db: Database) {
  return db
    .select({
      municipalityNis: documents.municipalityNis,
      kind: documents.kind,
      count: sql<number>`count(*)::int`,
      latest: sql<Date | null>`max(${documents.publishedAt})`,
    })
    .from(documents)
    .where(sql`${documents.municipalityNis} is not null`)
    .groupBy(documents.municipalityNis, documents.kind);
}

export function findSourcesByIds(db: Database, ids: readonly string[]): Promise<SourceRow[]> {
  return db.select().from(sources).where(inArray(sources.id, [...ids]));
}

export function findSourcesOfMunicipalities(db: Database, nisCodes: readonly string[]): Promise<SourceRow[]> {
  return db.select().from(sources).where(inArray(sources.municipalityNis, [...nisCodes])).orderBy(sources.id);
}
