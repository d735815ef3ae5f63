/**
 * The load generator, run by load.ts in a process of its own so that it does not share an event
 * loop with the runner: autocannon's API with the spec given as JSON in argv[2]. Every response's
 * latency is kept (autocannon's own summary has no p95), and every body is checked: a GraphQL
 * answer with `errors` counts as a mismatch. Prints one JSON line (`CannonResult`) and exits.
 */
import autocannon from "autocannon";
import { latencySummary } from "./stats.js";

export interface CannonSpec {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Requests per second over all connections (autocannon's `overallRate`); none: as fast as answers come. */
  overallRate?: number;
}

export interface CannonResult {
  requests: number;
  seconds: number;
  reqPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  /** The first body that failed the check, cut short. */
  firstMismatch?: string;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? "{}") as CannonSpec;
  const latencies: number[] = [];
  let firstMismatch: string | undefined;
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: spec.url,
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      connections: spec.connections,
      duration: spec.seconds,
      ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
      timeout: 30,
      verifyBody: (body) => {
        const ok = typeof body === "string" && body.startsWith("{") && body.includes('"data"') && !body.includes('"errors"');
        if (!ok) firstMismatch ??= String(body).slice(0, 500);
        return ok;
      },
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  let non2xx = 0;
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else non2xx++;
  });
  const result = await done;
  const seconds = result.duration || (performance.now() - started) / 1000;
  const output: CannonResult = {
    requests: latencies.length,
    seconds,
    reqPerSec: latencies.length / seconds,
    latencyMs: latencySummary(latencies),
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    ...(firstMismatch ? { firstMismatch } : {}),
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`cannon: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
