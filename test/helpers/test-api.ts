import { pino } from "pino";
import { type ApiServer, type ApiServerOptions, createApiServer } from "../../api/server.js";
import type { DbHandle } from "../../db/client.js";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  /** The response without its `extensions`, which every response carries (the query cost). */
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  extensions?: Record<string, unknown>;
}

export interface TestApi {
  url: string;
  server: ApiServer;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** What a test may set of the server: serving overrides (low rate limits, say), a harvest, a fixed clock. */
export type TestApiOptions = Pick<ApiServerOptions, "serving" | "harvest" | "clock" | "municipalities" | "snapshotDir" | "webhooks" | "maxBulkExports" | "metricsToken"> & {
  /** The server's logger (silent when absent). */
  logger?: ApiServerOptions["logger"];
};

/**
 * The real HTTP server on a free loopback port, serving `handle` (or not ready when omitted), with
 * the default serving options, no first harvest and the real time unless `options` says otherwise.
 */
export async function startTestApi(handle?: DbHandle, options: TestApiOptions & { readReplica?: DbHandle } = {}): Promise<TestApi> {
  const { logger = pino({ level: "silent" }), serving, readReplica, ...rest } = options;
  // Counters in the server's own memory unless a test asks for a shared store: test servers on one
  // database would otherwise share budgets, and statement counts would include the counters'.
  const server = await createApiServer({ logger, development: false, serving: { ...serving, rateLimit: { store: "memory", ...serving?.rateLimit } }, ...rest });
  const address = await server.listen(0, "127.0.0.1");
  if (handle) {
    server.setDatabase(handle, readReplica);
    // Ready when the change hub has read the log's head: its first statements are behind us,
    // so tests that count statements see only their own.
    while (!server.changeHub()) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    server,
    async graphql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const { extensions, ...body } = (await response.json()) as GraphQLResponse<T>["body"] & { extensions?: Record<string, unknown> };
      return { status: response.status, headers: response.headers, body, ...(extensions ? { extensions } : {}) };
    },
    close: () => server.close(),
  };
}
