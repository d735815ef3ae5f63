import type { GraphQLFormattedError } from "graphql";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { ErrorCode } from "../errors.js";
import type { QueryLimits } from "../serving-options.js";

type LimitCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Armor says "Syntax Error: Query depth limit of 12 exceeded, found 40."; keep the numbers. */
const ARMOR_MESSAGE = /limit of (\d+) exceeded, found (-?\d+)/;

function reportAs(code: LimitCode, describe: (limit: number, found: number | undefined) => string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const match = ARMOR_MESSAGE.exec(error.message);
    const limit = Number(match?.[1]);
    const found = match ? Number(match[2]) : undefined;
    context?.reportError(new GraphQLError(describe(limit, found), { extensions: { code, limit, ...(found === undefined ? {} : { found }) } }));
  };
}

/**
 * Depth, alias and directive limits as validation rules (graphql-armor's), so they run once per
 * query text before anything executes. Each reports its own stable code; Apollo wraps validation
 * errors as GRAPHQL_VALIDATION_FAILED, and `presentLimitError` puts the code back.
 */
export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: {
      n: limits.maxDepth,
      // Introspection has its own depth rule in graphql-js (MaxIntrospectionDepthRule).
      ignoreIntrospection: true,
      // Depth of the response: a fragment spread is no level of its own.
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportAs(ErrorCode.queryTooDeep, (limit, found) => `Query is nested ${found ?? "too many"} levels deep; the limit is ${limit}. Ask for fewer nested levels or split the query.`)],
    },
    maxAliases: {
      n: limits.maxAliases,
      // Armor lets `__typename` aliases through; thousands of them are abuse all the same.
      allowList: [],
      propagateOnRejection: false,
      onReject: [reportAs(ErrorCode.tooManyAliases, (limit, found) => `Query uses ${found ?? "too many"} aliases; the limit is ${limit}.`)],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      propagateOnRejection: false,
      onReject: [reportAs(ErrorCode.tooManyDirectives, (limit, found) => `Query uses ${found ?? "too many"} directives; the limit is ${limit}.`)],
    },
  });
  return armor.protect().validationRules as ValidationRule[];
}

const LIMIT_CODES = new Set<string>([ErrorCode.queryTooDeep, ErrorCode.tooManyAliases, ErrorCode.tooManyDirectives]);
/** graphql-js's parser message when `maxTokens` is reached ("more that" is its spelling). */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/**
 * For Apollo's `formatError`: give a limit's rejection its own code. Validation errors come
 * wrapped (the original is `originalError`); the token limit is graphql-js's own parse error.
 */
export function presentLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Duck-typed: Apollo and this module may hold different copies of graphql-js (ESM and CJS).
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } } | null)?.originalError;
  if (original?.extensions && LIMIT_CODES.has(String(original.extensions.code))) {
    return { ...formatted, extensions: { ...formatted.extensions, ...original.extensions } };
  }
  const tokens = TOKEN_LIMIT_MESSAGE.exec(formatted.message);
  if (tokens && formatted.extensions?.code === "GRAPHQL_PARSE_FAILED") {
    return {
      message: `Query has more than ${tokens[1]} tokens (names, punctuation and values); the limit is ${tokens[1]}. Send a smaller query.`,
      extensions: { code: ErrorCode.tooManyTokens, limit: Number(tokens[1]) },
    };
  }
  return formatted;
}
