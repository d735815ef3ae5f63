import { and, asc, eq, inArray, notExists, type SQL, sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { documents } from "../tables/documents.js";
import { amountPeriods, amountUnits, measureAmounts, measureEvidence, measureQuantities, measures } from "../tables/measures.js";
import { municipalities } from "../tables/reference.js";
import { themes } from "../tables/themes.js";
import { type NullsLastOrder, nullsLastPage } from "./keyset.js";
import { inMunicipalitiesOrPredecessors, inProvinces } from "./municipalities.js";

export interface MeasureWrite {
  fingerprint: string;
  municipalityNis: string;
  themeId: number;
  action: string;
  summary: string;
  startsOn: string | null;
  endsOn: string | null;
  /** Who may use it (scrapers/normalise/conditions.ts). */
  incomeCeilingCents: bigint | null;
  statuses: string[];
  residenceRequired: boolean;
  announcedOn: string | null;
  rulesVersion: string;
  evidence: {
    spanStart: number;
    spanEnd: number;
    quote: string;
    confidence: number;
    amounts: { cents: bigint; maxCents: bigint | null; previousCents: bigint | null; period: string; per: string | null; text: string }[];
    quantities: { value: string; maxValue: string | null; previousValue: string | null; unit: string; per: string | null; text: string }[];
  }[];
}

/**
 * Remove what a document contributed to measures (its evidence and the figures read from it).
 * Returns the ids of the measures it touched; call {@link deleteMeasuresWithoutEvidence} with them
 * once the new evidence is in, so a measure that is read again keeps its id.
 */
export async function removeDocumentEvidence(tx: Transaction, documentId: number): Promise<number[]> {
  const evidence = await tx
    .select({ id: measureEvidence.id, measureId: measureEvidence.measureId })
    .from(measureEvidence)
    .where(eq(measureEvidence.documentId, documentId));
  if (evidence.length === 0) return [];
  const evidenceIds = evidence.map((e) => e.id);
  await tx.delete(measureAmounts).where(inArray(measureAmounts.evidenceId, evidenceIds));
  await tx.delete(measureQuantities).where(inArray(measureQuantities.evidenceId, evidenceIds));
  await tx.delete(measureEvidence).where(inArray(measureEvidence.id, evidenceIds));
  return [...new Set(evidence.map((e) => e.measureId))];
}

/** Delete those of the given measures that no longer have any evidence; returns them (id and municipality). */
export async function deleteMeasuresWithoutEvidence(tx: Transaction, touched: number[]): Promise<{ id: number; municipalityNis: string }[]> {
  if (touched.length === 0) return [];
  const orphans = await tx
    .delete(measures)
    .where(
      and(
        inArray(measures.id, touched),
        notExists(tx.select({ one: sql`1` }).from(measureEvidence).where(eq(measureEvidence.measureId, measures.id))),
      ),
    )
    .returning({ id: measures.id, municipalityNis: measures.municipalityNis });
  return orphans;
}

/**
 * Add a document's evidence to the measure with this fingerprint, creating the measure when it is
 * new. The earliest evidence decides `announcedOn`; the summary stays the first one written.
 */
export async function addMeasureEvidence(tx: Transaction, documentId: number, write: MeasureWrite, now: Date): Promise<{ id: number; created: boolean }> {
  const [existing] = await tx.select().from(measures).where(eq(measures.fingerprint, write.fingerprint));
  let id: number;
  if (existing) {
    id = existing.id;
    const announcedOn = [existing.announcedOn, write.announcedOn].filter((d): d is string => d !== null).sort()[0] ?? null;
    await tx
      .update(measures)
      .set({
        announcedOn,
        // The same code in a newer taxonomy version: the measure moves to that version's theme.
        themeId: write.themeId,
        startsOn: existing.startsOn ?? write.startsOn,
        endsOn: existing.endsOn ?? write.endsOn,
        // Each text adds the conditions it states; the first ceiling stated stays.
        incomeCeilingCents: existing.incomeCeilingCents ?? write.incomeCeilingCents,
        statuses: [...new Set([...existing.statuses, ...write.statuses])],
        residenceRequired: existing.residenceRequired || write.residenceRequired,
        rulesVersion: write.rulesVersion,
        updatedAt: now,
      })
      .where(eq(measures.id, id));
  } else {
    const { evidence: _evidence, ...fields } = write;
    const [row] = await tx.insert(measures).values({ ...fields, firstSeenAt: now, updatedAt: now }).returning({ id: measures.id });
    if (!row) throw new Error(`measure ${write.fingerprint}: insert returned no row`);
    id = row.id;
  }
  for (const piece of write.evidence) {
    const [evidence] = await tx
      .insert(measureEvidence)
      .values({ measureId: id, documentId, spanStart: piece.spanStart, spanEnd: piece.spanEnd, quote: piece.quote, confidence: piece.confidence })
      .onConflictDoNothing()
      .returning({ id: measureEvidence.id });
    if (!evidence) continue;
    if (piece.amounts.length > 0) await tx.insert(measureAmounts).values(piece.amounts.map((a) => ({ ...a, measureId: id, evidenceId: evidence.id })));
    if (piece.quantities.length > 0) await tx.insert(measureQuantities).values(piece.quantities.map((q) => ({ ...q, measureId: id, evidenceId: evidence.id })));
  }
  return { id, created: !existing };
}

export type MeasureRow = typeof measures.$inferSelect;

export interface MeasureFilter {
  municipalities?: string[];
  provinceCodes?: string[];
  themes?: string[];
  actions?: string[];
  from?: string;
  to?: string;
  minAmountCents?: bigint;
  maxAmountCents?: bigint;
  /** Only measures read with at least this confidence from a document still published. */
  minConfidence?: number;
}

/** Evidence in documents that are still published: a withdrawn document no longer supports anything. */
const publishedEvidence = sql`(select ${measureEvidence.id} from ${measureEvidence} join ${documents} on ${documents.id} = ${measureEvidence.documentId} where ${documents.status} = 'active')`;

/**
 * A measure counts while at least one document still published states it. One whose every piece
 * of evidence is in withdrawn documents stays stored (its id, and the withdrawn documents, still
 * answer) but is left out of lists, counts and statistics.
 */
const isStated = sql`exists (select 1 from ${measureEvidence} join ${documents} on ${documents.id} = ${measureEvidence.documentId} where ${measureEvidence.measureId} = ${measures.id} and ${documents.status} = 'active')`;

/** Amounts of this measure read from published documents, with a condition on them. */
const hasStatedAmount = (condition: SQL) =>
  sql`exists (select 1 from ${measureAmounts} where ${measureAmounts.measureId} = ${measures.id} and ${measureAmounts.evidenceId} in ${publishedEvidence} and ${condition})`;

function measureConditions(filter: MeasureFilter): SQL[] {
  const where: SQL[] = [isStated];
  if (filter.municipalities?.length) where.push(inMunicipalitiesOrPredecessors(measures.municipalityNis, filter.municipalities));
  if (filter.provinceCodes?.length) where.push(inProvinces(measures.municipalityNis, filter.provinceCodes));
  if (filter.themes?.length) where.push(sql`${measures.themeId} in (select ${themes.id} from ${themes} where ${inArray(themes.code, filter.themes)})`);
  if (filter.actions?.length) where.push(inArray(measures.action, filter.actions));
  if (filter.from) where.push(sql`${measures.announcedOn} >= ${filter.from}::date`);
  if (filter.to) where.push(sql`${measures.announcedOn} <= ${filter.to}::date`);
  if (filter.minAmountCents !== undefined) {
    where.push(hasStatedAmount(sql`coalesce(${measureAmounts.maxCents}, ${measureAmounts.cents}) >= ${filter.minAmountCents.toString()}::bigint`));
  }
  if (filter.minConfidence !== undefined) {
    where.push(
      sql`exists (select 1 from ${measureEvidence} where ${measureEvidence.measureId} = ${measures.id} and ${measureEvidence.id} in ${publishedEvidence} and ${measureEvidence.confidence} >= ${filter.minConfidence}::real)`,
    );
  }
  if (filter.maxAmountCents !== undefined) {
    where.push(hasStatedAmount(sql`${measureAmounts.cents} <= ${filter.maxAmountCents.toString()}::bigint`));
  }
  return where;
}

/** Keyset position of a measure: its announcement date (nulls last) and id, both descending. */
export interface MeasureKey {
  announcedOn: string | null;
  id: number;
}

/** One page of measures, announced newest first (undated last), keyset-paginated like documents (keyset.ts). */
export function listMeasures(db: Database, filter: MeasureFilter, options: { limit: number; after?: MeasureKey }): Promise<MeasureRow[]> {
  const where = measureConditions(filter);
  const order: NullsLastOrder = { column: measures.announcedOn, id: measures.id, direction: "desc", type: "date" };
  const after = options.after && { value: options.after.announcedOn, id: options.after.id };
  return nullsLastPage(order, options.limit, after, (part, orderBy, limit) =>
    db
      .select()
      .from(measures)
      .where(and(...where, part))
      .orderBy(...orderBy)
      .limit(limit),
  );
}

export async function countMeasures(db: Database, filter: MeasureFilter): Promise<number> {
  const where = measureConditions(filter);
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(measures).where(and(...where));
  return Number(row?.count ?? 0);
}

export function findMeasuresByIds(db: Database, ids: readonly number[]) {
  return db.select().from(measures).where(inArray(measures.id, [...ids]));
}

export function findAmountsOfMeasures(db: Database, ids: readonly number[]) {
  return db.select().from(measureAmounts).where(inArray(measureAmounts.measureId, [...ids])).orderBy(asc(measureAmounts.id));
}

export function findQuantitiesOfMeasures(db: Database, ids: readonly number[]) {
  return db.select().from(measureQuantities).where(inArray(measureQuantities.measureId, [...ids])).orderBy(asc(measureQuantities.id));
}

export function findEvidenceOfMeasures(db: Database, ids: readonly number[]) {
  return db.select().from(measureEvidence).where(inArray(measureEvidence.measureId, [...ids])).orderBy(asc(measureEvidence.id));
}

/** Measures each document is evidence of: `[documentId, measure]` pairs. */
export function findMeasuresOfDocuments(db: Database, documentIds: readonly number[]) {
  return db
    .selectDistinct({ documentId: measureEvidence.documentId, measure: measures })
    .from(measureEvidence)
    .innerJoin(measures, eq(measures.id, measureEvidence.measureId))
    .where(inArray(measureEvidence.documentId, [...documentIds]))
    .orderBy(asc(measureEvidence.documentId), asc(measures.id));
}

export type StatsDimension = "municipality" | "province" | "theme" | "year" | "action";

export type AmountPeriod = (typeof amountPeriods)[number];
export type AmountUnit = (typeof amountUnits)[number];

/** The amounts of one period and unit in a group: how many measures state one, and the sum in cents. */
export interface PeriodSum {
  period: AmountPeriod;
  /** Whom the amounts are for; null for amounts that do not say. */
  per: AmountUnit | null;
  count: number;
  cents: string;
}

export interface StatsRow {
  municipalityNis: string | null;
  province: string | null;
  themeId: number | null;
  year: number | null;
  action: string | null;
  count: number;
  countWithAmount: number;
  /** One entry per period and unit that occur in the group, in the order of `amountPeriods`, then of `amountUnits` (none first). */
  amounts: PeriodSum[];
}

/**
 * Counts of measures and sums of their amounts grouped by the given dimensions (at most `limit`
 * groups), with the sums split by period and unit: 1,8 miljoen euro per jaar, 150 euro per maand
 * and 95 euro per kind are three sums, never one. Each measure adds, per period and unit, the
 * largest amount it states in published documents (a range by its maximum), once however many
 * documents state it.
 */
export async function measureStats(db: Database, groupBy: StatsDimension[], filter: MeasureFilter, limit: number): Promise<StatsRow[]> {
  const where = measureConditions(filter);
  const dims: Record<StatsDimension, SQL> = {
    municipality: sql`${measures.municipalityNis}`,
    province: sql`(select ${municipalities.provinceCode} from ${municipalities} where ${municipalities.nis} = ${measures.municipalityNis})`,
    theme: sql`${measures.themeId}`,
    year: sql`extract(year from ${measures.announcedOn})::int`,
    action: sql`${measures.action}`,
  };
  const pick = (d: StatsDimension) => (groupBy.includes(d) ? dims[d] : sql`null`);
  // Per measure and period, the largest amount in published documents: one aggregate over all
  // amounts, hash-joined (a lateral subquery per measure took 1.7 s instead of 0.7 s on 40 000
  // measures with 80 000 amounts, half of it JIT compilation of its cost estimate).
  const largest = db
    .select({
      measureId: sql<number>`${measureAmounts.measureId}`.as("measure_id"),
      period: sql<AmountPeriod>`${measureAmounts.period}`.as("period"),
      per: sql<AmountUnit | null>`${measureAmounts.per}`.as("per"),
      cents: sql<string>`max(coalesce(${measureAmounts.maxCents}, ${measureAmounts.cents}))`.as("cents"),
    })
    .from(measureAmounts)
    .where(sql`${measureAmounts.evidenceId} in ${publishedEvidence}`)
    .groupBy(measureAmounts.measureId, measureAmounts.period, measureAmounts.per)
    .as("largest");
  // One filtered aggregate per period and unit that any amount has (a handful of the 90 possible).
  const combos = sortCombos(await db.selectDistinct({ period: measureAmounts.period, per: measureAmounts.per }).from(measureAmounts));
  const keyOf = (period: string, per: string | null) => (per === null ? period : `${period}/${per}`);
  const perPeriod = combos.length
    ? sql.join(
        combos.map(({ period, per }) => {
          const match = per === null ? sql`${largest.period} = ${period} and ${largest.per} is null` : sql`${largest.period} = ${period} and ${largest.per} = ${per}`;
          return sql`${keyOf(period, per)}::text, json_build_array(count(${largest.cents}) filter (where ${match}), (sum(${largest.cents}) filter (where ${match}))::text)`;
        }),
        sql`, `,
      )
    : sql``;
  const grouped = groupBy.map((d) => dims[d]);
  const rows = await db
    .select({
      municipalityNis: sql<string | null>`${pick("municipality")}`,
      province: sql<string | null>`${pick("province")}`,
      themeId: sql<number | null>`${pick("theme")}`,
      year: sql<number | null>`${pick("year")}`,
      action: sql<string | null>`${pick("action")}`,
      // A measure has a row per period it states an amount for: count measures, not rows.
      count: sql<number>`count(distinct ${measures.id})::int`,
      countWithAmount: sql<number>`(count(distinct ${measures.id}) filter (where ${largest.cents} is not null))::int`,
      periods: sql<string | Record<string, [number, string | null]>>`json_build_object(${perPeriod})`,
    })
    .from(measures)
    .leftJoin(largest, eq(largest.measureId, measures.id))
    .where(and(...where))
    .groupBy(...(grouped.length ? grouped : [sql`()`]))
    .orderBy(...(grouped.length ? grouped.map((g) => sql`${g} asc nulls last`) : [sql`1`]))
    .limit(limit);
  return rows.map(({ periods, ...r }) => {
    const sums = typeof periods === "string" ? (JSON.parse(periods) as Record<string, [number, string | null]>) : periods;
    return {
      ...r,
      themeId: r.themeId === null ? null : Number(r.themeId),
      year: r.year === null ? null : Number(r.year),
      count: Number(r.count),
      countWithAmount: Number(r.countWithAmount),
      amounts: combos.flatMap(({ period, per }) => {
        const [count, cents] = sums[keyOf(period, per)] ?? [0, null];
        return count > 0 && cents !== null ? [{ period, per, count: Number(count), cents }] : [];
      }),
    };
  });
}

/** Periods and units in the order of `amountPeriods`, then of `amountUnits` (none first). */
function sortCombos(rows: { period: string; per: string | null }[]): { period: AmountPeriod; per: AmountUnit | null }[] {
  const rank = (per: string | null) => (per === null ? -1 : amountUnits.indexOf(per as AmountUnit));
  return (rows as { period: AmountPeriod; per: AmountUnit | null }[]).sort(
    (a, b) => amountPeriods.indexOf(a.period) - amountPeriods.indexOf(b.period) || rank(a.per) - rank(b.per),
  );
}

/** The measures a document states, with where its first piece of evidence for each starts. */
export async function listDocumentMeasures(tx: Transaction, documentId: number): Promise<{ id: number; municipalityNis: string; themeId: number; action: string; spanStart: number }[]> {
  const rows = await tx
    .select({ id: measures.id, municipalityNis: measures.municipalityNis, themeId: measures.themeId, action: measures.action, spanStart: sql<number>`min(${measureEvidence.spanStart})::int` })
    .from(measureEvidence)
    .innerJoin(measures, eq(measures.id, measureEvidence.measureId))
    .where(eq(measureEvidence.documentId, documentId))
    .groupBy(measures.id)
    .orderBy(asc(measures.id));
  return rows.map((row) => ({ ...row, spanStart: Number(row.spanStart) }));
}

/** Those of the given measures that no document states any more (no evidence left). */
export async function findMeasuresWithoutEvidence(tx: Transaction, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: measures.id })
    .from(measures)
    .where(and(inArray(measures.id, [...ids]), notExists(tx.select({ one: sql`1` }).from(measureEvidence).where(eq(measureEvidence.measureId, measures.id)))))
    .orderBy(asc(measures.id));
  return rows.map((row) => row.id);
}

export async function measureFingerprintExists(tx: Transaction, fingerprint: string): Promise<boolean> {
  const [row] = await tx.select({ id: measures.id }).from(measures).where(eq(measures.fingerprint, fingerprint));
  return row !== undefined;
}

/**
 * Give a measure that lost all its evidence what a re-analysis now reads in its place (another
 * amount, another action): it keeps its id and first-seen time, so that it is the same measure changed.
 */
export async function rekeyMeasure(tx: Transaction, id: number, write: Omit<MeasureWrite, "evidence">, now: Date): Promise<void> {
  await tx
    .update(measures)
    .set({
      fingerprint: write.fingerprint,
      action: write.action,
      summary: write.summary,
      startsOn: write.startsOn,
      endsOn: write.endsOn,
      announcedOn: write.announcedOn,
      rulesVersion: write.rulesVersion,
      updatedAt: now,
    })
    .where(eq(measures.id, id));
}
