import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode } from "./errors.js";

/** Answer with a GraphQL error body, for refusals that happen before Apollo sees the request. */
export function sendGraphQLError(
  res: Response,
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
): void {
  res
    .status(status)
    .set({ "Cache-Control": "no-store", ...headers })
    .json({ errors: [{ message, extensions: { code } }] });
}

/** Answer with a plain JSON error body (`{ error, message }`): the routes outside /graphql (feeds, bulk files, status). */
export function sendJsonError(res: Response, status: number, message: string, code: string, headers: Record<string, string> = {}): void {
  res
    .status(status)
    .set({ "Cache-Control": "no-store", ...headers })
    .json({ error: code.toLowerCase(), message });
}

/**
 * A JSON array of operations is a batch. Apollo refuses it too ("Operation batching disabled"),
 * but says neither why nor what to do; a batch would also slip past per-operation limits.
 */
export const refuseBatches: RequestHandler = (req, res, next) => {
  if (!Array.isArray(req.body)) return next();
  sendGraphQLError(
    res,
    400,
    "Batched requests (a JSON array of operations) are not accepted: send one operation per request.",
    ErrorCode.batchingNotSupported,
  );
};

/**
 * Errors of the body parser (malformed JSON, a body over the size limit, an unknown charset)
 * as GraphQL error bodies. Without this Express answers with an HTML page, and with a stack
 * trace unless NODE_ENV is production.
 */
export function graphqlBodyErrors(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) {
      logger.error({ err: error }, "unexpected error while serving /graphql");
      sendGraphQLError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
    } else if (status === 413) {
      sendGraphQLError(res, 413, "The request body is too large.", ErrorCode.payloadTooLarge);
    } else if (error.type === "entity.parse.failed") {
      sendGraphQLError(res, 400, "The request body is not valid JSON.", ErrorCode.badRequest);
    } else {
      sendGraphQLError(res, status, error.message ?? "Bad request", ErrorCode.badRequest);
    }
  };
}

/**
 * For Apollo's `formatError`. Apollo refuses some requests itself with a 4xx status but no code:
 * automatic persisted queries whose `sha256Hash` does not match the query ("provided sha does not
 * match query") or whose `version` is not 1 ("Unsupported persisted query version"). An error
 * without a code is labelled INTERNAL_SERVER_ERROR, and the server hides its message. A refusal
 * with a 4xx status is the client's mistake: `BAD_REQUEST`, with Apollo's message.
 */
export function presentProtocolError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code !== "INTERNAL_SERVER_ERROR") return formatted;
  // Duck-typed like presentLimitError: Apollo may hold another copy of graphql-js.
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null)?.extensions;
  const status = extensions?.http?.status;
  if (extensions?.code !== undefined || typeof status !== "number" || status < 400 || status > 499) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.badRequest } };
}
