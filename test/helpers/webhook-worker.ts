// A webhook worker as a child process, for tests that kill it (SIGKILL) and start it again:
// `node --import tsx test/helpers/webhook-worker.ts`, with the database in DATABASE_URL (Postgres)
// or VANGNET_DATA_DIR (PGlite) and the dispatcher's options as JSON in WEBHOOK_WORKER_OPTIONS.
// It says `ready` on standard output once it is delivering, and stops cleanly on SIGTERM.
import { pino } from "pino";
import { createWebhookDispatcher, type WebhookDispatcherOptions } from "../../api/webhooks/dispatcher.js";
import { createDb } from "../../db/client.js";
import { LOOPBACK_NETWORKS } from "./webhook-fixtures.js";

type WorkerOptions = Omit<WebhookDispatcherOptions, "db" | "logger" | "policy">;

const options = JSON.parse(process.env.WEBHOOK_WORKER_OPTIONS ?? "{}") as WorkerOptions;
const handle = await createDb({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.VANGNET_DATA_DIR });
const dispatcher = createWebhookDispatcher({
  ...options,
  db: handle.db,
  logger: pino({ level: "warn" }, pino.destination(2)),
  policy: { allowNetworks: LOOPBACK_NETWORKS },
});
dispatcher.start();
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void dispatcher
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
