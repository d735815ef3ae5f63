import { listThemes } from "../../db/queries/document-themes.js";
import { countExchanges, type ExchangeRow, listExchanges } from "../../db/queries/exchanges.js";
import { countMeasures, listMeasures, type MeasureFilter, type MeasureRow, measureStats, type StatsDimension } from "../../db/queries/measures.js";
import { currentTaxonomy, taxonomies } from "../../db/reference/taxonomies.js";
import { checkDateRange, checkNisCodes, checkProvinces, checkThemeCodes, dbToEnum, enumToDb } from "../arguments.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import type { ApiContext } from "../context.js";
import { badUserInput } from "../errors.js";
import { toGlobalId } from "../global-id.js";
import { isCalendarDate, isDatabaseId } from "../key-formats.js";
import { buildConnection, checkFirst, decodeCursor, encodeCursor } from "../pagination.js";

interface MeasureFilterArgs {
  municipalities?: string[] | null;
  provinces?: string[] | null;
  themes?: string[] | null;
  actions?: string[] | null;
  from?: string | null;
  to?: string | null;
  minAmount?: number | null;
  maxAmount?: number | null;
  minConfidence?: number | null;
}

const MAX_STATS_GROUPS = 1000;
const MAX_EURO = 1e13;

function euroToCents(argument: string, value: number | null | undefined): bigint | undefined {
  if (value == null) return undefined;
  if (!Number.isFinite(value) || value < 0 || value > MAX_EURO) throw badUserInput(argument, `must be an amount in euro from 0 to ${MAX_EURO}, got ${value}`);
  return BigInt(Math.round(value * 100));
}

/** The filter argument checked (NIS codes against `register`) and translated for the query module. */
export function readMeasureFilter(args: MeasureFilterArgs | null | undefined, register: MunicipalityRegister): MeasureFilter {
  const f = args ?? {};
  checkDateRange(f.from, f.to);
  const minAmountCents = euroToCents("filter.minAmount", f.minAmount);
  const maxAmountCents = euroToCents("filter.maxAmount", f.maxAmount);
  if (minAmountCents !== undefined && maxAmountCents !== undefined && minAmountCents > maxAmountCents) {
    throw badUserInput("filter.maxAmount", `must not be below filter.minAmount (${f.minAmount}), got ${f.maxAmount}`);
  }
  if (f.minConfidence !== undefined && f.minConfidence !== null && !(f.minConfidence >= 0 && f.minConfidence <= 1)) {
    throw badUserInput("filter.minConfidence", `must be between 0 and 1, got ${f.minConfidence}`);
  }
  return {
    municipalities: checkNisCodes("filter.municipalities", f.municipalities, register),
    provinceCodes: checkProvinces("filter.provinces", f.provinces),
    themes: checkThemeCodes("filter.themes", f.themes),
    actions: f.actions?.map(enumToDb),
    from: f.from ?? undefined,
    to: f.to ?? undefined,
    minAmountCents,
    maxAmountCents,
    minConfidence: f.minConfidence ?? undefined,
  };
}

/** A key `<announced on or nothing>|<id>`, as the connection writes it. */
function isMeasureKey(key: string): boolean {
  const [announcedOn = "", id = "", ...rest] = key.split("|");
  return rest.length === 0 && (announcedOn === "" || isCalendarDate(announcedOn)) && isDatabaseId(id);
}

export async function measureConnection(ctx: ApiContext, args: { first: number; after?: string | null }, filter: MeasureFilter) {
  const first = checkFirst(args.first);
  const after =
    args.after == null
      ? undefined
      : (() => {
          const [announcedOn, id] = decodeCursor("measure", args.after, isMeasureKey).split("|");
          return { announcedOn: announcedOn || null, id: Number(id) };
        })();
  const rows = await listMeasures(ctx.db, filter, { limit: first + 1, after });
  return buildConnection(rows, first, {
    cursorOf: (row) => encodeCursor("measure", `${row.announcedOn ?? ""}|${row.id}`),
    hasPrevious: after !== undefined,
    totalCount: () => countMeasures(ctx.db, filter),
  });
}

const cents = (value: bigint | string | null) => (value === null ? null : Number(value) / 100);
const numeric = (value: string | null) => (value === null ? null : Number(value));

