import { pino } from "pino";
import { type ApiServer, createApiServer } from "../../api/server.js";
import type { DbHandle } from "../../db/client.js";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export interface TestApi {
  url: string;
  server: ApiServer;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real HTTP server on a free loopback port, serving `handle` (or not ready when omitted). */
export async function startTestApi(handle?: DbHandle): Promise<TestApi> {
  const server = await createApiServer({ logger: pino({ level: "silent" }), development: false });
  const address = await server.listen(0, "127.0.0.1");
  if (handle) server.setDatabase(handle);
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    server,
    async graphql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse<T>["body"] };
    },
    close: () => server.close(),
  };
}
