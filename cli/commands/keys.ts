import { type ApiKeyRow, type ApiKeyTier, createApiKey, listApiKeys, revokeApiKey } from "../../db/queries/api-keys.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { openMigratedDb } from "../open-database.js";

export type KeysCommand =
  | { action: "create"; name: string; tier: ApiKeyTier; contact: string | null }
  | { action: "list"; json: boolean }
  | { action: "revoke"; prefix: string };

const day = (at: Date | null) => at?.toISOString().slice(0, 10) ?? "-";

function presentKey(row: ApiKeyRow) {
  return {
    prefix: row.prefix,
    name: row.name,
    tier: row.tier,
    contact: row.contact,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** `vangnet keys create | list | revoke`: API keys for higher rate limits. */
export async function runKeys(config: Config, logger: Logger, command: KeysCommand): Promise<number> {
  const handle = await openMigratedDb(config, logger);
  try {
    if (command.action === "create") {
      const { key, row } = await createApiKey(handle.db, command);
      process.stderr.write(`Created API key ${row.prefix} "${row.name}" (${row.tier} tier). The key below is shown only now; keep it safe:\n`);
      process.stdout.write(`${key}\n`);
      return 0;
    }
    if (command.action === "revoke") {
      const prefix = command.prefix.startsWith("vn_") ? command.prefix : `vn_${command.prefix}`;
      const row = await revokeApiKey(handle.db, prefix, new Date());
      if (!row) {
        process.stderr.write(`vangnet: no API key has the prefix ${prefix} (see vangnet keys list)\n`);
        return 1;
      }
      process.stdout.write(`API key ${row.prefix} "${row.name}" is revoked since ${row.revokedAt?.toISOString()}.\n`);
      return 0;
    }
    const rows = await listApiKeys(handle.db);
    if (command.json) {
      process.stdout.write(`${JSON.stringify(rows.map(presentKey), null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      process.stdout.write("No API keys yet; create one with: vangnet keys create <name>\n");
      return 0;
    }
    const lines = rows.map((row) =>
      [row.prefix.padEnd(12), row.tier.padEnd(8), (row.revokedAt ? `revoked ${day(row.revokedAt)}` : "active").padEnd(19), day(row.createdAt).padEnd(10), day(row.lastUsedAt).padEnd(10), row.name].join(" "),
    );
    const header = ["prefix".padEnd(12), "tier".padEnd(8), "status".padEnd(19), "created".padEnd(10), "last used".padEnd(10), "name"].join(" ");
    process.stdout.write(`${header}\n${lines.join("\n")}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
