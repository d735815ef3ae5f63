/**
 * `npm run bench`: webhook throughput, deliveries per second to a receiver on loopback.
 *
 * 2 000 changes are appended to the log of a fresh webhook's database (PGlite in memory, or the
 * Postgres server of BENCH_DATABASE_URL), then a dispatcher is started and timed until every
 * delivery is recorded as delivered: enqueueing, claiming, signing, POSTing and recording, all of
 * it. Each row varies the attempts in flight; the last uses the production defaults (16 in
 * flight, at most 4 per webhook) over 4 webhooks. Printed against the issue's target, 500/s.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { createWebhookDispatcher } from "../../api/webhooks/dispatcher.js";
import { createDb } from "../../db/client.js";
import { appendChange } from "../../db/queries/change-log.js";
import { migrate } from "../../db/migrate.js";
import { documentEntry } from "../helpers/change-entries.js";
import { buildApiKeyId, buildWebhook, LOOPBACK_NETWORKS } from "../helpers/webhook-fixtures.js";

const EVENTS = 2_000;
const TARGET_PER_SECOND = 500;
const RUNS: { concurrency: number; perWebhook: number; webhooks: number }[] = [
  { concurrency: 1, perWebhook: 1, webhooks: 1 },
  { concurrency: 4, perWebhook: 4, webhooks: 1 },
  { concurrency: 16, perWebhook: 16, webhooks: 1 },
  { concurrency: 16, perWebhook: 4, webhooks: 4 },
];

// The receiver: reads the body, answers 204 at once.
const receiver = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(204).end());
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const url = process.env.BENCH_DATABASE_URL;
const handle = await createDb(url ? { databaseUrl: url } : { dataDir: "memory://" });
const lines = [`webhook deliveries of ${EVENTS} changes to a receiver on loopback (${handle.driver}), target ${TARGET_PER_SECOND}/s`];
lines.push(`${"in flight".padEnd(22)} ${"deliveries/s".padStart(12)} ${"× target".padStart(9)} ${"errors".padStart(7)} ${"mean POST".padStart(10)} ${"mean queued→delivered".padStart(22)}`);
try {
  await migrate(handle);
  const { db } = handle;
  let document = 0;
  for (const run of RUNS) {
    await db.execute(sql`delete from webhook_subscriptions`);
    const apiKeyId = await buildApiKeyId(db, `bench ${run.concurrency}`);
    for (let n = 0; n < run.webhooks; n++) await buildWebhook(db, { apiKeyId, url: `${receiverUrl}/hook/${n}` });
    // Each webhook gets its share of the changes: every change goes to every webhook, so append EVENTS / webhooks.
    const changes = EVENTS / run.webhooks;
    await db.transaction(async (tx) => {
      for (let i = 0; i < changes; i++) await appendChange(tx, documentEntry("document.created", ++document));
    });
    let attempts = 0;
    let delivered = 0;
    let errors = 0;
    let postMs = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const dispatcher = createWebhookDispatcher({
      db,
      logger: pino({ level: "warn" }),
      policy: { allowNetworks: LOOPBACK_NETWORKS },
      concurrency: run.concurrency,
      perWebhook: run.perWebhook,
      onAttempt: (report) => {
        attempts++;
        postMs += report.elapsedMs;
        if (report.decision.delivery.status === "delivered") delivered++;
        else errors++;
        if (delivered === EVENTS) done();
      },
    });
    const started = performance.now();
    dispatcher.start();
    await finished;
    const seconds = (performance.now() - started) / 1000;
    await dispatcher.stop();
    const [latency] = await handle.rows<{ ms: string }>(
      "select avg(extract(epoch from (delivered_at - created_at)) * 1000)::text as ms from webhook_deliveries where status = 'delivered'",
    );
    const perSecond = delivered / seconds;
    const label = `${run.concurrency}${run.webhooks > 1 ? `, ${run.perWebhook}/webhook × ${run.webhooks}` : ""}`;
    lines.push(
      `${label.padEnd(22)} ${perSecond.toFixed(0).padStart(12)} ${(perSecond / TARGET_PER_SECOND).toFixed(2).padStart(9)} ${String(errors).padStart(7)} ${`${(postMs / attempts).toFixed(2)} ms`.padStart(10)} ${`${Number(latency?.ms ?? Number.NaN).toFixed(0)} ms`.padStart(22)}`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await handle.close();
  receiver.close();
}
