import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Request } from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminChannel, openAdminChannel } from "../../api/admin/admin-channel.js";
import { createCallerIdentifier } from "../../api/caller.js";
import { sendKeyRequest } from "../../cli/admin/admin-client.js";
import type { Database } from "../../db/client.js";
import { type ApiKeyRow, createApiKey, revokeApiKey } from "../../db/queries/api-keys.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const CHEAP = "{ municipalities(first: 1) { totalCount } }";
const silent = pino({ level: "silent" });

describe(`revoking a key while the API runs (${testDriver})`, () => {
  let db: TestDb;
  let dataDir: string;
  let api: TestApi;
  let channel: AdminChannel;

  beforeAll(async () => {
    db = await createTestDb();
    dataDir = mkdtempSync(join(tmpdir(), "vangnet-revoke-"));
    // Lookups are remembered for a minute: only being told makes a revocation count at once.
    api = await startTestApi(db, { serving: { rateLimit: { keyCacheTtlMs: 60_000 } } });
    const opened = await openAdminChannel({ dataDir, db: db.db, logger: silent, onKeyRevoked: (keyHash) => api.server.forgetApiKey(keyHash) });
    if (!opened) throw new Error("the admin channel did not open");
    channel = opened;
  });
  afterAll(async () => {
    await channel?.close();
    await api?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a key revoked through the admin channel from the next request on, although its lookup was remembered", async () => {
    const { key, row } = await createApiKey(db.db, { name: "revoked at once", tier: "partner" });
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": key })).status).toBe(200);
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": key })).status).toBe(200);

    await sendKeyRequest(dataDir, { action: "revoke", prefix: row.prefix });
    const refused = await api.graphql(CHEAP, undefined, { "x-api-key": key });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.message).toMatch(new RegExp(`^API key ${row.prefix} was revoked on \\d{4}-\\d{2}-\\d{2}\\.$`));
  });

  it("refuses a key revoked with revokeApiKey in any process from the commit on (NOTIFY), although its lookup was remembered", async () => {
    const { key, row } = await createApiKey(db.db, { name: "notified", tier: "standard" });
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": key })).status).toBe(200);
    await revokeApiKey(db.db, row.prefix, new Date());
    await expect.poll(async () => (await api.graphql(CHEAP, undefined, { "x-api-key": key })).status, { timeout: 5_000, interval: 20 }).toBe(401);
  });

  it("keeps other keys' remembered lookups", async () => {
    const kept = await createApiKey(db.db, { name: "kept", tier: "standard" });
    const other = await createApiKey(db.db, { name: "other", tier: "standard" });
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": kept.key })).status).toBe(200);
    // Revoked behind the API's back (by hand in SQL, no notice): the remembered lookup still counts, for the cache time.
    await db.rows("update api_keys set revoked_at = now() where id = $1", [kept.row.id]);
    await sendKeyRequest(dataDir, { action: "revoke", prefix: other.row.prefix });
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": kept.key })).status).toBe(200);
    expect((await api.graphql(CHEAP, undefined, { "x-api-key": other.key })).status).toBe(401);
  });
});

describe("forgetting a key while its lookup is under way", () => {
  /** A database whose key lookups answer when the test says, and whose writes do nothing. */
  function databaseAnsweringLater() {
    const lookups: ((row: ApiKeyRow | null) => void)[] = [];
    const db = {
      select: () => ({ from: () => ({ where: () => ({ limit: () => new Promise<(ApiKeyRow | null)[]>((resolve) => lookups.push((row) => resolve(row ? [row] : []))) }) }) }),
      update: () => ({ set: () => ({ where: () => Promise.resolve() }) }),
    };
    return { db: db as unknown as Database, lookups };
  }
  const row = (revokedAt: Date | null): ApiKeyRow => ({
    id: 1,
    name: "raced",
    prefix: "vn_0a0b0c0d",
    keyHash: "hash",
    tier: "standard",
    contact: null,
    createdAt: new Date("2026-11-01T00:00:00Z"),
    lastUsedAt: null,
    revokedAt,
  });
  const request = { get: (name: string) => (name === "x-api-key" ? "vn_0a0b0c0d_secret" : undefined), ip: "127.0.0.1" } as unknown as Request;

  it("does not remember what a lookup read before the key was forgotten", async () => {
    const { db, lookups } = databaseAnsweringLater();
    const callers = createCallerIdentifier({ db: () => db, ttlMs: 60_000, logger: silent });

    const first = callers.identify(request);
    // The key is revoked and forgotten while the first lookup still waits for its answer, which
    // then brings the key as it was before.
    callers.forget("any hash");
    lookups.shift()?.(row(null));
    expect(await first).toEqual({ caller: { tier: "standard", id: "key:vn_0a0b0c0d", key: { id: 1, prefix: "vn_0a0b0c0d" } } });

    const second = callers.identify(request);
    expect(lookups).toHaveLength(1);
    lookups.shift()?.(row(new Date("2026-11-20T10:00:00Z")));
    expect(await second).toEqual({ refused: "API key vn_0a0b0c0d was revoked on 2026-11-20." });
  });

  it("remembers a lookup when nothing was forgotten meanwhile", async () => {
    const { db, lookups } = databaseAnsweringLater();
    const callers = createCallerIdentifier({ db: () => db, ttlMs: 60_000, logger: silent });
    const first = callers.identify(request);
    lookups.shift()?.(row(null));
    await first;
    expect(await callers.identify(request)).toEqual({ caller: { tier: "standard", id: "key:vn_0a0b0c0d", key: { id: 1, prefix: "vn_0a0b0c0d" } } });
    expect(lookups).toHaveLength(0);
  });
});
