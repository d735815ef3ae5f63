import { spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminChannel, openAdminChannel } from "../../../api/admin/admin-channel.js";
import { ADMIN_SOCKET_NAME, adminSocketOf } from "../../../api/admin/admin-socket.js";
import { AdminChannelError, sendKeyRequest } from "../../../cli/admin/admin-client.js";
import { findApiKeyByHash, hashApiKey, listApiKeys } from "../../../db/queries/api-keys.js";
import { createTestDb, type TestDb, testDriver } from "../../helpers/test-db.js";

const KEY = /^vn_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
const silent = pino({ level: "silent" });
/** The channel's fixed clock. */
const REVOKED_AT = new Date("2026-11-20T10:00:00.000Z");

/** Send raw bytes to a socket, half-close, and read the answer until the channel closes. */
function sendRaw(path: string, bytes: string, options: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      if (options.end === false) socket.write(bytes);
      else socket.end(bytes);
    });
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** A logger whose lines the test can read, and wait for. */
function recordingLogger(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const waiting: { msg: string; resolve: () => void }[] = [];
  const write = (text: string) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const waiter of waiting.filter((w) => w.msg === line.msg)) waiter.resolve();
  };
  const logger = pino({ level }, { write });
  const logged = (msg: string) => new Promise<void>((resolve) => (lines.some((line) => line.msg === msg) ? resolve() : waiting.push({ msg, resolve })));
  return { logger, lines, logged };
}

