import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";

const KEY = /^vn_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
const SOCKET = "vangnet-admin.sock";

interface Service {
  child: ChildProcess;
  /** Resolves with the first line of the service's log that matches, as the line arrives. */
  logged(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `vangnet <command>` on a free loopback port, logging at info level. NODE_ENV=production as a
 * user runs it (Vitest sets `test`, which Apollo Server treats differently on SIGTERM).
 */
function startService(command: "serve" | "start", dataDir: string): Service {
  const child = spawn(process.execPath, [VANGNET_BIN, command, "--port", "0", "--host", "127.0.0.1"], {
    env: cleanEnv({ VANGNET_DATA_DIR: dataDir, LOG_LEVEL: "info", NODE_ENV: "production" }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let partial = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiting.filter((w) => w.pattern.test(line))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    logged: (pattern) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => pattern.test(line));
        if (seen) return resolve(seen);
        waiting.push({ pattern, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`vangnet ${command} ended (${code ?? signal}) before logging ${pattern}:\n${lines.join("\n")}`)));
      }),
  };
}

/** Send one raw line to the admin socket and read the answer. */
function askSocket(path: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(line));
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

async function graphqlWithKey(port: number, key: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  return { status: response.status, limit: response.headers.get("ratelimit-limit"), body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe("vangnet keys while vangnet serve holds the embedded database", () => {
  let root: string;
  let dataDir: string;
  let service: Service;
  let port: number;
  const keys = (...args: string[]) => runCli(["keys", ...args], cleanEnv({ VANGNET_DATA_DIR: dataDir }));
  /** What `keys list` printed through the running service, to compare with the direct way. */
  const throughService: { table?: string; json?: string } = {};

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "vangnet-keys-serving-"));
    dataDir = join(root, "data");
    service = startService("serve", dataDir);
    const listening = await service.logged(/"msg":"API listening on /);
    port = (JSON.parse(listening) as { port: number }).port;
    await service.logged(/"msg":"admin channel open"/);
  }, 120_000);
  afterAll(() => {
    if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  });

  it("creates, lists and revokes keys from another process; the new key works at once and the revoked one is refused at once", { timeout: 120_000 }, async () => {
    const created = await keys("create", "Krant van West", "--contact", "data@krant.example");
    expect(created.stderr).not.toContain("in use by process");
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(KEY);
    const prefix = secret.slice(0, 11);
    expect(created.stderr).toBe(`Created API key ${prefix} "Krant van West" (standard tier). The key below is shown only now; keep it safe:\n`);
    await service.logged(new RegExp(`"prefix":"${prefix}".*"msg":"API key created through the admin channel"`));

    const accepted = await graphqlWithKey(port, secret);
    expect(accepted.status).toBe(200);
    expect(accepted.limit).toBe("3000");

    const partner = await keys("create", "Onderzoeksgroep", "--tier", "partner");
    expect(partner.code).toBe(0);
    const partnerPrefix = partner.stdout.trim().slice(0, 11);

    const revoked = await keys("revoke", prefix.slice(3));
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^API key ${prefix} "Krant van West" is revoked since \\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\.\\n$`));
    // The API had remembered the key as valid a moment ago; the revocation told it otherwise.
    const refused = await graphqlWithKey(port, secret);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(refused.body.errors?.[0]?.message).toMatch(new RegExp(`^API key ${prefix} was revoked on `));

    const unknown = await keys("revoke", "vn_00000000");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("vangnet: no API key has the prefix vn_00000000 (see vangnet keys list)\n");

    const table = await keys("list");
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${prefix}\\s+standard\\s+revoked \\d{4}-\\d{2}-\\d{2}\\s+\\d{4}-\\d{2}-\\d{2}\\s+\\d{4}-\\d{2}-\\d{2}\\s+Krant van West`));
    expect(table.stdout).toMatch(new RegExp(`${partnerPrefix}\\s+partner\\s+active\\s+\\d{4}-\\d{2}-\\d{2}\\s+-\\s+Onderzoeksgroep`));
    const json = await keys("list", "--json");
    expect(JSON.parse(json.stdout)).toEqual([
      { prefix, name: "Krant van West", tier: "standard", contact: "data@krant.example", createdAt: expect.any(String), lastUsedAt: expect.any(String), revokedAt: expect.any(String) },
      { prefix: partnerPrefix, name: "Onderzoeksgroep", tier: "partner", contact: null, createdAt: expect.any(String), lastUsedAt: null, revokedAt: null },
    ]);
    throughService.table = table.stdout;
    throughService.json = json.stdout;
  });

  it("keeps the admin socket to the service's own OS user (mode 0600)", () => {
    const stat = statSync(join(dataDir, SOCKET));
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it("answers a malformed admin request with an error, and offers nothing but the key actions", async () => {
    const path = join(dataDir, SOCKET);
    expect(JSON.parse(await askSocket(path, "select * from api_keys\n"))).toEqual({ ok: false, error: expect.stringMatching(/^the request is not JSON: /) });
    expect(JSON.parse(await askSocket(path, '{"action":"query","sql":"delete from api_keys"}\n'))).toEqual({ ok: false, error: '"action" must be create, list or revoke, got "query"' });
    await service.logged(/"problem":"\\"action\\" must be create, list or revoke, got \\"query\\"","msg":"malformed admin request"/);
  });

  it("shuts down on SIGTERM with exit code 0 and no socket left; keys then opens the database itself and prints the same", { timeout: 120_000 }, async () => {
    service.child.kill("SIGTERM");
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, SOCKET))).toBe(false);

    expect(throughService.table).toBeDefined();
    expect((await keys("list")).stdout).toBe(throughService.table);
    expect((await keys("list", "--json")).stdout).toBe(throughService.json);
  });

  it("replaces the socket a killed service left behind when it starts again", { timeout: 180_000 }, async () => {
    const killed = startService("start", dataDir);
    await killed.logged(/"msg":"admin channel open"/);
    killed.child.kill("SIGKILL");
    await killed.exited;
    expect(lstatSync(join(dataDir, SOCKET)).isSocket()).toBe(true);

    const again = startService("start", dataDir);
    try {
      await again.logged(/"msg":"admin channel open"/);
      const listed = await keys("list", "--json");
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as { name: string }[]).map((key) => key.name)).toEqual(["Krant van West", "Onderzoeksgroep"]);
    } finally {
      again.child.kill("SIGTERM");
      expect(await again.exited).toEqual({ code: 0, signal: null });
    }
    expect(existsSync(join(dataDir, SOCKET))).toBe(false);
  });
});

describe("vangnet keys while another command holds the embedded database", () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "vangnet-keys-held-"));
    // A live process that holds the lock and offers no admin channel: this test's own.
    writeFileSync(join(dataDir, "vangnet.lock"), String(process.pid));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("says who holds it and that no admin channel answers", { timeout: 60_000 }, async () => {
    const listed = await runCli(["keys", "list"], cleanEnv({ VANGNET_DATA_DIR: dataDir }));
    expect(listed.code).toBe(1);
    expect(listed.stdout).toBe("");
    expect(listed.stderr).toContain(`is in use by process ${process.pid}`);
    expect(listed.stderr).toContain(`keys go through the admin channel of a running vangnet start, serve or worker, but no admin channel is open at ${join(dataDir, SOCKET)}`);
    expect(listed.stderr).not.toContain("    at ");
  });
});
