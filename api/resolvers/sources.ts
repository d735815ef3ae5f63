import type { SourceRow } from "../../db/queries/sources.js";
import type { MunicipalityRow } from "../../db/queries/municipalities.js";
import { nextRunOf, type SourceHealth, sourceHealth } from "../../schema/source-health.js";
import { documentKindOfSource, type SourceDocumentKind } from "../../schema/source-kinds.js";
import { checkNisCodes, checkProvinces, dbToEnum, enumToDb } from "../arguments.js";
import type { ApiContext } from "../context.js";
import { toGlobalId } from "../global-id.js";
import { buildConnection, checkFirst, decodeCursor, encodeCursor } from "../pagination.js";

/** Worst first: the status a coverage row shows when several sources serve it. */
const severity: SourceHealth[] = ["failing", "stale", "never_run", "disabled", "ok"];

export interface CoverageRow {
  municipality: MunicipalityRow;
  kind: SourceDocumentKind;
  documentCount: number;
  latestDocumentAt: Date | null;
  lastSuccessAt: Date | null;
  status: SourceHealth;
  sourceCount: number;
}

/** Coverage of the given municipalities: one row per municipality and document kind. */
export async function coverageRows(ctx: ApiContext, municipalities: MunicipalityRow[]): Promise<CoverageRow[]> {
  const [totals, sources] = await Promise.all([ctx.loaders.documentTotals.load("all"), ctx.loaders.allSources.load("all")]);
  const now = ctx.clock();
  const rows: CoverageRow[] = [];
  for (const municipality of municipalities) {
    for (const kind of ["council_decision", "press_release"] as const) {
      // A municipality's documents include those of the municipalities that merged into it.
      const members = new Set([municipality.nis, ...ctx.municipalities.predecessorsOf(municipality.nis).map((m) => m.nis)]);
      const docs = totals.filter((t) => t.kind === kind && t.municipalityNis !== null && members.has(t.municipalityNis));
      const own = sources.filter((s) => s.municipalityNis === municipality.nis && documentKindOfSource(s.kind) === kind);
      const statuses = own.map((s) => sourceHealth(s, now));
      const latest = docs.map((d) => (d.latest ? new Date(d.latest) : null)).filter((d): d is Date => d !== null);
      const successes = own.map((s) => s.lastSuccessAt).filter((d): d is Date => d !== null);
      rows.push({
        municipality,
        kind,
        documentCount: docs.reduce((sum, d) => sum + Number(d.count), 0),
        latestDocumentAt: latest.length ? new Date(Math.max(...latest.map((d) => d.getTime()))) : null,
        lastSuccessAt: successes.length ? new Date(Math.max(...successes.map((d) => d.getTime()))) : null,
        status: statuses.length ? (severity.find((s) => statuses.includes(s)) ?? "ok") : "never_run",
        sourceCount: own.length,
      });
    }
  }
  return rows;
}

interface SourcesArgs {
  first: number;
  after?: string | null;
  status?: string[] | null;
  kinds?: string[] | null;
  municipalities?: string[] | null;
}

export const sourceResolvers = {
  Query: {
    sources: async (_: unknown, args: SourcesArgs, ctx: ApiContext) => {
      const first = checkFirst(args.first);
      const municipalities = checkNisCodes("municipalities", args.municipalities, ctx.municipalities);
      const after = args.after == null ? undefined : decodeCursor("source", args.after, (k) => k.length > 0);
      const statuses = args.status?.map(enumToDb);
      const kinds = args.kinds?.map(enumToDb);
      const now = ctx.clock();
      // Sources are few (hundreds) and their health is computed, so they are filtered in memory.
      const all = (await ctx.loaders.allSources.load("all")).filter(
        (s) =>
          (!statuses || statuses.includes(sourceHealth(s, now))) &&
          (!kinds || kinds.includes(s.kind)) &&
          (!municipalities || (s.municipalityNis !== null && municipalities.includes(s.municipalityNis))),
      );
      const rows = all.filter((s) => after === undefined || s.id > after).slice(0, first + 1);
      return buildConnection(rows, first, { cursorOf: (s) => encodeCursor("source", s.id), hasPrevious: after !== undefined, totalCount: async () => all.length });
    },
    coverage: async (_: unknown, args: { first: number; after?: string | null; municipalities?: string[] | null; provinces?: string[] | null }, ctx: ApiContext) => {
      const first = checkFirst(args.first);
      const nis = checkNisCodes("municipalities", args.municipalities, ctx.municipalities);
      const provinceCodes = checkProvinces("provinces", args.provinces);
      const after = args.after == null ? undefined : decodeCursor("coverage", args.after, (k) => /^\d{5}:(council_decision|press_release)$/.test(k));
      const chosen = ctx.municipalities.all().filter(
        (m) => (nis ? nis.includes(m.nis) : m.validTo === null) && (!provinceCodes || provinceCodes.includes(m.provinceCode)),
      );
      const rows = (await coverageRows(ctx, chosen)).sort((a, b) => a.municipality.nis.localeCompare(b.municipality.nis) || a.kind.localeCompare(b.kind));
      const key = (r: CoverageRow) => `${r.municipality.nis}:${r.kind}`;
      const page = rows.filter((r) => after === undefined || key(r) > after).slice(0, first + 1);
      return buildConnection(page, first, { cursorOf: (r) => encodeCursor("coverage", key(r)), hasPrevious: after !== undefined, totalCount: async () => rows.length });
    },
  },
  Source: {
    id: (row: SourceRow) => toGlobalId("Source", row.id),
    sourceId: (row: SourceRow) => row.id,
    kind: (row: SourceRow) => dbToEnum(row.kind),
    status: (row: SourceRow, _: unknown, ctx: ApiContext) => dbToEnum(sourceHealth(row, ctx.clock())),
    municipality: (row: SourceRow, _: unknown, { loaders }: ApiContext) => (row.municipalityNis ? loaders.municipalityByNis.load(row.municipalityNis) : null),
    newDocumentIntervalSeconds: (row: SourceRow) => (row.newDocumentGaps > 0 ? Math.round(row.newDocumentGapS ?? 0) : null),
    nextRunAt: (row: SourceRow) => (row.enabled ? nextRunOf(row.schedule, row.timezone) : null),
    documentCount: (row: SourceRow, _: unknown, { loaders }: ApiContext) => loaders.documentCountBySource.load(row.id),
    runs: (row: SourceRow, args: { first: number }, { loaders }: ApiContext) => {
      const first = checkFirst(args.first);
      if (first === 0) return [];
      return loaders.runsBySource.load(`${row.id}|${first}`);
    },
  },
  ScrapeRun: {
    id: (row: { id: number }) => toGlobalId("ScrapeRun", row.id),
  },
  Coverage: {
    kind: (row: CoverageRow) => dbToEnum(row.kind),
    status: (row: CoverageRow) => dbToEnum(row.status),
  },
  SourceConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
  CoverageConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
};
