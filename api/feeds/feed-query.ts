import { GraphQLError } from "graphql";
import type { ChangeFilter } from "../../db/queries/change-log.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import { type ChangeFilterInput, readChangeFilter } from "../change-filter.js";
import { listParameter, parameterValues, QueryParameterError, type RawQuery } from "../query-parameters.js";

/**
 * A feed's query string: the `ChangeFilter` of the `changes` query under singular names
 * (`?municipality=44021&theme=housing`), each repeatable and comma-separated, plus `limit` and
 * `before`. The filter is checked by `readChangeFilter`, the one reader every channel uses, so a
 * feed and `changes(filter:)` answer the same for the same filter.
 */

/** Query parameter → field of `ChangeFilterInput`. */
export const feedFilterParameters = {
  municipality: "municipalities",
  province: "provinces",
  theme: "themes",
  kind: "kinds",
  event: "events",
  entityType: "entityTypes",
  action: "actions",
  minConfidence: "minConfidence",
  search: "search",
} as const satisfies Record<string, keyof ChangeFilterInput>;

export type FeedFilterParameter = keyof typeof feedFilterParameters;

export const DEFAULT_FEED_LIMIT = 50;
export const MAX_FEED_LIMIT = 200;

const pagingParameters = ["limit", "before"] as const;
const knownParameters = [...Object.keys(feedFilterParameters), ...pagingParameters];

export interface FeedQuery {
  /** The checked filter, for the change log's queries. */
  filter: ChangeFilter;
  /** The filter's parameters as given, normalised (fixed order, values trimmed, each once, sorted): links keep them. */
  filterParameters: [FeedFilterParameter, string][];
  limit: number;
  /** Only entries with a lower sequence number: the older page. */
  before: number | undefined;
  /** The whole query in one canonical text (filter, limit, before): the same feed has the same text, however it was written. */
  canonical: string;
}

function singleValue(query: RawQuery, name: string): string | undefined {
  const values = parameterValues(query, name);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw new QueryParameterError(name, `give it once, got ${values.length} values`);
  return values[0];
}

function readPositiveInteger(name: string, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new QueryParameterError(name, `a whole number from 1 to ${max}, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** The `name` of a parameter behind an error `readChangeFilter` raised for `query.<field>`. */
function parameterOfArgument(argument: unknown): FeedFilterParameter | undefined {
  const field = typeof argument === "string" ? argument.replace(/^query\./, "") : undefined;
  return (Object.keys(feedFilterParameters) as FeedFilterParameter[]).find((name) => feedFilterParameters[name] === field);
}

/** Read and check a feed's query string; throws QueryParameterError naming the first parameter that is wrong. */
export function readFeedQuery(query: RawQuery, register: Pick<MunicipalityRegister, "get">): FeedQuery {
  const unknown = Object.keys(query).filter((name) => !knownParameters.includes(name));
  if (unknown.length > 0) throw new QueryParameterError(unknown[0] as string, `unknown parameter; a feed takes ${knownParameters.join(", ")}`);

  const filterParameters: [FeedFilterParameter, string][] = [];
  const input: ChangeFilterInput = {};
  for (const name of Object.keys(feedFilterParameters) as FeedFilterParameter[]) {
    if (name === "minConfidence") {
      const text = singleValue(query, name);
      if (text === undefined) continue;
      // Checked as a number here, and for its range by readChangeFilter like every channel.
      if (!/^\d+(?:\.\d+)?$/.test(text.trim())) throw new QueryParameterError(name, `a number between 0 and 1, got ${JSON.stringify(text)}`);
      input.minConfidence = Number(text);
      filterParameters.push([name, String(Number(text))]);
      continue;
    }
    if (name === "search") {
      const search = singleValue(query, name);
      if (search === undefined) continue;
      if (search.trim() === "") throw new QueryParameterError(name, "has no value; leave it out to take every value");
      input.search = search;
      filterParameters.push([name, search.trim()]);
      continue;
    }
    const values = listParameter(query, name);
    if (values === undefined) continue;
    input[feedFilterParameters[name]] = values;
    filterParameters.push([name, values.join(",")]);
  }

  let filter: ChangeFilter;
  try {
    filter = readChangeFilter(input, register, "query");
  } catch (error) {
    const parameter = error instanceof GraphQLError ? parameterOfArgument(error.extensions.argument) : undefined;
    if (!parameter) throw error;
    throw new QueryParameterError(parameter, error instanceof Error ? error.message.replace(/^Argument "[^"]*": /, "") : String(error));
  }

  const limitText = singleValue(query, "limit");
  const beforeText = singleValue(query, "before");
  const limit = limitText === undefined ? DEFAULT_FEED_LIMIT : readPositiveInteger("limit", limitText, MAX_FEED_LIMIT);
  const before = beforeText === undefined ? undefined : readPositiveInteger("before", beforeText, Number.MAX_SAFE_INTEGER);
  const paging: [string, string][] = before === undefined ? [["limit", String(limit)]] : [["limit", String(limit)], ["before", String(before)]];
  const canonical = new URLSearchParams([...filterParameters, ...paging]).toString();
  return { filter, filterParameters, limit, before, canonical };
}

/** A feed's query string for the same filter, with other paging. */
export function feedQueryString(filterParameters: readonly [string, string][], paging: { limit?: number; before?: number } = {}): string {
  const params = new URLSearchParams(filterParameters as [string, string][]);
  if (paging.limit !== undefined && paging.limit !== DEFAULT_FEED_LIMIT) params.set("limit", String(paging.limit));
  if (paging.before !== undefined) params.set("before", String(paging.before));
  const text = params.toString();
  return text ? `?${text}` : "";
}