describe(`the admin channel (${testDriver})`, () => {
  let db: TestDb;
  let dataDir: string;
  let channel: AdminChannel;
  const revoked: string[] = [];
  const log = recordingLogger();

  beforeAll(async () => {
    db = await createTestDb();
    dataDir = mkdtempSync(join(tmpdir(), "vangnet-admin-"));
    const opened = await openAdminChannel({ dataDir, db: db.db, logger: log.logger, onKeyRevoked: (keyHash) => revoked.push(keyHash), requestTimeoutMs: 300, clock: () => REVOKED_AT });
    if (!opened) throw new Error("the admin channel did not open");
    channel = opened;
  });
  afterAll(async () => {
    await channel?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("listens on a socket in the data directory that only its owner may use (mode 0600)", () => {
    expect(channel.path).toBe(join(dataDir, ADMIN_SOCKET_NAME));
    const stat = statSync(channel.path);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it("creates, lists and revokes keys, and tells whoever asked about each revocation", async () => {
    const created = await sendKeyRequest(dataDir, { action: "create", name: "Krant van West", tier: "partner", contact: "data@krant.example" });
    if (created.action !== "create") throw new Error("expected a create result");
    expect(created.secret).toMatch(KEY);
    expect(created.key).toEqual({
      prefix: created.secret.slice(0, 11),
      name: "Krant van West",
      tier: "partner",
      contact: "data@krant.example",
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      lastUsedAt: null,
      revokedAt: null,
    });
    // Stored as its hash only, in the database the channel's process holds.
    expect((await findApiKeyByHash(db.db, hashApiKey(created.secret)))?.prefix).toBe(created.key.prefix);

    const listed = await sendKeyRequest(dataDir, { action: "list" });
    expect(listed).toEqual({ action: "list", keys: [created.key] });

    const withoutVn = created.key.prefix.slice(3);
    const revoke = await sendKeyRequest(dataDir, { action: "revoke", prefix: withoutVn });
    if (revoke.action !== "revoke") throw new Error("expected a revoke result");
    expect(revoke.prefix).toBe(created.key.prefix);
    // Revoked at the channel's clock.
    expect(revoke.key?.revokedAt).toBe(REVOKED_AT.toISOString());
    expect(revoked).toEqual([hashApiKey(created.secret)]);

    expect(await sendKeyRequest(dataDir, { action: "revoke", prefix: "vn_00000000" })).toEqual({ action: "revoke", prefix: "vn_00000000", key: null });
    expect(revoked).toHaveLength(1);
    // The service's log keeps an audit trail of key changes, never a secret.
    const logged = JSON.stringify(log.lines);
    expect(log.lines.map((line) => line.msg)).toEqual(expect.arrayContaining(["API key created through the admin channel", "API key revoked through the admin channel"]));
    expect(logged).not.toContain(created.secret.slice(12));
  });

  it.each([
    ["text that is not JSON", "drop table api_keys\n", "the request is not JSON: Unexpected token"],
    ["an array", "[1, 2]\n", "the request must be a JSON object, got an array"],
    ["no action", "{}\n", '"action" must be create, list or revoke, got nothing'],
    ["an action that does not exist", '{"action":"sql","query":"select * from api_keys"}\n', '"action" must be create, list or revoke, got "sql"'],
    ["a create without a name", '{"action":"create"}\n', 'create request: "name" must be a text'],
    ["a blank name", '{"action":"create","name":"  "}\n', 'create request: "name" must not be empty'],
    ["an unknown tier", '{"action":"create","name":"x","tier":"gold"}\n', 'create request: "tier" must be standard or partner'],
    ["a field the action does not take", '{"action":"list","where":"1=1"}\n', 'list request: unexpected field "where"'],
    ["a revoke without a prefix", '{"action":"revoke","prefix":""}\n', 'revoke request: "prefix" must not be empty'],
    ["nothing at all", "", "the request is empty"],
    ["more than 16 kB", `{"action":"create","name":"${"x".repeat(17_000)}"}\n`, "the request is longer than 16384 bytes"],
  ])("answers %s with an error that says what was wrong, and changes nothing", async (_what, request, message) => {
    const before = await listApiKeys(db.db);
    const answer = JSON.parse(await sendRaw(channel.path, request)) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain(message);
    expect(await listApiKeys(db.db)).toEqual(before);
  });

  it("answers a connection that sends no whole request in time, instead of waiting for ever", async () => {
    const answer = JSON.parse(await sendRaw(channel.path, '{"action":', { end: false })) as { ok: boolean; error: string };
    expect(answer).toEqual({ ok: false, error: "no whole request within 0.3 s: send one line of JSON ending in a newline" });
  });

  it("takes a request split over several writes, and a request without the final newline", async () => {
    const split = await new Promise<string>((resolve, reject) => {
      const socket = connect(channel.path);
      let answer = "";
      socket.setEncoding("utf8");
      socket.on("connect", () => {
        socket.write('{"act');
        setImmediate(() => socket.write('ion":"list"}\n'));
      });
      socket.on("data", (chunk: string) => {
        answer += chunk;
      });
      socket.on("end", () => resolve(answer));
      socket.on("error", reject);
    });
    expect(JSON.parse(split)).toMatchObject({ ok: true, result: { action: "list" } });
    expect(JSON.parse(await sendRaw(channel.path, '{"action":"list"}'))).toMatchObject({ ok: true, result: { action: "list" } });
  });
});

describe("opening and closing the admin channel", () => {
  let db: TestDb;
  let root: string;
  /** Called with each statement the database is sent. */
  let onQuery: ((query: string) => void) | undefined;

  beforeAll(async () => {
    db = await createTestDb({ onQuery: (query) => onQuery?.(query) });
    root = mkdtempSync(join(tmpdir(), "vangnet-admin-"));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("removes its socket when it closes, after the request under way is answered", async () => {
    const dataDir = join(root, "close");
    mkdirSync(dataDir);
    const channel = await openAdminChannel({ dataDir, db: db.db, logger: silent });
    if (!channel) throw new Error("the admin channel did not open");
    let closed: Promise<void> | undefined;
    // Close the channel while it reads the keys for a request.
    onQuery = (query) => {
      if (query.includes('from "api_keys"')) closed ??= channel.close();
    };
    try {
      const answered = await sendKeyRequest(dataDir, { action: "list" });
      expect(answered.action).toBe("list");
      expect(closed).toBeDefined();
      await closed;
    } finally {
      onQuery = undefined;
    }
    expect(existsSync(channel.path)).toBe(false);
    await expect(sendKeyRequest(dataDir, { action: "list" })).rejects.toThrow(`no admin channel is open at ${channel.path}`);
  });

  it("tells a connection that is still sending its request that the service is shutting down", async () => {
    const dataDir = join(root, "shutting-down");
    mkdirSync(dataDir);
    const log = recordingLogger("debug");
    const channel = await openAdminChannel({ dataDir, db: db.db, logger: log.logger });
    if (!channel) throw new Error("the admin channel did not open");
    const answer = sendRaw(channel.path, '{"action":', { end: false });
    await log.logged("admin channel connection accepted");
    await channel.close();
    expect(JSON.parse(await answer)).toEqual({ ok: false, error: "the service is shutting down; once it has stopped, vangnet keys opens the database itself" });
    expect(existsSync(channel.path)).toBe(false);
  });

  it("replaces the socket that a killed process left behind", async () => {
    const dataDir = join(root, "stale");
    mkdirSync(dataDir);
    const path = join(dataDir, ADMIN_SOCKET_NAME);
    // A process that listens on the socket and is then killed, so that it cannot remove it.
    const holder = spawn(process.execPath, ["-e", `require("node:net").createServer().listen(${JSON.stringify(path)}, () => console.log("listening"))`], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    const exited = new Promise((resolve) => holder.once("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    expect(lstatSync(path).isSocket()).toBe(true);
    await expect(sendKeyRequest(dataDir, { action: "list" })).rejects.toThrow("no admin channel is open");

    const channel = await openAdminChannel({ dataDir, db: db.db, logger: silent });
    try {
      expect(channel?.path).toBe(path);
      expect((await sendKeyRequest(dataDir, { action: "list" })).action).toBe("list");
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      await channel?.close();
    }
  });

  it("leaves a file that is not a socket alone, and says so", async () => {
    const dataDir = join(root, "not-a-socket");
    mkdirSync(dataDir);
    const path = join(dataDir, ADMIN_SOCKET_NAME);
    writeFileSync(path, "notes of the operator\n");
    const log = recordingLogger();
    expect(await openAdminChannel({ dataDir, db: db.db, logger: log.logger })).toBeNull();
    expect(readFileSync(path, "utf8")).toBe("notes of the operator\n");
    expect(log.lines[0]?.msg).toBe(`admin channel not opened: ${path} exists and is not a socket (move it away); vangnet keys cannot reach this process`);
  });

  it("refuses a socket path longer than a Unix socket allows, rather than binding a cut-off one", async () => {
    const dataDir = join(root, "d".repeat(120));
    mkdirSync(dataDir);
    const log = recordingLogger();
    expect(await openAdminChannel({ dataDir, db: db.db, logger: log.logger })).toBeNull();
    const bytes = Buffer.byteLength(join(dataDir, ADMIN_SOCKET_NAME));
    expect(log.lines[0]?.msg).toContain(`would be ${bytes} bytes long, more than the 107 a Unix socket path may have on linux`);
    const refused = await sendKeyRequest(dataDir, { action: "list" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AdminChannelError);
    expect((refused as AdminChannelError).unavailable).toBe(true);
  });
});

describe("where the admin channel listens", () => {
  it("is a socket in the data directory on Linux and macOS, as long as the path fits", () => {
    expect(adminSocketOf("/srv/vangnet/data", "linux")).toEqual({ path: "/srv/vangnet/data/vangnet-admin.sock" });
    const fits = `/${"a".repeat(107 - "/vangnet-admin.sock".length - 1)}`;
    expect(adminSocketOf(fits, "linux")).toEqual({ path: `${fits}/vangnet-admin.sock` });
    expect(adminSocketOf(`${fits}b`, "linux")).toHaveProperty("unusable");
    // macOS and the BSDs allow 103 bytes.
    expect(adminSocketOf(fits, "darwin")).toHaveProperty("unusable");
  });

  it("is a named pipe on Windows, the same for every spelling of the directory and another for another directory", () => {
    const pipe = adminSocketOf("C:\\Vangnet\\data", "win32");
    expect(pipe).toEqual({ path: expect.stringMatching(/^\\\\\.\\pipe\\vangnet-admin-[0-9a-f]{24}$/) });
    expect(adminSocketOf("c:\\vangnet\\DATA\\", "win32")).toEqual(pipe);
    expect(adminSocketOf("C:\\Vangnet\\other", "win32")).not.toEqual(pipe);
  });
});