export const measureResolvers = {
  Query: {
    measures: async (_: unknown, args: { first: number; after?: string | null; filter?: MeasureFilterArgs | null }, ctx: ApiContext) =>
      measureConnection(ctx, args, readMeasureFilter(args.filter, ctx.municipalities)),
    measureStats: async (_: unknown, args: { groupBy: string[]; filter?: MeasureFilterArgs | null }, ctx: ApiContext) => {
      const groupBy = [...new Set(args.groupBy.map((g) => enumToDb(g) as StatsDimension))];
      const rows = await measureStats(ctx.db, groupBy, readMeasureFilter(args.filter, ctx.municipalities), MAX_STATS_GROUPS);
      return rows.map((r) => ({ ...r, amounts: r.amounts.map((a) => ({ period: dbToEnum(a.period), per: a.per === null ? null : dbToEnum(a.per), count: a.count, sum: Number(a.cents) / 100 })) }));
    },
    exchanges: async (_: unknown, args: { first: number; after?: string | null; municipalities?: string[] | null; programme?: string | null }, ctx: ApiContext) => {
      const first = checkFirst(args.first);
      const filter = { municipalities: checkNisCodes("municipalities", args.municipalities, ctx.municipalities), programme: args.programme ?? undefined };
      const afterId = args.after == null ? undefined : Number(decodeCursor("exchange", args.after, isDatabaseId));
      const rows = await listExchanges(ctx.db, filter, { limit: first + 1, afterId });
      return buildConnection(rows, first, {
        cursorOf: (row) => encodeCursor("exchange", String(row.id)),
        hasPrevious: afterId !== undefined,
        totalCount: () => countExchanges(ctx.db, filter),
      });
    },
    themes: (_: unknown, args: { version?: number | null }, ctx: ApiContext) => {
      const version = args.version ?? currentTaxonomy.version;
      if (!taxonomies.some((taxonomy) => taxonomy.version === version)) {
        throw badUserInput("version", `must be one of ${taxonomies.map((taxonomy) => taxonomy.version).join(", ")}, got ${version}`);
      }
      return listThemes(ctx.db, version);
    },
  },
  Measure: {
    id: (row: MeasureRow) => toGlobalId("Measure", row.id),
    municipality: (row: MeasureRow, _: unknown, { loaders }: ApiContext) => loaders.municipalityByNis.load(row.municipalityNis),
    theme: (row: MeasureRow, _: unknown, { loaders }: ApiContext) => loaders.themeById.load(row.themeId),
    action: (row: MeasureRow) => dbToEnum(row.action),
    amounts: async (row: MeasureRow, _: unknown, { loaders }: ApiContext) =>
      (await loaders.amountsByMeasure.load(row.id)).map((a) => ({
        value: cents(a.maxCents ?? a.cents),
        currency: a.currency,
        min: a.maxCents !== null ? cents(a.cents) : null,
        previous: cents(a.previousCents),
        period: dbToEnum(a.period),
        per: a.per === null ? null : dbToEnum(a.per),
        text: a.text,
      })),
    quantities: async (row: MeasureRow, _: unknown, { loaders }: ApiContext) =>
      (await loaders.quantitiesByMeasure.load(row.id)).map((q) => ({ value: Number(q.value), unit: q.unit, per: q.per, previous: numeric(q.previousValue), max: numeric(q.maxValue), text: q.text })),
    conditions: (row: MeasureRow) => ({
      incomeCeiling: row.incomeCeilingCents === null ? null : Number(row.incomeCeilingCents) / 100,
      statuses: row.statuses.map(dbToEnum),
      residenceRequired: row.residenceRequired,
    }),
    confidence: async (row: MeasureRow, _: unknown, { loaders }: ApiContext) => {
      const evidence = await loaders.evidenceByMeasure.load(row.id);
      const documents = await Promise.all(evidence.map((e) => loaders.documentById.load(e.documentId)));
      // The most confident reading in a document still published; a measure whose every document was withdrawn keeps its last.
      const published = evidence.filter((_, i) => documents[i]?.status === "active");
      return Math.max(0, ...(published.length > 0 ? published : evidence).map((e) => e.confidence));
    },
    evidence: async (row: MeasureRow, _: unknown, { loaders }: ApiContext) =>
      Promise.all(
        (await loaders.evidenceByMeasure.load(row.id)).map(async (e) => ({
          document: await loaders.documentById.load(e.documentId),
          span: { field: "text", start: e.spanStart, end: e.spanEnd, quote: e.quote },
          confidence: e.confidence,
        })),
      ),
  },
  MeasureStatsGroup: {
    municipality: (row: { municipalityNis: string | null }, _: unknown, { loaders }: ApiContext) => (row.municipalityNis ? loaders.municipalityByNis.load(row.municipalityNis) : null),
    theme: (row: { themeId: number | null }, _: unknown, { loaders }: ApiContext) => (row.themeId ? loaders.themeById.load(row.themeId) : null),
    action: (row: { action: string | null }) => (row.action ? dbToEnum(row.action) : null),
  },
  Theme: {
    id: (row: { code: string }) => toGlobalId("Theme", row.code),
    description: (row: { descriptionEn: string }) => row.descriptionEn,
    documentCount: (row: { id: number }, _: unknown, { loaders }: ApiContext) => loaders.documentCountByTheme.load(row.id),
  },
  Exchange: {
    id: (row: ExchangeRow) => toGlobalId("Exchange", row.id),
    municipalities: (row: ExchangeRow, _: unknown, { loaders }: ApiContext) =>
      Promise.all([loaders.municipalityByNis.load(row.municipalityANis), loaders.municipalityByNis.load(row.municipalityBNis)]),
    subsidy: (row: ExchangeRow) => cents(row.subsidyCents),
    document: (row: ExchangeRow, _: unknown, { loaders }: ApiContext) => loaders.documentById.load(row.documentId),
    span: async (row: ExchangeRow, _: unknown, { loaders }: ApiContext) => {
      const doc = await loaders.documentById.load(row.documentId);
      return { field: "text", start: row.spanStart, end: row.spanEnd, quote: doc?.text.slice(row.spanStart, row.spanEnd) ?? "" };
    },
  },
  MeasureConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
  ExchangeConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
};
