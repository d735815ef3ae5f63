import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { encodeCursor } from "../../api/pagination.js";
import { createDb, type DbHandle } from "../../db/client.js";
import { appendChange, latestChangeSeq } from "../../db/queries/change-log.js";
import { migrate } from "../../db/migrate.js";
import { documentEntry } from "../helpers/change-entries.js";
import { cleanEnv, VANGNET_BIN } from "../helpers/run-cli.js";
import { createPostgresDatabase } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";
import { subscribeChanges } from "../helpers/ws-subscriber.js";

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn("\n[vangnet] TEST_DATABASE_URL is not set: the test of subscriptions across two `vangnet serve` processes on one Postgres is skipped.\n");

/** `vangnet serve` on a free loopback port; resolves with its port once it listens. */
function serve(databaseUrl: string): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, [VANGNET_BIN, "serve", "--port", "0", "--host", "127.0.0.1"], {
    env: cleanEnv({ DATABASE_URL: databaseUrl, LOG_LEVEL: "info", LOG_FORMAT: "json" }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.setEncoding("utf8");
  const port = new Promise<number>((resolve, reject) => {
    child.stderr?.on("data", (chunk: string) => {
      log += chunk;
      const match = /"port":(\d+)[^\n]*API listening/.exec(log);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`vangnet serve exited (${code}) before listening:\n${log}`)));
  });
  return { child, port };
}

/** Whether the server takes a WebSocket upgrade at /graphql yet (its change listener has started). */
function acceptsSubscriptions(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, "graphql-transport-ws");
    ws.once("open", () => {
      ws.close();
      resolve(true);
    });
    ws.once("error", () => resolve(false));
  });
}

/** Two API processes on one Postgres server, a writer in a third: both processes' subscribers get every change. */
describe.runIf(serverUrl)("subscriptions across two `vangnet serve` processes on one Postgres", () => {
  let handle: DbHandle;
  let drop: () => Promise<void>;
  const servers: { child: ChildProcess; port: number }[] = [];

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    handle = await createDb({ databaseUrl: database.url });
    await migrate(handle);
    for (const started of [serve(database.url), serve(database.url)]) servers.push({ child: started.child, port: await started.port });
    for (const { port, child } of servers) await waitFor(() => acceptsSubscriptions(port), { child, what: "subscriptions to be served" });
  }, 120_000);
  afterAll(async () => {
    for (const { child } of servers) child.kill("SIGTERM");
    await Promise.all(servers.map(({ child }) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await handle?.close();
    await drop?.();
  });

  it("a change committed by a third process reaches the subscribers of both, in order", async () => {
    const after = encodeCursor("change", String(await latestChangeSeq(handle.db)));
    const subscribers = servers.map(({ port }) => subscribeChanges(`http://127.0.0.1:${port}`, { after }));
    const seqs: number[] = [];
    for (let id = 1; id <= 12; id++) seqs.push(Number((await handle.db.transaction((tx) => appendChange(tx, documentEntry("document.created", id)))).seq));
    for (const subscriber of subscribers) {
      expect((await subscriber.waitFor(seqs.length)).map((change) => change.seq)).toEqual(seqs);
      await subscriber.close();
    }
  });
});
