import { z } from "zod";
import { API_KEY_TIERS } from "../../db/queries/api-keys.js";

/**
 * What travels over the admin channel: one request per connection, a line of JSON naming one of
 * the three key actions, and one line of JSON back. Nothing else can be asked (no SQL, no other
 * table), so the channel gives a local caller no more power than `vangnet keys` has.
 */

/** Longest request the channel reads; a key request is a few hundred bytes. */
export const MAX_REQUEST_BYTES = 16 * 1024;

const requestSchemas = {
  create: z.strictObject({
    action: z.literal("create"),
    name: z.string({ error: "must be a text" }).trim().min(1, { error: "must not be empty" }),
    tier: z.enum(API_KEY_TIERS, { error: `must be ${API_KEY_TIERS.join(" or ")}` }).default("standard"),
    contact: z.string({ error: "must be a text or null" }).nullable().default(null),
  }),
  list: z.strictObject({ action: z.literal("list") }),
  revoke: z.strictObject({
    action: z.literal("revoke"),
    prefix: z.string({ error: "must be a text" }).trim().min(1, { error: "must not be empty" }),
  }),
};
const ACTIONS = Object.keys(requestSchemas) as (keyof typeof requestSchemas)[];

export type KeyRequest = { [A in keyof typeof requestSchemas]: z.output<(typeof requestSchemas)[A]> }[keyof typeof requestSchemas];

/** A key as `vangnet keys` shows it: times as ISO 8601 text, never the secret or its hash. */
export const keyRecordSchema = z.strictObject({
  prefix: z.string(),
  name: z.string(),
  tier: z.enum(API_KEY_TIERS),
  contact: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type KeyRecord = z.output<typeof keyRecordSchema>;

export const keyResultSchema = z.discriminatedUnion("action", [
  /** `secret` is the whole key, shown once: only its hash is stored. */
  z.strictObject({ action: z.literal("create"), secret: z.string(), key: keyRecordSchema }),
  z.strictObject({ action: z.literal("list"), keys: z.array(keyRecordSchema) }),
  /** `prefix` as it was looked up (with `vn_`); `key` is null when no key has it. */
  z.strictObject({ action: z.literal("revoke"), prefix: z.string(), key: keyRecordSchema.nullable() }),
]);
export type KeyResult = z.output<typeof keyResultSchema>;

export const keyAnswerSchema = z.discriminatedUnion("ok", [
  z.strictObject({ ok: z.literal(true), result: keyResultSchema }),
  z.strictObject({ ok: z.literal(false), error: z.string() }),
]);
export type KeyAnswer = z.output<typeof keyAnswerSchema>;

/** A request that cannot be performed as sent; the message says what was wrong and where. */
export class KeyRequestError extends Error {
  override name = "KeyRequestError";
}

/** Read one request line, or throw a KeyRequestError that names the field and what it held. */
export function parseKeyRequest(line: string): KeyRequest {
  if (!line.trim()) throw new KeyRequestError("the request is empty: expected one line of JSON such as {\"action\":\"list\"}");
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new KeyRequestError(`the request is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new KeyRequestError(`the request must be a JSON object, got ${describeJson(value)}`);
  }
  const action = (value as { action?: unknown }).action;
  if (!ACTIONS.includes(action as never)) {
    throw new KeyRequestError(`"action" must be create, list or revoke, got ${action === undefined ? "nothing" : JSON.stringify(action)}`);
  }
  const parsed = requestSchemas[action as keyof typeof requestSchemas].safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) =>
    issue.code === "unrecognized_keys"
      ? `unexpected ${issue.keys.length === 1 ? "field" : "fields"} ${issue.keys.map((key) => `"${key}"`).join(", ")}`
      : `"${issue.path.join(".")}" ${issue.message}`,
  );
  throw new KeyRequestError(`${action} request: ${problems.join("; ")}`);
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
