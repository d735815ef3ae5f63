import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { parseAllowNetworks } from "./address-policy.js";
import { createCheckingLookup } from "./checking-lookup.js";
import { addressesWithoutDns, checkAddresses, defaultLookup, readWebhookUrl, WebhookUrlError, type OutboundPolicy } from "./webhook-url.js";

export { checkWebhookUrl, WebhookUrlError, type HostLookup, type OutboundPolicy, type WebhookUrlRefusal } from "./webhook-url.js";

/** The product token of every delivery's User-Agent. */
export const WEBHOOK_USER_AGENT_PRODUCT = "Vangnet-Webhooks";

/** `Vangnet-Webhooks/<version>`: the caller passes Vangnet's version (api/ does not read cli/'s package info). */
export function webhookUserAgent(version: string): string {
  return `${WEBHOOK_USER_AGENT_PRODUCT}/${version}`;
}

export interface OutboundRequest {
  /** Where to POST; checked again here (scheme, credentials, port, address) although it was checked at registration. */
  url: string;
  /** Request headers (the signature's, Content-Type). Host, Content-Length, Transfer-Encoding, Connection and User-Agent are set by postOutbound; values given for them are ignored. */
  headers: Record<string, string>;
  body: string;
  /** The whole attempt: DNS, connect, TLS, request, response headers and body. */
  timeoutMs: number;
  /** The most response body bytes read; a longer body is `too_large` and its connection closed. */
  maxResponseBytes: number;
  /** The User-Agent header, normally `webhookUserAgent(version)`; `Vangnet-Webhooks` alone when absent. */
  userAgent?: string;
}

export type OutboundResult =
  /** The receiver answered (any status, 3xx included: redirects are never followed). `bodyExcerpt` is the body, at most maxResponseBytes of it, read as UTF-8. */
  | { kind: "response"; status: number; headers: Record<string, string>; bodyExcerpt: string; elapsedMs: number }
  /** The policy refused the address at connect time (or the URL no longer passes the registration rules). Nothing was sent. */
  | { kind: "refused"; message: string }
  | { kind: "timeout"; message: string }
  | { kind: "too_large"; status: number; message: string }
  /** DNS failure, connection refused or reset, TLS error, malformed response. */
  | { kind: "network"; message: string };

const MANAGED_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "user-agent"]);

function requestHeaders(request: OutboundRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!MANAGED_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  headers["User-Agent"] = request.userAgent ?? WEBHOOK_USER_AGENT_PRODUCT;
  headers["Content-Length"] = String(Buffer.byteLength(request.body));
  return headers;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function describeFailure(error: unknown): OutboundResult {
  if (error instanceof WebhookUrlError) {
    return error.reason === "address" ? { kind: "refused", message: error.message } : { kind: "network", message: error.message };
  }
  const { code, message } = error as NodeJS.ErrnoException;
  return { kind: "network", message: code !== undefined && !message.includes(code) ? `${code}: ${message}` : message };
}

/** One POST over a fresh connection (no agent: no socket is reused, whatever host it was opened to). */
function send(url: URL, request: OutboundRequest, policy: OutboundPolicy, allowNetworks: ReturnType<typeof parseAllowNetworks>): Promise<OutboundResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, {
      method: "POST",
      agent: false,
      headers: requestHeaders(request),
      lookup: createCheckingLookup(url, policy.lookup ?? defaultLookup, allowNetworks),
    });
    const timer = setTimeout(() => finish({ kind: "timeout", message: `no complete response within ${request.timeoutMs} ms (DNS, connection, headers and body together)` }), request.timeoutMs);
    function finish(result: OutboundResult): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Closes the socket whatever state it is in; the errors this raises afterwards are ignored.
      req.destroy();
      resolve(result);
    }

    req.on("error", (error) => finish(describeFailure(error)));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const tooLarge = (size: string) => finish({ kind: "too_large", status, message: `the response body ${size}; at most ${request.maxResponseBytes} bytes are read` });
      const declared = Number(res.headers["content-length"]);
      if (declared > request.maxResponseBytes) return tooLarge(`declares ${declared} bytes`);
      const chunks: Buffer[] = [];
      let received = 0;
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > request.maxResponseBytes) return tooLarge(`went past ${request.maxResponseBytes} bytes`);
        chunks.push(chunk);
      });
      res.on("error", (error) => finish(describeFailure(error)));
      res.on("end", () =>
        finish({
          kind: "response",
          status,
          headers: flattenHeaders(res.headers),
          bodyExcerpt: Buffer.concat(chunks).toString("utf8"),
          elapsedMs: Math.round(performance.now() - started),
        }),
      );
    });
    req.end(request.body);
  });
}

/**
 * POSTs once. Never follows redirects (a 3xx is returned as a response). Never throws for network
 * conditions. The URL's rules are checked again, a literal address here and a name's addresses
 * in the connection's lookup, so what is connected to is what was checked.
 */
export async function postOutbound(request: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResult> {
  const allowNetworks = parseAllowNetworks(policy.allowNetworks);
  let url: URL;
  try {
    url = readWebhookUrl(request.url);
    const fixed = addressesWithoutDns(url);
    if (fixed !== undefined) checkAddresses(url, fixed, allowNetworks);
  } catch (error) {
    if (error instanceof WebhookUrlError) return { kind: "refused", message: error.message };
    throw error;
  }
  return send(url, request, policy, allowNetworks);
}
