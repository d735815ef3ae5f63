import { type AnyColumn, and, asc, count, eq, gt, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { municipalityRegister } from "../reference/municipality-register.js";
import { municipalities } from "../tables/reference.js";

export type MunicipalityRow = typeof municipalities.$inferSelect;

export interface MunicipalityFilter {
  provinceCode?: string | undefined;
  /** Include municipalities merged away (validTo set); default only current ones. */
  includeMerged?: boolean | undefined;
}

function whereFilter(filter: MunicipalityFilter): SQL | undefined {
  return and(
    filter.provinceCode ? eq(municipalities.provinceCode, filter.provinceCode) : undefined,
    filter.includeMerged ? undefined : isNull(municipalities.validTo),
  );
}

/** One page of municipalities in NIS order after `afterNis` (keyset pagination). */
export function listMunicipalities(
  db: Database,
  filter: MunicipalityFilter,
  page: { limit: number; afterNis?: string | undefined },
): Promise<MunicipalityRow[]> {
  return db
    .select()
    .from(municipalities)
    .where(and(whereFilter(filter), page.afterNis ? gt(municipalities.nis, page.afterNis) : undefined))
    .orderBy(asc(municipalities.nis))
    .limit(page.limit);
}

export async function countMunicipalities(db: Database, filter: MunicipalityFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(municipalities).where(whereFilter(filter));
  return row?.n ?? 0;
}

/** Every municipality, current and merged. */
export function listAllMunicipalities(db: Database): Promise<MunicipalityRow[]> {
  return db.select().from(municipalities).orderBy(asc(municipalities.nis));
}

export function findMunicipalitiesByNis(db: Database, nisCodes: readonly string[]): Promise<MunicipalityRow[]> {
  return db
    .select()
    .from(municipalities)
    .where(inArray(municipalities.nis, [...nisCodes]));
}

/** Municipalities that merged into one of `nisCodes`, excluding a municipality continuing itself. */
export function findPredecessors(db: Database, nisCodes: readonly string[]): Promise<MunicipalityRow[]> {
  return db
    .select()
    .from(municipalities)
    .where(
      and(inArray(municipalities.successorNis, [...nisCodes]), ne(municipalities.nis, municipalities.successorNis)),
    )
    .orderBy(asc(municipalities.nis));
}

/**
 * `column` holds one of these municipalities or one that merged into them: a filter on today's
 * Antwerpen also finds Borsbeek's documents and measures. The list is resolved from the register
 * the reference table is loaded from (db/reference/load.ts), before the query, so the planner sees
 * plain values it can seek in the column's index with, not a subquery with an `or`.
 */
export function inMunicipalitiesOrPredecessors(column: AnyColumn, nisCodes: readonly string[]): SQL {
  const wanted = new Set(nisCodes);
  const codes = municipalityRegister()
    .all()
    .filter((m) => wanted.has(m.nis) || (m.successorNis !== null && wanted.has(m.successorNis)))
    .map((m) => m.nis);
  return inArray(column, [...new Set([...nisCodes, ...codes])]);
}

/** `column` holds a municipality of one of these provinces (resolved before the query, as above). */
export function inProvinces(column: AnyColumn, provinceCodes: readonly string[]): SQL {
  const wanted = new Set(provinceCodes);
  const codes = municipalityRegister()
    .all()
    .filter((m) => wanted.has(m.provinceCode))
    .map((m) => m.nis);
  return codes.length > 0 ? inArray(column, codes) : sql`false`;
}
