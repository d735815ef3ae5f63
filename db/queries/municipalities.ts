import { type AnyColumn, and, asc, count, eq, gt, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client.js";
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
 * Antwerpen also finds Borsbeek's documents and measures.
 */
export function inMunicipalitiesOrPredecessors(column: AnyColumn, nisCodes: readonly string[]): SQL {
  const list = sql.join(nisCodes.map((n) => sql`${n}`), sql`, `);
  return sql`${column} in (select ${municipalities.nis} from ${municipalities} where ${municipalities.nis} in (${list}) or ${municipalities.successorNis} in (${list}))`;
}

/** `column` holds a municipality of one of these provinces. */
export function inProvinces(column: AnyColumn, provinceCodes: readonly string[]): SQL {
  return sql`${column} in (select ${municipalities.nis} from ${municipalities} where ${inArray(municipalities.provinceCode, [...provinceCodes])})`;
}
