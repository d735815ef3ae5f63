/**
 * `npm run bench`: N subscribers of `changes` on one API process (N = 1 000, 5 000, 10 000), one
 * change committed per second: memory per subscriber (a fresh server's RSS with N subscribers
 * minus its RSS with none, over N), mean and p99 change-to-client latency (commit time, carried in the change's
 * title, to the client's receipt; clients and server share this machine's two cores and clock),
 * and errors (failed connections or subscriptions, and changes a subscriber did not get). Targets
 * (issue 13): 10 000 subscribers, 0 errors, mean latency ≤ 1 s. BENCH_SUBSCRIBERS="1000,5000"
 * chooses the levels, BENCH_CHANGES the changes per level (default 10).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const LEVELS = (process.env.BENCH_SUBSCRIBERS ?? "1000,5000,10000").split(",").map(Number);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10);
const CONNECT_BATCH = 250;

const rows: string[] = [];

for (const n of LEVELS) {
  // A fresh server per level: RSS never shrinks, so a level must not start where the last ended.
  const server = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "test/bench/subscription-server.ts"], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  const ask = async (command?: string): Promise<Record<string, number>> => {
    if (command) server.stdin.write(`${command}\n`);
    const { value } = await lines.next();
    return JSON.parse(String(value)) as Record<string, number>;
  };
  const { port } = await ask();
  const url = `ws://127.0.0.1:${port}/graphql`;
  const base = await ask("rss");
  let errors = 0;
  const latencies: number[] = [];
  const receivedBy = new Array<number>(n).fill(0);
  const clients: ReturnType<typeof createClient>[] = [];
  let subscribed = 0;
  for (let start = 0; start < n; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, n - start) }, (_, offset) => start + offset);
    await Promise.all(
      batch.map(
        (index) =>
          new Promise<void>((resolve) => {
            const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, on: { connected: () => resolve(), closed: () => resolve() } });
            clients.push(client);
            client.subscribe<{ changes: { node: { title: string } } }>(
              { query: "subscription { changes { cursor node { seq event title } } }" },
              {
                next: (result) => {
                  const title = result.data?.changes.node.title;
                  if (!title) return void errors++;
                  latencies.push(Date.now() - Number(title));
                  receivedBy[index] = (receivedBy[index] ?? 0) + 1;
                },
                error: () => void errors++,
                complete: () => {},
              },
            );
          }),
      ),
    );
  }
  // Every subscription registered with the hub before the first change.
  for (let wait = 0; wait < 600; wait++) {
    subscribed = (await ask("rss")).subscribers ?? 0;
    if (subscribed >= n) break;
    await sleep(100);
  }
  const loaded = await ask("rss");
  for (let i = 0; i < CHANGES; i++) {
    await ask("write 1");
    await sleep(1_000);
  }
  for (let wait = 0; wait < 100 && receivedBy.some((count) => count < CHANGES); wait++) await sleep(100);
  const missed = receivedBy.reduce((sum, count) => sum + Math.max(0, CHANGES - count), 0);
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN;
  const perSubscriberKiB = ((loaded.rss ?? 0) - (base.rss ?? 0)) / n / 1024;
  rows.push(
    `| ${n} | ${subscribed} | ${perSubscriberKiB.toFixed(1)} KiB | ${mean.toFixed(0)} ms | ${p99.toFixed(0)} ms | ${errors + missed} | ${(mean / 1000).toFixed(2)}× |`,
  );
  process.stdout.write(`${rows.at(-1)}\n`);
  await Promise.all(clients.map((client) => client.dispose()));
  await ask("quit").catch(() => ({}));
  server.kill();
}

process.stdout.write(`\nsubscriptions: ${CHANGES} changes at one per second, one server process (${process.platform}, ${LEVELS.join("/")} subscribers)\n`);
process.stdout.write("| subscribers | registered | memory per subscriber | mean latency | p99 latency | errors | mean vs 1 s target |\n|---|---|---|---|---|---|---|\n");
for (const row of rows) process.stdout.write(`${row}\n`);
