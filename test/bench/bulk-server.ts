/**
 * The server side of `test/bench/bulk-export.ts`, in its own process so that its memory is its
 * own: seeds BENCH_DOCUMENTS documents (PGlite in memory, or BENCH_DATABASE_URL), serves the API,
 * and answers commands on stdin with one JSON line: `rss` (resident memory now, in bytes),
 * `select` (the documents dataset's SELECT, for psql's COPY on Postgres), `copy` (PGlite's
 * reference: the same SELECT through COPY … TO '/dev/blob', timed in ms), `quit`.
 */
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { createApiServer } from "../../api/server.js";
import { bulkDataset } from "../../db/bulk/datasets.js";
import { datasetSelectText } from "../../db/bulk/export-dataset.js";
import { createDb } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";

const url = process.env.BENCH_DATABASE_URL;
const documents = Number(process.env.BENCH_DOCUMENTS ?? 500_000);
const handle = await createDb(url ? { databaseUrl: url, statementTimeoutMs: 0 } : { dataDir: "memory://" });
await migrate(handle);
await handle.db.execute(sql`delete from documents where uri like 'bench:%'`);
await handle.db.execute(sql`
  insert into documents (kind, uri, source_id, municipality_nis, title, text, content_hash, published_at)
  select 'press_release', 'bench:' || g, null, '44021', 'Bericht ' || g || ', "huurpremie"',
         'De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen. Bericht ' || g,
         md5(g::text), timestamptz '2020-01-01' + (g * interval '7 minutes')
  from generate_series(1, ${documents}) as g`);
await handle.db.execute(sql`analyze documents`);
// Logs go to stderr: stdout answers the bench's commands.
const api = await createApiServer({ logger: pino({ level: "warn" }, pino.destination(2)), development: false, serving: { rateLimit: { anonymous: 1_000_000 } } });
const address = await api.listen(0, "127.0.0.1");
api.setDatabase(handle);
while (!api.changeHub()) await new Promise((resolve) => setTimeout(resolve, 20));
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
say({ port: address.port, driver: handle.driver, documents });

const select = datasetSelectText(bulkDataset("documents") as NonNullable<ReturnType<typeof bulkDataset>>);
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === "rss") say({ rss: process.memoryUsage().rss });
  else if (command === "select") say({ select });
  else if (command === "copy") {
    const start = performance.now();
    await handle.rows(`copy (${select}) to '/dev/blob' with csv header`);
    say({ ms: performance.now() - start });
  } else if (command === "quit") break;
}
await api.close();
await handle.close();
process.exit(0);
