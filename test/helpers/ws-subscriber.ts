import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface ReceivedChange {
  cursor: string;
  seq: number;
  event: string;
  title: string | null;
}

export interface ChangeSubscriber {
  received: ReceivedChange[];
  errors: unknown[];
  /** Resolves when at least `count` changes have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedChange[]>;
  /** Completes the subscription and closes the connection. */
  close(): Promise<void>;
  client: Client;
}

const SELECTION = "cursor node { seq event title }";

/** A graphql-ws client subscribed to `changes(filter, after)` on the test API at `url` (http://…). */
export function subscribeChanges(url: string, options: { filter?: Record<string, unknown>; after?: string | null; apiKey?: string; selection?: string } = {}): ChangeSubscriber {
  const client = createClient({
    url: `${url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: options.apiKey ? { apiKey: options.apiKey } : undefined,
    retryAttempts: 0,
    lazy: false,
  });
  const received: ReceivedChange[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const unsubscribe = client.subscribe<{ changes: { cursor: string; node: { seq: string; event: string; title: string | null } } }>(
    {
      query: `subscription ($filter: ChangeFilter, $after: String) { changes(filter: $filter, after: $after) { ${options.selection ?? SELECTION} } }`,
      variables: { filter: options.filter ?? null, after: options.after ?? null },
    },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        const edge = result.data?.changes;
        if (edge) received.push({ cursor: edge.cursor, seq: Number(edge.node.seq), event: edge.node.event, title: edge.node.title });
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: () => notify(),
    },
  );
  return {
    received,
    errors,
    client,
    waitFor: (count, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received);
          } else if (errors.length) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`subscription failed after ${received.length} changes: ${JSON.stringify(errors)}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for ${count} changes, got ${received.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}
