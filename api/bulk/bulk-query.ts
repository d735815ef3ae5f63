import { GraphQLError } from "graphql";
import type { BulkDataset } from "../../db/bulk/datasets.js";
import { type BulkFilter, unsupportedFilter } from "../../db/bulk/export-dataset.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import { documentKinds } from "../../schema/change-events.js";
import { checkNisCodes, checkProvinces, checkThemeCodes, enumToDb } from "../arguments.js";
import { listParameter, QueryParameterError } from "../query-parameters.js";

const PARAMETERS = ["municipality", "province", "theme", "kind", "since", "until"] as const;

function dayOf(query: Record<string, unknown>, name: string): string | undefined {
  const values = listParameter(query, name);
  if (values === undefined) return undefined;
  const [value] = values;
  if (values.length !== 1 || !value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new QueryParameterError(name, `one calendar day written YYYY-MM-DD, got ${JSON.stringify(values.join(","))}`);
  }
  return value;
}

/** Run a check of api/arguments.ts, turning its GraphQL error into a parameter error. */
function checked<T>(parameter: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof GraphQLError) throw new QueryParameterError(parameter, error.message.replace(/^Argument "[^"]*": /, ""));
    throw error;
  }
}

export interface BulkQuery {
  filter: BulkFilter;
  /** The filter in one canonical text: the same export has the same text, however it was written. */
  canonical: string;
}

/** Read and check the filter of `/bulk/{dataset}.{format}`; the same vocabulary as the GraphQL filters. */
export function readBulkQuery(query: Record<string, unknown>, dataset: BulkDataset, register: Pick<MunicipalityRegister, "get">): BulkQuery {
  const unknown = Object.keys(query).find((name) => !(PARAMETERS as readonly string[]).includes(name));
  if (unknown) throw new QueryParameterError(unknown, `unknown parameter; an export takes ${PARAMETERS.join(", ")}`);
  const kinds = listParameter(query, "kind")?.map((kind) => {
    const stored = enumToDb(kind);
    if (!(documentKinds as readonly string[]).includes(stored)) throw new QueryParameterError("kind", `unknown kind ${JSON.stringify(kind)}; expected one of ${documentKinds.join(", ")}`);
    return stored;
  });
  const filter: BulkFilter = {
    municipalities: checked("municipality", () => checkNisCodes("municipality", listParameter(query, "municipality"), register)),
    provinceCodes: checked("province", () => checkProvinces("province", listParameter(query, "province"))),
    themes: checked("theme", () => checkThemeCodes("theme", listParameter(query, "theme"))),
    kinds,
    since: dayOf(query, "since"),
    until: dayOf(query, "until"),
  };
  if (filter.since && filter.until && filter.since > filter.until) throw new QueryParameterError("until", `${filter.until} is before since ${filter.since}`);
  const cannot = unsupportedFilter(dataset, filter);
  if (cannot) throw new QueryParameterError(cannot, `the dataset ${dataset.name} cannot be filtered by ${cannot}`);
  const canonical = new URLSearchParams(
    Object.entries({ municipality: filter.municipalities, province: filter.provinceCodes, theme: filter.themes, kind: kinds, since: filter.since, until: filter.until })
      .filter(([, value]) => value !== undefined && (!Array.isArray(value) || value.length > 0))
      .map(([name, value]): [string, string] => [name, Array.isArray(value) ? [...value].sort().join(",") : String(value)]),
  ).toString();
  return { filter, canonical };
}
