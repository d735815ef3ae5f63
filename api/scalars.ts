import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { ErrorCode } from "./errors.js";
import { isCalendarDate } from "./key-formats.js";

function parseIsoDate(value: unknown): string {
  if (typeof value === "string" && isCalendarDate(value)) return value;
  throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, from 0001-01-01 to 9999-12-31, got ${JSON.stringify(value)}`, {
    extensions: { code: ErrorCode.badUserInput },
  });
}

function serialiseDateTime(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
  return date.toISOString();
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO 8601 timestamp such as 2024-03-12T09:00:00Z, got ${JSON.stringify(value)}`, {
      extensions: { code: ErrorCode.badUserInput },
    });
  }
  return date;
}

/** `Date`: a calendar date as `YYYY-MM-DD`; the database returns dates in that form already. */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "A calendar date without time zone, written `YYYY-MM-DD` (ISO 8601).",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseIsoDate(value)),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** `DateTime`: an ISO 8601 timestamp in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  description: "A moment in time, written as an ISO 8601 timestamp in UTC.",
  serialize: serialiseDateTime,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
