import { resolve } from "node:path";
import { performKeyRequest } from "../../api/admin/key-actions.js";
import type { KeyRequest, KeyResult } from "../../api/admin/key-protocol.js";
import { DataDirInUseError } from "../../db/data-dir-lock.js";
import type { ApiKeyTier } from "../../db/queries/api-keys.js";
import { AdminChannelError, sendKeyRequest } from "../admin/admin-client.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { openMigratedDb } from "../open-database.js";

export type KeysCommand =
  | { action: "create"; name: string; tier: ApiKeyTier; contact: string | null }
  | { action: "list"; json: boolean }
  | { action: "revoke"; prefix: string };

const day = (at: string | null) => at?.slice(0, 10) ?? "-";

/**
 * `vangnet keys create | list | revoke`: API keys for higher rate limits. On an embedded database
 * held by a running service the request goes through that service's admin channel; the output is
 * the same either way.
 */
export async function runKeys(config: Config, logger: Logger, command: KeysCommand): Promise<number> {
  let result: KeyResult;
  try {
    result = await performWhereTheDatabaseIs(config, logger, requestOf(command));
  } catch (error) {
    if (!(error instanceof AdminChannelError)) throw error;
    process.stderr.write(`vangnet: ${error.message}\n`);
    return 1;
  }
  return printKeyResult(result, command.action === "list" && command.json);
}

function requestOf(command: KeysCommand): KeyRequest {
  if (command.action === "list") return { action: "list" };
  return command;
}

/**
 * Open the database and perform the request; when a PGlite data directory is locked by another
 * process, ask that process instead (a Postgres server is shared, so nothing is asked of anyone).
 */
async function performWhereTheDatabaseIs(config: Config, logger: Logger, request: KeyRequest): Promise<KeyResult> {
  let handle;
  try {
    handle = await openMigratedDb(config, logger);
  } catch (error) {
    if (!(error instanceof DataDirInUseError) || config.DATABASE_URL) throw error;
    return sendKeyRequestToHolder(config.VANGNET_DATA_DIR, request, error);
  }
  try {
    return await performKeyRequest(handle.db, request, { now: new Date() });
  } finally {
    await handle.close();
  }
}

async function sendKeyRequestToHolder(dataDir: string, request: KeyRequest, inUse: DataDirInUseError): Promise<KeyResult> {
  try {
    return await sendKeyRequest(resolve(dataDir), request);
  } catch (error) {
    if (!(error instanceof AdminChannelError) || !error.unavailable) throw error;
    throw new AdminChannelError(
      `${inUse.message}.\nvangnet: keys go through the admin channel of a running vangnet start, serve or worker, but ${error.message}: ` +
        'the process holding the database is another command, or it is still starting (it logs "admin channel open" when ready)',
      true,
    );
  }
}

function printKeyResult(result: KeyResult, json: boolean): number {
  if (result.action === "create") {
    const { key } = result;
    process.stderr.write(`Created API key ${key.prefix} "${key.name}" (${key.tier} tier). The key below is shown only now; keep it safe:\n`);
    process.stdout.write(`${result.secret}\n`);
    return 0;
  }
  if (result.action === "revoke") {
    if (!result.key) {
      process.stderr.write(`vangnet: no API key has the prefix ${result.prefix} (see vangnet keys list)\n`);
      return 1;
    }
    process.stdout.write(`API key ${result.key.prefix} "${result.key.name}" is revoked since ${result.key.revokedAt}.\n`);
    return 0;
  }
  const { keys } = result;
  if (json) {
    process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
    return 0;
  }
  if (keys.length === 0) {
    process.stdout.write("No API keys yet; create one with: vangnet keys create <name>\n");
    return 0;
  }
  const lines = keys.map((key) =>
    [key.prefix.padEnd(12), key.tier.padEnd(8), (key.revokedAt ? `revoked ${day(key.revokedAt)}` : "active").padEnd(19), day(key.createdAt).padEnd(10), day(key.lastUsedAt).padEnd(10), key.name].join(" "),
  );
  const header = ["prefix".padEnd(12), "tier".padEnd(8), "status".padEnd(19), "created".padEnd(10), "last used".padEnd(10), "name"].join(" ");
  process.stdout.write(`${header}\n${lines.join("\n")}\n`);
  return 0;
}
