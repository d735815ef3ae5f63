import { chmodSync, lstatSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import type { Logger } from "pino";
import type { Database, DbHandle } from "../../db/client.js";
import { systemClock } from "../context.js";
import { adminSocketOf } from "./admin-socket.js";
import { performKeyRequest } from "./key-actions.js";
import { type KeyAnswer, KeyRequestError, MAX_REQUEST_BYTES, parseKeyRequest } from "./key-protocol.js";

/** A connection that has not sent a whole request within this time gets an error and is closed. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Key requests come from an operator at a terminal: a few at a time is plenty. */
const MAX_CONNECTIONS = 8;

export interface AdminChannel {
  /** The socket (or, on Windows, the named pipe) it listens on. */
  path: string;
  /** Stop listening, let requests under way finish, and remove the socket. */
  close(): Promise<void>;
}

export interface AdminChannelOptions {
  /** The PGlite data directory this process holds the lock of; the socket goes inside it. */
  dataDir: string;
  db: Database;
  logger: Logger;
  /** Told the hash of every key revoked through the channel (the API forgets its cached lookup). */
  onKeyRevoked?: (keyHash: string) => void;
  /** For tests: how long a connection may take to send its request. */
  requestTimeoutMs?: number;
  /** The time now, when a key is revoked; the real time when absent. */
  clock?: () => Date;
}

/**
 * Open the admin channel of a service on an embedded database: only that process may open the
 * PGlite directory, so `vangnet keys` in another process asks it to create, list or revoke keys.
 * On a Postgres server (or in memory) every process opens the database itself: null.
 */
export function openAdminChannelFor(handle: DbHandle, options: Omit<AdminChannelOptions, "dataDir" | "db">): Promise<AdminChannel | null> {
  if (handle.driver !== "pglite" || handle.location.startsWith("memory://")) return Promise.resolve(null);
  return openAdminChannel({ ...options, dataDir: handle.location, db: handle.db });
}

/**
 * Listen on the data directory's admin socket. The caller holds the directory's lock, so a socket
 * already there was left by a process that was killed, and is replaced. The socket is mode 0600:
 * only the OS user that runs the service (and root) can connect. A channel that cannot open is
 * logged and left out (null): the service itself runs on.
 */
export async function openAdminChannel(options: AdminChannelOptions): Promise<AdminChannel | null> {
  const address = adminSocketOf(options.dataDir);
  if ("unusable" in address) {
    options.logger.warn(`admin channel not opened: ${address.unusable}; vangnet keys cannot reach this process`);
    return null;
  }
  const { path } = address;
  const stale = removeStaleSocket(path);
  if (stale) {
    options.logger.warn(`admin channel not opened: ${stale}; vangnet keys cannot reach this process`);
    return null;
  }

  /** For each open connection, how to turn it away if it is still sending its request. */
  const connections = new Set<() => void>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    options.logger.debug("admin channel connection accepted");
    const turnAway = serveConnection(socket, options);
    connections.add(turnAway);
    socket.once("close", () => connections.delete(turnAway));
  });
  server.maxConnections = MAX_CONNECTIONS;
  try {
    await listenPrivately(server, path);
  } catch (error) {
    options.logger.warn({ err: error }, `admin channel not opened at ${path}; vangnet keys cannot reach this process`);
    return null;
  }
  options.logger.info({ path }, "admin channel open");

  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        // Node removes the socket file when the server has closed, after requests under way are answered.
        server.close(() => resolve());
        for (const turnAway of connections) turnAway();
      }),
  };
}

/** Remove a socket left behind by a killed process; returns why not when something else is there. */
function removeStaleSocket(path: string): string | null {
  if (process.platform === "win32") return null;
  try {
    if (!lstatSync(path).isSocket()) return `${path} exists and is not a socket (move it away)`;
    rmSync(path, { force: true });
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    return `${path} cannot be replaced: ${(error as Error).message}`;
  }
}

/**
 * `listen()` creates the socket file before it returns: with a umask of 0177 the file is 0600 from
 * its first moment, so no other user can connect before a chmod could run. Where the umask cannot
 * be set (Node refuses in a worker thread), the socket is made 0600 as soon as it listens.
 */
function listenPrivately(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const umask = process.platform === "win32" ? undefined : setUmask(0o177);
    server.once("error", reject);
    try {
      server.listen(path, () => {
        server.off("error", reject);
        try {
          if (umask === null) chmodSync(path, 0o600);
          resolve();
        } catch (error) {
          server.close();
          reject(error as Error);
        }
      });
    } finally {
      if (umask !== undefined && umask !== null) process.umask(umask);
    }
  });
}

/** Set the process's umask; returns the previous one, or null where it cannot be set. */
function setUmask(mask: number): number | null {
  try {
    return process.umask(mask);
  } catch {
    return null;
  }
}

/**
 * Read one request line from a connection, perform it, answer one line and close. Returns what
 * the channel calls when it shuts down: a connection still sending its request is told so.
 */
function serveConnection(socket: Socket, options: AdminChannelOptions): () => void {
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  const answer = (reply: KeyAnswer) => {
    done = true;
    socket.end(`${JSON.stringify(reply)}\n`);
  };
  const refuse = (message: string) => {
    options.logger.warn({ problem: message }, "admin request refused");
    answer({ ok: false, error: message });
  };

  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  socket.setTimeout(timeoutMs, () => {
    if (!done) refuse(`no whole request within ${timeoutMs / 1000} s: send one line of JSON ending in a newline`);
  });
  socket.on("error", () => {
    // The client went away; there is no one to answer.
  });
  const perform = (line: string) => {
    done = true;
    socket.setTimeout(0);
    handleRequest(line, options).then(answer, (error: unknown) => {
      options.logger.error({ err: error }, "admin request failed");
      answer({ ok: false, error: `the service could not perform the request: ${(error as Error).message}` });
    });
  };
  socket.on("data", (chunk: Buffer) => {
    if (done) return;
    const newline = chunk.indexOf(0x0a);
    const end = newline === -1 ? chunk.length : newline;
    if (length + end > MAX_REQUEST_BYTES) return refuse(`the request is longer than ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk.subarray(0, end));
    length += end;
    if (newline !== -1) perform(Buffer.concat(chunks).toString("utf8"));
  });
  socket.on("end", () => {
    if (!done) perform(Buffer.concat(chunks).toString("utf8"));
  });
  return () => {
    if (!done) answer({ ok: false, error: "the service is shutting down; once it has stopped, vangnet keys opens the database itself" });
  };
}

async function handleRequest(line: string, options: AdminChannelOptions): Promise<KeyAnswer> {
  let request;
  try {
    request = parseKeyRequest(line);
  } catch (error) {
    if (!(error instanceof KeyRequestError)) throw error;
    options.logger.warn({ problem: error.message }, "malformed admin request");
    return { ok: false, error: error.message };
  }
  const result = await performKeyRequest(options.db, request, { now: (options.clock ?? systemClock)(), onKeyRevoked: options.onKeyRevoked });
  // An audit trail of key changes in the service's log; never the secret.
  if (result.action === "create") options.logger.info({ prefix: result.key.prefix, tier: result.key.tier }, "API key created through the admin channel");
  if (result.action === "revoke" && result.key) options.logger.info({ prefix: result.prefix }, "API key revoked through the admin channel");
  return { ok: true, result };
}
