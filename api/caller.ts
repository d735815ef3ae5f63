import type { Request } from "express";
import type { Logger } from "pino";
import { type ApiKeyRow, type ApiKeyTier, findApiKeyByHash, hashApiKey, markApiKeyUsed } from "../db/queries/api-keys.js";
import type { Database } from "../db/client.js";

export type Tier = "anonymous" | ApiKeyTier;

/** Who is asking: an API key, or an anonymous caller known by IP address. */
export interface Caller {
  tier: Tier;
  /** What the rate limiter counts against: `key:<prefix>` or `ip:<address>`. */
  id: string;
  /** The API key presented, when there is one: what owns webhooks. */
  key?: ApiKeyOfCaller;
}

/** The API key a request came with: its row id and public prefix. */
export interface ApiKeyOfCaller {
  id: number;
  prefix: string;
}

export type Identification = { caller: Caller } | { refused: string };

/** Remembered key lookups; unknown keys too, so that a stream of made-up keys costs no SQL. */
const MAX_REMEMBERED_KEYS = 10_000;
/** `last_used_at` is written at most this often per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The key a request presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export type PresentedKey = { key: string } | { malformed: string } | null;

export function presentedKey(req: Request): PresentedKey {
  const authorization = req.get("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? { key: match[1] as string } : { malformed: "The Authorization header must read `Bearer <API key>`." };
  }
  const header = req.get("x-api-key");
  if (header !== undefined) return header.trim() ? { key: header.trim() } : { malformed: "The X-Api-Key header is empty." };
  return null;
}

/**
 * Identify callers: a valid key gets its tier, no key the anonymous tier by IP, and an unknown,
 * revoked or malformed key is refused (never silently treated as anonymous). Lookups are
 * remembered for `ttlMs`, so a revocation made elsewhere takes effect within that time; one made
 * in this process calls `forget`, and takes effect at once.
 */
export function createCallerIdentifier(options: { db: () => Database; ttlMs: number; logger: Logger; now?: () => number }) {
  const now = options.now ?? Date.now;
  const remembered = new Map<string, { row: ApiKeyRow | null; until: number }>();
  const lastMarked = new Map<number, number>();
  /** Counts `forget` calls: a lookup that was under way during one may have read the key as it was before. */
  let forgets = 0;

  async function lookUp(keyHash: string): Promise<ApiKeyRow | null> {
    const hit = remembered.get(keyHash);
    if (hit && hit.until > now()) return hit.row;
    const forgetsBefore = forgets;
    const row = await findApiKeyByHash(options.db(), keyHash);
    remembered.delete(keyHash);
    if (remembered.size >= MAX_REMEMBERED_KEYS) remembered.delete(remembered.keys().next().value as string);
    if (options.ttlMs > 0 && forgets === forgetsBefore) remembered.set(keyHash, { row, until: now() + options.ttlMs });
    return row;
  }

  function markUsed(row: ApiKeyRow): void {
    const at = now();
    if ((lastMarked.get(row.id) ?? 0) + LAST_USED_RESOLUTION_MS > at) return;
    lastMarked.set(row.id, at);
    markApiKeyUsed(options.db(), row.id, new Date(at)).catch((error: unknown) => {
      options.logger.warn({ err: error, key: row.prefix }, "could not record the last use of an API key");
    });
  }

  async function identify(req: Request): Promise<Identification> {
    return identifyPresented(presentedKey(req), req.ip ?? "unknown");
  }

  /** Identify a key presented some other way (a WebSocket's init payload), or an anonymous caller by address. */
  async function identifyPresented(presented: PresentedKey, ip: string): Promise<Identification> {
    if (presented === null) return { caller: { tier: "anonymous", id: `ip:${ip}` } };
    if ("malformed" in presented) return { refused: presented.malformed };
    const row = await lookUp(hashApiKey(presented.key));
    if (!row) return { refused: "Unknown API key. Check the key, or leave it out to use the anonymous tier." };
    if (row.revokedAt) return { refused: `API key ${row.prefix} was revoked on ${row.revokedAt.toISOString().slice(0, 10)}.` };
    markUsed(row);
    return { caller: { tier: row.tier as ApiKeyTier, id: `key:${row.prefix}`, key: { id: row.id, prefix: row.prefix } } };
  }

  /** Drop what is remembered about a key (by its hash), so that its next request reads it again. */
  function forget(keyHash: string): void {
    forgets++;
    remembered.delete(keyHash);
  }

  return { identify, identifyPresented, forget };
}

export type CallerIdentifier = ReturnType<typeof createCallerIdentifier>;
export type IdentifyCaller = CallerIdentifier["identify"];
