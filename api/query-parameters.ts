/**
 * Query parameters of the routes outside GraphQL (feeds, bulk files): the values of a parameter,
 * repeated and/or comma-separated, and the error that names the parameter a caller got wrong
 * (answered as 400).
 */
export class QueryParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`Parameter "${parameter}": ${message}`);
    this.name = "QueryParameterError";
  }
}

export type RawQuery = Record<string, unknown>;

/** The values given for `name`, as written; undefined when it is absent. */
export function parameterValues(query: RawQuery, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  // Express's simple query parser gives strings and arrays of strings; anything else is not ours.
  if (!list.every((v): v is string => typeof v === "string")) throw new QueryParameterError(name, "give plain values (name=value), not nested ones");
  return list;
}

/** Values of a list parameter: repeated and/or comma-separated, trimmed, each once, sorted. */
export function listParameter(query: RawQuery, name: string): string[] | undefined {
  const given = parameterValues(query, name);
  if (given === undefined) return undefined;
  const values = [...new Set(given.flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== ""))].sort();
  if (values.length === 0) throw new QueryParameterError(name, "has no value; leave it out to take every value");
  return values;
}
