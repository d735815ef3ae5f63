import { GraphQLError } from "graphql";
import type { BulkDataset } from "../../db/bulk/datasets.js";
import { type BulkFilter, unsupportedFilter } from "../../db/bulk/export-dataset.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import { documentKinds } from "../../schema/change-events.js";
import { checkNisCodes, checkProvinces, checkThemeCodes, enumToDb } from "../arguments.js";

/** A query parameter of a bulk export the caller got wrong: 400 naming it. */
export class BulkParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`Parameter "${parameter}": ${message}`);
    this.name = "BulkParameterError";
  }
}

const PARAMETERS = ["municipality", "province", "theme", "kind", "since", "until"] as const;

/** Values of a parameter: repeated and/or comma-separated, trimmed, each once, sorted. */
function listOf(query: Record<string, unknown>, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const given = Array.isArray(raw) ? raw : [raw];
  if (!given.every((value): value is string => typeof value === "string")) throw new BulkParameterError(name, "give plain values (name=value)");
  const values = [...new Set(given.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean))].sort();
  if (values.length === 0) throw new BulkParameterError(name, "has no value; leave it out to take every value");
  return values;
}

function dayOf(query: Record<string, unknown>, name: string): string | undefined {
  const values = listOf(query, name);
  if (values === undefined) return undefined;
  const [value] = values;
  if (values.length !== 1 || !value || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new BulkParameterError(name, `one calendar day written YYYY-MM-DD, got ${JSON.stringify(values.join(","))}`);
  }
  return value;
}

/** Run a check of api/arguments.ts, turning its GraphQL error into a parameter error. */
function checked<T>(parameter: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof GraphQLError) throw new BulkParameterError(parameter, error.message.replace(/^Argument "[^"]*": /, ""));
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
  if (unknown) throw new BulkParameterError(unknown, `unknown parameter; an export takes ${PARAMETERS.join(", ")}`);
  const kinds = listOf(query, "kind")?.map((kind) => {
    const stored = enumToDb(kind);
    if (!(documentKinds as readonly string[]).includes(stored)) throw new BulkParameterError("kind", `unknown kind ${JSON.stringify(kind)}; expected one of ${documentKinds.join(", ")}`);
    return stored;
  });
  const filter: BulkFilter = {
    municipalities: checked("municipality", () => checkNisCodes("municipality", listOf(query, "municipality"), register)),
    provinceCodes: checked("province", () => checkProvinces("province", listOf(query, "province"))),
    themes: checked("theme", () => checkThemeCodes("theme", listOf(query, "theme"))),
    kinds,
    since: dayOf(query, "since"),
    until: dayOf(query, "until"),
  };
  if (filter.since && filter.until && filter.since > filter.until) throw new BulkParameterError("until", `${filter.until} is before since ${filter.since}`);
  const cannot = unsupportedFilter(dataset, filter);
  if (cannot) throw new BulkParameterError(cannot, `the dataset ${dataset.name} cannot be filtered by ${cannot}`);
  const canonical = new URLSearchParams(
    Object.entries({ municipality: filter.municipalities, province: filter.provinceCodes, theme: filter.themes, kind: kinds, since: filter.since, until: filter.until })
      .filter(([, value]) => value !== undefined && (!Array.isArray(value) || value.length > 0))
      .map(([name, value]): [string, string] => [name, Array.isArray(value) ? [...value].sort().join(",") : String(value)]),
  ).toString();
  return { filter, canonical };
}
