/**
 * `npm run bench`: bulk export speed and memory. BENCH_DOCUMENTS documents (default 500 000) are
 * seeded into a server process of their own (PGlite in memory; and the Postgres server of
 * BENCH_DATABASE_URL when set), then, side by side and alternating (A B A B …), timed:
 * `GET /bulk/documents.csv` read to its end, against the reference, the same SELECT through
 * COPY … TO STDOUT WITH CSV (psql on Postgres; COPY TO '/dev/blob' inside PGlite), and
 * `GET /bulk/documents.parquet`. Rows per second are medians; the server's RSS is sampled every
 * 100 ms during the exports (peak per format, against its RSS before them). Targets (issue 14): CSV ≥ 0.5×
 * COPY, peak RSS ≤ 256 MB and flat as rows grow.
 */
import { spawn, spawnSync } from "node:child_process";
import { get } from "node:http";
import { createInterface } from "node:readline";

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function benchDriver(databaseUrl: string | undefined): Promise<string[]> {
  const server = spawn(process.execPath, ["--import", "tsx", "test/bench/bulk-server.ts"], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl ?? "", BENCH_DOCUMENTS: String(DOCUMENTS) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
  let queue = Promise.resolve<unknown>(undefined);
  // Commands are answered in order; one at a time.
  const ask = (command: string) =>
    (queue = queue.then(async () => {
      server.stdin.write(`${command}\n`);
      return JSON.parse(String((await lines.next()).value)) as Record<string, unknown>;
    })) as Promise<Record<string, unknown>>;
  const { value: first } = await lines.next();
  const { port, driver } = JSON.parse(String(first)) as { port: number; driver: string };
  process.stderr.write(`bulk export bench: ${DOCUMENTS} documents seeded on ${driver}\n`);
  const baseRss = Number((await ask("rss")).rss);
  const peakRss = { csv: baseRss, parquet: baseRss };
  // The first CSV export runs before anything else has grown the process (PGlite's COPY reference
  // runs inside it, DuckDB's Parquet too): its samples show whether memory stays flat as rows go out.
  let firstCsv: { at: number; rss: number }[] | undefined;

  async function timedGet(format: "csv" | "parquet"): Promise<number> {
    let sampling = true;
    const samples: { at: number; rss: number }[] = [];
    const sampler = (async () => {
      while (sampling) {
        const rss = Number((await ask("rss")).rss);
        samples.push({ at: performance.now(), rss });
        peakRss[format] = Math.max(peakRss[format], rss);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const start = performance.now();
    // A new connection per download: a kept-alive one can be closed by the server's keep-alive
    // timer just as the next request goes out (the COPY reference runs in between).
    const { status, bytes } = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      get(`http://127.0.0.1:${port}/bulk/documents.${format}`, { agent: false, headers: { "accept-encoding": "identity" } }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on("error", reject);
      }).on("error", reject);
    });
    const ms = performance.now() - start;
    sampling = false;
    await sampler;
    if (status !== 200 || bytes === 0) throw new Error(`/bulk/documents.${format} answered ${status} with ${bytes} bytes`);
    if (format === "csv" && !firstCsv) firstCsv = samples.map(({ at, rss }) => ({ at: (at - start) / ms, rss }));
    return ms;
  }

  const select = String((await ask("select")).select);
  async function reference(settings: string[] = []): Promise<number> {
    if (!databaseUrl) return Number((await ask("copy")).ms);
    const start = performance.now();
    const result = spawnSync("psql", [databaseUrl, "-X", "-q", ...settings.flatMap((setting) => ["-c", setting]), "-c", `copy (${select}) to stdout with csv header`], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 30 });
    if (result.status !== 0) throw new Error(`psql failed: ${String(result.stderr)}`);
    return performance.now() - start;
  }

  const csv: number[] = [];
  const copy: number[] = [];
  const parquet: number[] = [];
  // On the server, psql's COPY also without JIT: PostgreSQL compiles this query's expressions
  // just in time by default, which costs psql's session more than it costs the API's.
  const copyWithoutJit: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    csv.push(await timedGet("csv"));
    copy.push(await reference());
    parquet.push(await timedGet("parquet"));
    if (databaseUrl) copyWithoutJit.push(await reference(["set jit = off"]));
  }
  await ask("quit").catch(() => undefined);
  server.kill();
  const rowsPerSecond = (ms: number) => Math.round(DOCUMENTS / (ms / 1000));
  const peakWhere = (test: (at: number) => boolean) => Math.max(baseRss, ...(firstCsv ?? []).filter((sample) => test(sample.at)).map((sample) => sample.rss));
  const flat = `first CSV export: ${mb(peakWhere((at) => at < 0.5))} in its first half, ${mb(peakWhere((at) => at >= 0.5))} in its second`;
  const reference_ = databaseUrl ? "psql COPY … TO STDOUT CSV" : "PGlite COPY … TO '/dev/blob' CSV";
  return [
    `| ${driver} | /bulk/documents.csv | ${rowsPerSecond(median(csv)).toLocaleString("en-US")} | ${(median(copy) / median(csv)).toFixed(2)}× ${reference_} (${rowsPerSecond(median(copy)).toLocaleString("en-US")} rows/s) | ${mb(peakRss.csv)} (before: ${mb(baseRss)}; ${flat}) |`,
    `| ${driver} | /bulk/documents.parquet | ${rowsPerSecond(median(parquet)).toLocaleString("en-US")} | ${(median(copy) / median(parquet)).toFixed(2)}× the same | ${mb(peakRss.parquet)} |`,
    ...(databaseUrl
      ? [`| ${driver} | (reference) psql COPY with \`set jit = off\` | ${rowsPerSecond(median(copyWithoutJit)).toLocaleString("en-US")} | CSV export ${(median(copyWithoutJit) / median(csv)).toFixed(2)}×, Parquet ${(median(copyWithoutJit) / median(parquet)).toFixed(2)}× of it | |`]
      : []),
  ];
}

// BENCH_ONLY=postgres or pglite runs one of the two.
const only = process.env.BENCH_ONLY;
const rows = [
  ...(only === "postgres" ? [] : await benchDriver(undefined)),
  ...(process.env.BENCH_DATABASE_URL && only !== "pglite" ? await benchDriver(process.env.BENCH_DATABASE_URL) : []),
];
process.stdout.write(`\nbulk export of ${DOCUMENTS.toLocaleString("en-US")} documents, medians of ${RUNS} alternating runs (target: CSV ≥ 0.5× COPY, peak RSS ≤ 256 MB)\n`);
process.stdout.write("| database | export | rows/s | against COPY | server peak RSS during these exports |\n|---|---|---|---|---|\n");
for (const row of rows) process.stdout.write(`${row}\n`);
