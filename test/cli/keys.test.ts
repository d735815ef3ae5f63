import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client.js";
import { findApiKeyByHash, hashApiKey } from "../../db/queries/api-keys.js";
import { cleanEnv, runCli } from "../helpers/run-cli.js";
import { startTestApi } from "../helpers/test-api.js";

const KEY = /^vn_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

describe("vangnet keys", () => {
  let dataDir: string;
  const keys = (...args: string[]) => runCli(["keys", ...args], cleanEnv({ VANGNET_DATA_DIR: dataDir }));

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "vangnet-keys-"));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates, lists and revokes keys; the secret is printed once and only its hash is stored", { timeout: 120_000 }, async () => {
    const created = await keys("create", "Krant van West", "--contact", "data@krant.example");
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(KEY);
    const prefix = secret.slice(0, 11);
    expect(created.stderr).toContain(`Created API key ${prefix} "Krant van West" (standard tier)`);
    expect(created.stderr).toContain("shown only now");
    const partner = await keys("create", "Onderzoeksgroep", "--tier", "partner");
    const partnerSecret = partner.stdout.trim();
    expect(partnerSecret).toMatch(KEY);

    const listed = await keys("list", "--json");
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      { prefix, name: "Krant van West", tier: "standard", contact: "data@krant.example", createdAt: expect.any(String), lastUsedAt: null, revokedAt: null },
      { prefix: partnerSecret.slice(0, 11), name: "Onderzoeksgroep", tier: "partner", contact: null, createdAt: expect.any(String), lastUsedAt: null, revokedAt: null },
    ]);
    expect(listed.stdout).not.toContain(secret.slice(12));
    const table = await keys("list");
    expect(table.stdout).toMatch(new RegExp(`${prefix}\\s+standard\\s+active\\s+\\d{4}-\\d{2}-\\d{2}\\s+-\\s+Krant van West`));

    const revoked = await keys("revoke", prefix);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^API key ${prefix} "Krant van West" is revoked since \\d{4}-`));
    const again = await keys("revoke", prefix.slice(3));
    expect(again.stdout).toBe(revoked.stdout);
    expect((await keys("list")).stdout).toMatch(new RegExp(`${prefix}\\s+standard\\s+revoked \\d{4}-\\d{2}-\\d{2}`));
    const unknown = await keys("revoke", "vn_00000000");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no API key has the prefix vn_00000000");

    // What the server sees: the hash of the printed key; the partner key works, the revoked one is refused.
    const handle = await createDb({ dataDir });
    try {
      const row = await findApiKeyByHash(handle.db, hashApiKey(partnerSecret));
      expect(row?.tier).toBe("partner");
      const stored = JSON.stringify(await handle.rows("select * from api_keys"));
      expect(stored).not.toContain(partnerSecret.slice(12));
      const api = await startTestApi(handle);
      try {
        const ok = await api.graphql("{ __typename }", undefined, { authorization: `Bearer ${partnerSecret}` });
        expect(ok.status).toBe(200);
        expect(ok.headers.get("ratelimit-limit")).toBe("15000");
        const refused = await api.graphql("{ __typename }", undefined, { authorization: `Bearer ${secret}` });
        expect(refused.status).toBe(401);
        expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      } finally {
        await api.close();
      }
    } finally {
      await handle.close();
    }
  });

  it.each([
    [["create"], "expected a name"],
    [["create", "x", "--tier", "gold"], '--tier must be standard or partner, got "gold"'],
    [["list", "--tier", "partner"], '--tier does not go with "keys list"'],
    [["revoke"], "expected the prefix of a key"],
    [["rotate"], 'unknown keys action "rotate"'],
  ])("exits 2 with the usage on %j", async (args, message) => {
    const { code, stderr } = await keys(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("Usage: vangnet keys create <name>");
  });
});
