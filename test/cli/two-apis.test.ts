import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../db/client.js";
import { createApiKey } from "../../db/queries/api-keys.js";
import { migrate } from "../../db/migrate.js";
import { buildPressRelease, buildSource } from "../helpers/builders.js";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";
import { createPostgresDatabase } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn("\n[vangnet] TEST_DATABASE_URL is not set: the test of two `vangnet serve` processes sharing rate limits, key revocations and cache invalidation is skipped.\n");

const ANONYMOUS_BUDGET = 12;
const PREFLIGHT = { "apollo-require-preflight": "true" };
const COUNT = "{ documents(first: 1) { totalCount } }";

/** `vangnet serve` on a free loopback port; resolves with its base URL once it answers GraphQL. */
async function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [VANGNET_BIN, "serve", "--port", "0", "--host", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    log += chunk;
  });
  await waitFor(() => /"port":(\d+)[^\n]*API listening/.test(log), { child, what: "the API to listen" });
  const url = `http://127.0.0.1:${/"port":(\d+)[^\n]*API listening/.exec(log)?.[1]}`;
  await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, { child, what: "the database to be ready" });
  return { child, url };
}

describe.runIf(serverUrl)("two `vangnet serve` processes on one Postgres", () => {
  let handle: DbHandle;
  let drop: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  const servers: { child: ChildProcess; url: string }[] = [];

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    handle = await createDb({ databaseUrl: database.url });
    await migrate(handle);
    env = cleanEnv({ DATABASE_URL: database.url, VANGNET_RATE_LIMIT_ANONYMOUS: String(ANONYMOUS_BUDGET), LOG_LEVEL: "info", LOG_FORMAT: "json" });
    servers.push(await serve(env), await serve(env));
  }, 120_000);
  afterAll(async () => {
    for (const { child } of servers) child.kill("SIGTERM");
    await Promise.all(servers.map(({ child }) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await handle?.close();
    await drop?.();
  });

  const post = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ __typename }" }) });

  it("a caller's rate limit is one budget, whichever process answers", async () => {
    const remaining: number[] = [];
    for (let i = 0; i < ANONYMOUS_BUDGET; i++) {
      const response = await post((servers[i % 2] as { url: string }).url);
      expect(response.status).toBe(200);
      remaining.push(Number(response.headers.get("ratelimit-remaining")));
    }
    // One count over both processes: 11, 10, … 0, not two budgets of 12.
    expect(remaining).toEqual(Array.from({ length: ANONYMOUS_BUDGET }, (_, i) => ANONYMOUS_BUDGET - 1 - i));
    for (const { url } of servers) {
      const refused = await post(url);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("a key revoked by `vangnet keys revoke` in another process is refused by both within seconds", async () => {
    const { key, row } = await createApiKey(handle.db, { name: "two-apis", tier: "standard" });
    const auth = { authorization: `Bearer ${key}` };
    // Both look the key up now, and would remember it for 30 s.
    for (const { url } of servers) expect((await post(url, auth)).status).toBe(200);
    const revoked = await runCli(["keys", "revoke", row.prefix], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    const at = Date.now();
    for (const { url, child } of servers) await waitFor(async () => (await post(url, auth)).status === 401, { child, what: "the revoked key to be refused" });
    expect(Date.now() - at).toBeLessThan(5_000);
  });

  it("a change committed by another process drops the cached answers of both", async () => {
    const { key } = await createApiKey(handle.db, { name: "cache", tier: "partner" });
    const read = async (url: string) => {
      const response = await fetch(`${url}/graphql?query=${encodeURIComponent(COUNT)}`, { headers: { ...PREFLIGHT, authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      return { cache: response.headers.get("x-cache"), count: ((await response.json()) as { data: { documents: { totalCount: number } } }).data.documents.totalCount };
    };
    for (const { url } of servers) {
      await read(url);
      expect(await read(url)).toEqual({ cache: "HIT", count: 0 });
    }
    await buildSource(handle.db, { id: "news:two-apis", kind: "feed", name: "Nieuws", startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *" });
    await buildPressRelease(handle.db, { uri: "https://example.org/two-apis/1", sourceId: "news:two-apis", title: "Nieuw bericht", text: "De stad verhoogt de huurpremie." });
    for (const { url, child } of servers) {
      await waitFor(async () => (await read(url)).count === 1, { child, what: "the new document to be counted" });
    }
  });
});
