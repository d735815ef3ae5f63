import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookMessageId } from "../../api/webhooks/webhook-ids.js";
import type { DbHandle } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { createSharedTestDatabase, testDriver } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";
import { appendDocumentChange, buildApiKeyId, buildWebhook, readDeliveries } from "../helpers/webhook-fixtures.js";
import { type ReceivedRequest, startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.js";

const WORKER = join(import.meta.dirname, "../helpers/webhook-worker.ts");
const EVENTS = 24;
const CONCURRENCY = 4;
/** Accepted deliveries before the kill: the worker dies with some delivered, some in flight, some waiting for a retry. */
const KILL_AFTER_ACCEPTED = 8;
const WORKER_OPTIONS = { concurrency: CONCURRENCY, perWebhook: CONCURRENCY, timeoutMs: 1_000, leaseMs: 1_500, pollIntervalMs: 50, retry: { delaysMs: [100, 200, 400, 800, 1_600, 3_200], jitter: 0 } };

/** The webhook worker killed with SIGKILL mid-schedule, then started again: every event arrives, and a duplicate only of what was in flight. */
describe(`a webhook worker killed with SIGKILL and restarted (${testDriver})`, () => {
  let receiver: WebhookReceiver;
  let env: Record<string, string>;
  let open: () => Promise<DbHandle>;
  let drop: () => Promise<void> = async () => {};
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    ({ env, open, drop } = await createSharedTestDatabase("vangnet-webhook-kill"));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await receiver?.close();
    await drop();
  });

  function startWorker(): { child: ChildProcess; exited: Promise<void>; ready: Promise<void> } {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: { ...process.env, ...env, WEBHOOK_WORKER_OPTIONS: JSON.stringify(WORKER_OPTIONS) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) resolve();
      });
      child.once("exit", (code, signal) => reject(new Error(`the worker exited (${code ?? signal}) before it was ready`)));
    });
    ready.catch(() => {});
    return { child, exited, ready };
  }

  it("delivers every event, each accepted once except what was in flight at the kill, under one webhook-id", async () => {
    // The data: a webhook, then the events it will receive.
    const { webhookId, secret, seqs } = await (async () => {
      const handle = await open();
      await migrate(handle);
      const webhook = await buildWebhook(handle.db, { apiKeyId: await buildApiKeyId(handle.db), url: `${receiver.url}/newsroom` });
      const appended: number[] = [];
      for (let i = 0; i < EVENTS; i++) appended.push((await appendDocumentChange(handle.db, "document.created", 100 + i)).seq);
      await handle.close();
      return { webhookId: webhook.row.id, secret: webhook.secret, seqs: appended };
    })();

    // The receiver: each event's first attempt fails (500), later ones succeed slowly. When the
    // eighth success has been answered, the next request to arrive is in flight: the worker is killed then.
    let first = startWorker();
    let killedAt: number | undefined;
    const accepted = (requests: ReceivedRequest[]) => requests.filter((r) => r.answered === 200);
    receiver.route(
      "/newsroom",
      (request, previous) => {
        if (previous === 0) return { status: 500, delayMs: 20 };
        if (killedAt === undefined && accepted(receiver.at("/newsroom")).length >= KILL_AFTER_ACCEPTED) {
          killedAt = receiver.requests.indexOf(request);
          first.child.kill("SIGKILL");
        }
        return { status: 200, delayMs: 150 };
      },
      [secret],
    );
    await first.ready;
    await first.exited;
    expect(first.child.signalCode).toBe("SIGKILL");

    // What the queue says at the kill: delivered, in flight (leased, never recorded), waiting.
    let inFlightAtKill: Set<string>;
    let deliveredAtKill: Set<string>;
    {
      const handle = await open();
      const rows = await readDeliveries(handle.db, webhookId);
      await handle.close();
      const idOf = (seq: number) => webhookMessageId(webhookId, seq);
      inFlightAtKill = new Set(rows.filter((r) => r.status === "pending" && r.leasedUntil !== null).map((r) => idOf(r.changeSeq)));
      deliveredAtKill = new Set(rows.filter((r) => r.status === "delivered").map((r) => idOf(r.changeSeq)));
      expect(rows).toHaveLength(EVENTS);
      expect(deliveredAtKill.size).toBeGreaterThanOrEqual(1);
      // Mid-schedule: some events still wait for an attempt or a retry.
      expect(rows.filter((r) => r.status === "pending" && r.leasedUntil === null).length).toBeGreaterThanOrEqual(1);
    }
    // The request that triggered the kill was in flight, so the queue holds at least that one leased.
    const trigger = receiver.requests[killedAt as number];
    expect(inFlightAtKill).toContain(trigger?.headers["webhook-id"]);
    expect(inFlightAtKill.size).toBeLessThanOrEqual(CONCURRENCY);
    const requestsAtKill = receiver.at("/newsroom").length;

    // Started again: it delivers the rest, and the in-flight ones once their lease has run out.
    const second = startWorker();
    first = second;
    await second.ready;
    const ids = seqs.map((seq) => webhookMessageId(webhookId, seq));
    await waitFor(
      () => {
        const all = receiver.at("/newsroom");
        const acceptedIds = new Set(accepted(all).map((r) => r.headers["webhook-id"]));
        const retriedAfterRestart = new Set(all.slice(requestsAtKill).filter((r) => r.answered === 200).map((r) => r.headers["webhook-id"]));
        return ids.every((id) => acceptedIds.has(id)) && [...inFlightAtKill].every((id) => retriedAfterRestart.has(id));
      },
      { child: second.child, what: "every event was accepted" },
    );
    second.child.kill("SIGTERM");
    await second.exited;
    expect(second.child.exitCode).toBe(0);

    // The queue: every delivery delivered.
    const handle = await open();
    const rows = await readDeliveries(handle.db, webhookId);
    await handle.close();
    expect(rows.map((r) => r.status)).toEqual(Array(EVENTS).fill("delivered"));
    for (const row of rows) if (inFlightAtKill.has(webhookMessageId(webhookId, row.changeSeq))) expect(row.attempts).toBeGreaterThanOrEqual(2);

    // The receiver: every request signed; one webhook-id per event across all its attempts.
    const all = receiver.at("/newsroom");
    expect(all.every((r) => r.verifiedWith.length === 1)).toBe(true);
    for (const seq of seqs) {
      expect(new Set(all.filter((r) => r.seq === String(seq)).map((r) => r.headers["webhook-id"]))).toEqual(new Set([webhookMessageId(webhookId, seq)]));
    }
    // Each event accepted exactly once, except those in flight at the kill: at most twice, same webhook-id.
    const acceptedCount = new Map<string, number>();
    for (const request of accepted(all)) acceptedCount.set(request.headers["webhook-id"] as string, (acceptedCount.get(request.headers["webhook-id"] as string) ?? 0) + 1);
    expect([...acceptedCount.keys()].sort()).toEqual([...ids].sort());
    const duplicates = [...acceptedCount].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicates.every((id) => inFlightAtKill.has(id))).toBe(true);
    expect(Math.max(...acceptedCount.values())).toBeLessThanOrEqual(2);
    for (const id of deliveredAtKill) expect(acceptedCount.get(id)).toBe(1);
    // The request in flight at the kill was answered 200 to a dead worker: it is the duplicate.
    expect(duplicates).toContain(trigger?.headers["webhook-id"]);
  }, 120_000);
});
