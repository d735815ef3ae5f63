import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** One request a receiver got, with what it made of it. */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The change's `seq` from the body (`data.seq`), or null when the body was not a delivery. */
  seq: string | null;
  /** Every secret registered for the path that verifies the signature (Standard Webhooks `verify`). */
  verifiedWith: string[];
  /** The status the receiver answered (or will answer after its delay); null for a request left hanging. */
  answered: number | null;
}

/** How a path answers; `hang` never answers (the sender's timeout must end the attempt). */
export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | "hang";

/** Decides the answer from the request and how many requests with its `webhook-id` came before it. */
export type ReceiverBehaviour = (request: ReceivedRequest, previousAttempts: number) => ReceiverAnswer;

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: ReceivedRequest[];
  /** Answer requests to `path` this way, and verify their signatures with these secrets. */
  route(path: string, behaviour: ReceiverBehaviour, secrets?: string[]): void;
  /** Requests to `path`, in arrival order. */
  at(path: string): ReceivedRequest[];
  close(): Promise<void>;
}

/** Verify with each secret the way a receiver would, using the standardwebhooks package. */
function secretsThatVerify(secrets: readonly string[], body: string, headers: Record<string, string>): string[] {
  return secrets.filter((secret) => {
    try {
      new Webhook(secret).verify(body, headers);
      return true;
    } catch {
      return false;
    }
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function seqOf(body: string): string | null {
  try {
    return (JSON.parse(body) as { data?: { seq?: string } }).data?.seq ?? null;
  } catch {
    return null;
  }
}

/**
 * A webhook receiver on 127.0.0.1 that records every request and answers per path as a test says
 * (200 by default). Paths without a route answer 404.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const routes = new Map<string, { behaviour: ReceiverBehaviour; secrets: string[] }>();
  const requests: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then((body) => {
      const path = new URL(req.url ?? "/", "http://receiver").pathname;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const route = routes.get(path);
      const request: ReceivedRequest = { path, headers, body, seq: seqOf(body), verifiedWith: secretsThatVerify(route?.secrets ?? [], body, headers), answered: null };
      const previous = requests.filter((r) => r.path === path && r.headers["webhook-id"] === headers["webhook-id"]).length;
      requests.push(request);
      const answer = route ? route.behaviour(request, previous) : { status: 404 };
      if (answer === "hang") return;
      request.answered = answer.status;
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.headers).end(answer.body ?? "");
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, behaviour, secrets = []) => routes.set(path, { behaviour, secrets }),
    at: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
