import { storableText, storableValue } from "../schema/storable-text.js";

/**
 * A JSON text with escapes that `jsonb` refuses: `\u0000`, or an unpaired surrogate, which
 * `JSON.stringify` writes as an escape. Only such texts are re-read as JSON, so that the rare
 * plain text that contains a literal "\u0000" stays as it is.
 */
const troublesomeJsonEscape = /\\u0000|\\ud[89a-f][0-9a-f]{2}/i;

function storableJsonText(text: string): string {
  if (!/^\s*[[{"]/.test(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(storableValue(parsed));
}

/**
 * A query parameter as PostgreSQL accepts it in a `text` or `jsonb` column: NULs removed, unpaired
 * surrogates replaced, and the same for the strings inside a JSON text (drizzle sends `jsonb`
 * values as JSON text). Numbers, dates and buffers pass unchanged.
 */
export function storableParam(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(storableParam);
  if (typeof value !== "string") return value;
  const text = storableText(value);
  return troublesomeJsonEscape.test(text) ? storableJsonText(text) : text;
}

interface ClientShape {
  /** Methods that take `(query, params, …)`. */
  queryMethods: readonly string[];
  /** Methods that take a callback receiving a client of the same shape (transactions, savepoints). */
  scopeMethods: readonly string[];
}

/**
 * The driver client with every query's parameters made storable: the one place where all SQL
 * parameters pass, whichever table or query module they come from. Other properties and methods
 * are the client's own.
 */
export function withStorableParams<T extends object>(client: T, shape: ClientShape): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function" || typeof property !== "string") return value;
      if (shape.queryMethods.includes(property)) {
        return (query: unknown, params: unknown, ...rest: unknown[]) =>
          value.call(target, query, Array.isArray(params) ? params.map(storableParam) : params, ...rest);
      }
      if (shape.scopeMethods.includes(property)) {
        return (...args: unknown[]) =>
          value.apply(
            target,
            args.map((arg) => (typeof arg === "function" ? (scoped: object) => arg(withStorableParams(scoped, shape)) : arg)),
          );
      }
      return value.bind(target);
    },
  });
}

/** The postgres.js client: `unsafe(query, params)`; `begin` and `savepoint` scope a transaction. */
export const postgresClientShape: ClientShape = { queryMethods: ["unsafe"], scopeMethods: ["begin", "savepoint"] };
/** PGlite: `query(query, params)`; `transaction` scopes one. */
export const pgliteClientShape: ClientShape = { queryMethods: ["query"], scopeMethods: ["transaction"] };
