import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseIsoDate(value: unknown): string {
  if (typeof value === "string" && ISO_DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return value;
  }
  throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

/** `Date`: a calendar date as `YYYY-MM-DD`; the database returns dates in that form already. */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "A calendar date without time zone, written `YYYY-MM-DD` (ISO 8601).",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseIsoDate(value)),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
