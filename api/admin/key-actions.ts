import type { Database } from "../../db/client.js";
import { type ApiKeyRow, type ApiKeyTier, createApiKey, listApiKeys, revokeApiKey } from "../../db/queries/api-keys.js";
import type { KeyRecord, KeyRequest, KeyResult } from "./key-protocol.js";

export function presentKeyRecord(row: ApiKeyRow): KeyRecord {
  return {
    prefix: row.prefix,
    name: row.name,
    tier: row.tier as ApiKeyTier,
    contact: row.contact,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export interface KeyActionOptions {
  now: Date;
  /** Told the hash of a key that is revoked, so that a server in this process stops accepting it at once. */
  onKeyRevoked?: (keyHash: string) => void;
}

/**
 * Perform one key request on the database. `vangnet keys` calls this on a database it opened
 * itself, and the admin channel on the database of the process that holds it, so both give the
 * same result, which the CLI then prints the same way.
 */
export async function performKeyRequest(db: Database, request: KeyRequest, options: KeyActionOptions): Promise<KeyResult> {
  switch (request.action) {
    case "create": {
      const { key, row } = await createApiKey(db, request);
      return { action: "create", secret: key, key: presentKeyRecord(row) };
    }
    case "list":
      return { action: "list", keys: (await listApiKeys(db)).map(presentKeyRecord) };
    case "revoke": {
      const prefix = request.prefix.startsWith("vn_") ? request.prefix : `vn_${request.prefix}`;
      const row = await revokeApiKey(db, prefix, options.now);
      if (row) options.onKeyRevoked?.(row.keyHash);
      return { action: "revoke", prefix, key: row ? presentKeyRecord(row) : null };
    }
  }
}
