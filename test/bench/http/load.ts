/**
 * One load measurement: autocannon in a child process (cannon.ts) against one URL with a fixed
 * number of connections for a fixed time, POST (or GET) GraphQL. Fails when a response was not a
 * 2xx answer with `data` and no `errors`, so that a rate limit, a broken query or a crash can
 * never pass for a fast server.
 */
import { join } from "node:path";
import type { CannonResult, CannonSpec } from "./cannon.js";
import { runToEnd } from "./processes.js";

export type { CannonResult as LoadResult } from "./cannon.js";

const CANNON = join(import.meta.dirname, "cannon.ts");
const ROOT = join(import.meta.dirname, "..", "..", "..");

/** A GraphQL request as the load generator sends it. */
export interface GraphqlRequest {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** GET with the query in the URL (cacheable) instead of POST. */
  get?: boolean;
}

export function cannonSpecOf(request: GraphqlRequest, load: { connections: number; seconds: number; overallRate?: number }): CannonSpec {
  const headers: Record<string, string> = { accept: "application/json" };
  if (request.get) {
    const url = new URL(request.url);
    url.searchParams.set("query", request.query);
    if (request.variables) url.searchParams.set("variables", JSON.stringify(request.variables));
    // CSRF prevention lets a GET through with this header (README, "HTTP API").
    headers["apollo-require-preflight"] = "true";
    return { url: url.toString(), method: "GET", headers, ...load };
  }
  headers["content-type"] = "application/json";
  return { url: request.url, method: "POST", headers, body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }), ...load };
}

export async function runLoad(request: GraphqlRequest, load: { connections: number; seconds: number; overallRate?: number }): Promise<CannonResult> {
  const spec = cannonSpecOf(request, load);
  const output = await runToEnd("autocannon", process.execPath, ["--import", "tsx", CANNON, JSON.stringify(spec)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production" },
    timeoutMs: (load.seconds + 60) * 1000,
  });
  const result = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as CannonResult;
  const failed = result.non2xx + result.errors + result.timeouts + result.mismatches;
  if (failed > 0 || result.requests === 0) {
    throw new Error(
      `${request.url}: ${result.requests} good answers, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ${result.mismatches} bodies with errors${result.firstMismatch ? ` (first: ${result.firstMismatch})` : ""}`,
    );
  }
  return result;
}

/** One GraphQL request with fetch: its JSON, or an error naming what came back. */
export async function askGraphql<T = Record<string, unknown>>(request: GraphqlRequest): Promise<T> {
  const spec = cannonSpecOf(request, { connections: 1, seconds: 0 });
  const response = await fetch(spec.url, { method: spec.method, headers: spec.headers, body: spec.body ?? null });
  const text = await response.text();
  let json: { data?: T; errors?: unknown[] };
  try {
    json = JSON.parse(text) as { data?: T; errors?: unknown[] };
  } catch {
    throw new Error(`${request.url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  if (!response.ok || json.errors || !json.data) throw new Error(`${request.url} answered ${response.status}: ${text.slice(0, 500)}`);
  return json.data;
}
