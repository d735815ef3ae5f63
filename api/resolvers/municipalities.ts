import type { MunicipalityRow } from "../../db/queries/municipalities.js";
import { countMunicipalities, listMunicipalities } from "../../db/queries/municipalities.js";
import { findProvince, provinces } from "../../db/reference/provinces.js";
import type { ApiContext } from "../context.js";
import { toGlobalId } from "../global-id.js";
import { type DocumentFilterArgs, documentConnection, readDocumentFilter } from "./documents.js";
import { measureConnection } from "./measures.js";
import { coverageRows } from "./sources.js";
import { badUserInput } from "../errors.js";
import { buildConnection, checkFirst, decodeCursor, encodeCursor } from "../pagination.js";

const NIS = /^[0-9]{5}$/;
const CURSOR_LIST = "municipality";

interface MunicipalitiesArgs {
  first: number;
  after?: string | null;
  province?: string | null;
  includeMerged?: boolean | null;
}

function provinceCodeArgument(province: string | null | undefined): string | undefined {
  if (province == null) return undefined;
  const match = findProvince(province);
  if (!match) {
    const known = provinces.map((p) => `${p.code} (${p.name})`).join(", ");
    throw badUserInput("province", `unknown province ${JSON.stringify(province)}; expected one of ${known}`);
  }
  return match.code;
}

export const municipalityResolvers = {
  Query: {
    municipalities: (_: unknown, args: MunicipalitiesArgs, { db }: ApiContext) => {
      const first = checkFirst(args.first);
      const afterNis = args.after == null ? undefined : decodeCursor(CURSOR_LIST, args.after, (key) => NIS.test(key));
      const filter = { provinceCode: provinceCodeArgument(args.province), includeMerged: args.includeMerged ?? false };
      return listMunicipalities(db, filter, { limit: first + 1, afterNis }).then((rows) =>
        buildConnection(rows, first, {
          cursorOf: (row) => encodeCursor(CURSOR_LIST, row.nis),
          hasPrevious: afterNis !== undefined,
          totalCount: () => countMunicipalities(db, filter),
        }),
      );
    },
    municipality: (_: unknown, args: { nis: string }, { loaders }: ApiContext) => {
      if (!NIS.test(args.nis)) throw badUserInput("nis", `a NIS code has five digits, got ${JSON.stringify(args.nis)}`);
      return loaders.municipalityByNis.load(args.nis);
    },
  },
  Municipality: {
    id: (row: MunicipalityRow) => toGlobalId("Municipality", row.nis),
    documents: async (row: MunicipalityRow, args: { first: number; after?: string | null; filter?: DocumentFilterArgs | null }, ctx: ApiContext) => {
      const filter = readDocumentFilter({ ...args.filter, municipalities: null, provinces: null }, ctx.municipalities);
      return documentConnection(ctx, args, { ...filter, municipalities: [row.nis] });
    },
    measures: (row: MunicipalityRow, args: { first: number; after?: string | null }, ctx: ApiContext) => measureConnection(ctx, args, { municipalities: [row.nis] }),
    sources: (row: MunicipalityRow, _: unknown, { loaders }: ApiContext) => loaders.sourcesByMunicipality.load(row.nis),
    coverage: (row: MunicipalityRow, _: unknown, ctx: ApiContext) => coverageRows(ctx, [row]),
    province: (row: MunicipalityRow) => findProvince(row.provinceCode)?.name,
    provinceCode: (row: MunicipalityRow) => row.provinceCode,
    successor: (row: MunicipalityRow, _: unknown, { loaders }: ApiContext) =>
      row.successorNis ? loaders.municipalityByNis.load(row.successorNis) : null,
    predecessors: (row: MunicipalityRow, _: unknown, { loaders }: ApiContext) =>
      loaders.predecessorsByNis.load(row.nis),
  },
  MunicipalityConnection: {
    totalCount: (connection: { totalCount: () => Promise<number> }) => connection.totalCount(),
  },
};
