import { GraphQLError } from "graphql";

/** Stable `extensions.code` values of Vangnet's own errors. */
export const ErrorCode = {
  badUserInput: "BAD_USER_INPUT",
  invalidCursor: "INVALID_CURSOR",
  serviceUnavailable: "SERVICE_UNAVAILABLE",
  // Serving limits (api/limits/, api/rate-limit.ts): the request was refused before anything ran.
  queryTooComplex: "QUERY_TOO_COMPLEX",
  queryTooDeep: "QUERY_TOO_DEEP",
  tooManyAliases: "TOO_MANY_ALIASES",
  tooManyTokens: "TOO_MANY_TOKENS",
  tooManyDirectives: "TOO_MANY_DIRECTIVES",
  batchingNotSupported: "BATCHING_NOT_SUPPORTED",
  badRequest: "BAD_REQUEST",
  payloadTooLarge: "PAYLOAD_TOO_LARGE",
  rateLimited: "RATE_LIMITED",
  unauthenticated: "UNAUTHENTICATED",
  // Webhooks (api/resolvers/webhooks.ts): owned by an API key, invisible to every other.
  notFound: "NOT_FOUND",
  limitReached: "LIMIT_REACHED",
  // Subscriptions (api/subscriptions/): limits per connection and per key.
  tooManySubscriptions: "TOO_MANY_SUBSCRIPTIONS",
  subscriptionOnly: "SUBSCRIPTION_ONLY",
} as const;

/** An argument the caller got wrong; names the argument and what was expected. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}": ${message}`, {
    extensions: { code: ErrorCode.badUserInput, argument },
  });
}

export function invalidCursor(argument: string, cursor: string): GraphQLError {
  return new GraphQLError(
    `Argument "${argument}": ${JSON.stringify(cursor)} is not a cursor of this list; use a cursor returned by the same field`,
    { extensions: { code: ErrorCode.invalidCursor, argument } },
  );
}

/** Something the caller may only do with an API key (webhooks). */
export function apiKeyRequired(what: string): GraphQLError {
  return new GraphQLError(`${what} belong to an API key: send one as \`Authorization: Bearer <key>\` (vangnet keys create).`, {
    extensions: { code: ErrorCode.unauthenticated },
  });
}

/** An object that does not exist for this caller (another key's webhook looks the same as none). */
export function notFound(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}": ${message}`, { extensions: { code: ErrorCode.notFound, argument } });
}
