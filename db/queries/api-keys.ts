import { createHash, randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { apiKeys } from "../tables/api-keys.js";

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export const API_KEY_TIERS = ["standard", "partner"] as const;
export type ApiKeyTier = (typeof API_KEY_TIERS)[number];

/**
 * A key reads `vn_<8 hex>_<43 base64url>`: the first part is the public prefix that names the key
 * in listings and logs, the rest a 256-bit secret. Only the SHA-256 of the whole key is stored.
 */
const PREFIX_BYTES = 4;
const SECRET_BYTES = 32;

/** Hex SHA-256 of a whole key: what `api_keys.key_hash` holds. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Write a new key and return its secret, which is never stored and cannot be shown again. */
export async function createApiKey(
  db: Database,
  input: { name: string; tier: ApiKeyTier; contact?: string | null },
): Promise<{ key: string; row: ApiKeyRow }> {
  // A prefix is 32 random bits: a clash is rare, and then another is drawn.
  for (let attempt = 0; attempt < 5; attempt++) {
    const prefix = `vn_${randomBytes(PREFIX_BYTES).toString("hex")}`;
    const key = `${prefix}_${randomBytes(SECRET_BYTES).toString("base64url")}`;
    const [row] = await db
      .insert(apiKeys)
      .values({ name: input.name, prefix, keyHash: hashApiKey(key), tier: input.tier, contact: input.contact ?? null })
      .onConflictDoNothing()
      .returning();
    if (row) return { key, row };
  }
  throw new Error("could not draw an unused API key prefix in five attempts");
}

/** Every key, oldest first, revoked ones included. */
export function listApiKeys(db: Database): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

export async function findApiKeyByHash(db: Database, keyHash: string): Promise<ApiKeyRow | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  return row ?? null;
}

export async function findApiKeyByPrefix(db: Database, prefix: string): Promise<ApiKeyRow | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
  return row ?? null;
}

/**
 * Revoke the key with this prefix; a key revoked before keeps its first revocation time.
 * Returns the key as it is now, or null when no key has the prefix.
 */
export async function revokeApiKey(db: Database, prefix: string, at: Date): Promise<ApiKeyRow | null> {
  const existing = await findApiKeyByPrefix(db, prefix);
  if (!existing || existing.revokedAt) return existing;
  return db.transaction(async (tx) => {
    const [row] = await tx.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, existing.id)).returning();
    // Every API process listening forgets its remembered lookup of the key at the commit.
    if (row) await tx.execute(sql`select pg_notify(${KEY_REVOKED_CHANNEL}, ${row.keyHash})`);
    return row ?? null;
  });
}

/** NOTIFY channel of key revocations; the payload is the revoked key's SHA-256 (hex), never the key. */
export const KEY_REVOKED_CHANNEL = "vangnet_key_revoked";

export async function markApiKeyUsed(db: Database, id: number, at: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}
