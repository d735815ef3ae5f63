import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { cleanEnv, VANGNET_BIN } from "../helpers/run-cli.js";
import { createSharedTestDatabase, testDriver } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";
import { appendDocumentChange, buildApiKeyId, buildWebhook, readDeliveries } from "../helpers/webhook-fixtures.js";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.js";

/** `vangnet worker`, as a user runs it, delivers webhooks; the allow-list comes from the environment. */
describe(`vangnet worker delivers webhooks (${testDriver})`, { timeout: 120_000 }, () => {
  let receiver: WebhookReceiver;
  let env: Record<string, string>;
  let open: () => Promise<DbHandle>;
  let drop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    ({ env, open, drop } = await createSharedTestDatabase("vangnet-webhook-worker"));
  });
  afterAll(async () => {
    await receiver?.close();
    await drop();
  });

  it("delivers a change signed, with Vangnet's User-Agent, and stops cleanly on SIGTERM", async () => {
    const handle = await open();
    await migrate(handle);
    const webhook = await buildWebhook(handle.db, { apiKeyId: await buildApiKeyId(handle.db), url: `${receiver.url}/cli` });
    const change = await appendDocumentChange(handle.db, "document.created", 42);
    await handle.close();
    receiver.route("/cli", () => ({ status: 200 }), [webhook.secret]);

    const child = spawn(process.execPath, [VANGNET_BIN, "worker"], {
      env: cleanEnv({ ...env, VANGNET_WEBHOOK_ALLOWED_NETWORKS: "127.0.0.0/8,::1/128", LOG_FORMAT: "json", LOG_LEVEL: "info" }),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await waitFor(() => receiver.at("/cli").length > 0, { child, what: "the receiver got the delivery" });
    // The worker records the delivery before it stops: SIGTERM waits for attempts in flight.
    await waitFor(() => stderr.includes('"msg":"webhook deliveries started"'), { child, what: "the start was logged" });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);

    const [request] = receiver.at("/cli");
    expect(request?.headers["user-agent"]).toMatch(/^Vangnet-Webhooks\/\d+\.\d+\.\d+$/);
    expect(request?.headers["webhook-id"]).toBe(`msg_${webhook.row.id}_${change.seq}`);
    expect(request?.verifiedWith).toEqual([webhook.secret]);
    // The allow-list is for tests: the worker says so when it is set.
    expect(stderr).toMatch(/VANGNET_WEBHOOK_ALLOWED_NETWORKS is set/);
    const after = await open();
    const deliveries = await readDeliveries(after.db, webhook.row.id);
    await after.close();
    expect(deliveries.map((d) => [d.changeSeq, d.status, d.attempts])).toEqual([[change.seq, "delivered", 1]]);
  });
});
