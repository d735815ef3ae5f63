/**
 * The server side of `test/bench/subscriptions.ts`, in its own process so that its memory can be
 * read alone: the API on PGlite in memory (or BENCH_DATABASE_URL), limits raised for one address
 * with many subscribers. Commands on stdin, one per line, answered with one JSON line on stdout:
 * `rss` (memory after a garbage collection), `write <n>` (commit n changes whose title is the
 * commit time in milliseconds), `quit`.
 */
import { createInterface } from "node:readline";
import { pino } from "pino";
import { createApiServer } from "../../api/server.js";
import { createDb } from "../../db/client.js";
import { appendChange } from "../../db/queries/change-log.js";
import { migrate } from "../../db/migrate.js";
import { documentEntry } from "../helpers/change-entries.js";

const url = process.env.BENCH_DATABASE_URL;
const handle = await createDb(url ? { databaseUrl: url } : { dataDir: "memory://" });
await migrate(handle);
const api = await createApiServer({
  logger: pino({ level: "warn" }),
  development: false,
  serving: { subscriptions: { maxConnectionsPerIp: 100_000, maxPerConnection: 10, maxPerKey: 100_000, stallTimeoutMs: 60_000 } },
});
const address = await api.listen(0, "127.0.0.1");
api.setDatabase(handle);
while (!api.changeHub()) await new Promise((resolve) => setTimeout(resolve, 20));
let nextId = 1;
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
say({ port: address.port, driver: handle.driver });

for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === "rss") {
    globalThis.gc?.();
    say({ rss: process.memoryUsage().rss, subscribers: (api.changeHub()?.listenerCount ?? 1) - 1 });
  } else if (command === "write") {
    for (let i = 0; i < Number(arg ?? 1); i++) {
      const id = nextId++;
      await handle.db.transaction((tx) => appendChange(tx, documentEntry("document.created", id, { title: String(Date.now()) })));
    }
    say({ written: Number(arg ?? 1) });
  } else if (command === "quit") {
    break;
  }
}
await api.close();
await handle.close();
process.exit(0);
