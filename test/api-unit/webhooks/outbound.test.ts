import type { LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkWebhookUrl, postOutbound, webhookUserAgent, type OutboundPolicy, type OutboundRequest } from "../../../api/webhooks/outbound.js";
import { waitFor } from "../../helpers/wait-for.js";

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  port: number;
  origin: string;
  /** Every TCP connection accepted, requests or not. */
  connections: number;
  requests: Received[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** A webhook receiver on 127.0.0.1 that records what reaches it and answers with `respond`. */
async function startReceiver(respond: (res: ServerResponse, req: IncomingMessage) => void): Promise<Receiver> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      receiver.requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      respond(res, req);
    });
  });
  server.on("connection", () => (receiver.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    port,
    origin: `http://127.0.0.1:${port}`,
    connections: 0,
    requests: [],
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  receivers.push(receiver);
  return receiver;
}

/** A port on 127.0.0.1 nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const loopback: OutboundPolicy = { allowNetworks: ["127.0.0.0/8", "::1/128"] };

function delivery(url: string, overrides: Partial<OutboundRequest> = {}): OutboundRequest {
  return { url, headers: { "Content-Type": "application/json" }, body: '{"type":"document.created"}', timeoutMs: 5_000, maxResponseBytes: 64 * 1024, ...overrides };
}

/** A resolver that answers each call with the next list of addresses (the last one repeats). */
function answeringInTurn(...answers: string[][]): OutboundPolicy["lookup"] & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const answer = answers[Math.min(calls.length, answers.length) - 1] ?? [];
    return answer.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

describe("postOutbound to a receiver on loopback (allow-list set)", () => {
  it("POSTs the body with the caller's headers, its own User-Agent and length, and returns the answer", async () => {
    const receiver = await startReceiver((res) => {
      res.setHeader("X-Receiver", "yes");
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.writeHead(202).end("accepted");
    });
    const result = await postOutbound(
      delivery(`${receiver.origin}/hooks/vangnet?x=1`, {
        headers: { "Content-Type": "application/json", "webhook-id": "msg_1", "User-Agent": "someone-else", Host: "internal.example" },
        userAgent: webhookUserAgent("0.1.0"),
      }),
      loopback,
    );

    expect(receiver.requests).toHaveLength(1);
    const [received] = receiver.requests;
    expect(received).toMatchObject({ method: "POST", path: "/hooks/vangnet?x=1", body: '{"type":"document.created"}' });
    expect(received?.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": "msg_1",
      "user-agent": "Vangnet-Webhooks/0.1.0",
      host: `127.0.0.1:${receiver.port}`,
      "content-length": "27", // {"type":"document.created"} has 27 characters, all ASCII
      connection: "close",
    });
    expect(result).toMatchObject({ kind: "response", status: 202, bodyExcerpt: "accepted" });
    if (result.kind !== "response") throw new Error("unreachable");
    expect(result.headers).toMatchObject({ "x-receiver": "yes", "set-cookie": "a=1, b=2" });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("counts the body in bytes, not characters", async () => {
    const receiver = await startReceiver((res) => res.end());
    await postOutbound(delivery(receiver.origin, { body: '{"title":"Sint-Niklaas: €"}' }), loopback);
    // 27 characters, of which € takes three bytes in UTF-8: 29 bytes.
    expect(receiver.requests[0]?.headers["content-length"]).toBe("29");
    expect(receiver.requests[0]?.body).toBe('{"title":"Sint-Niklaas: €"}');
  });

  it("returns 301 and 302 as responses and does not follow them", async () => {
    const target = await startReceiver((res) => res.end("target"));
    for (const status of [301, 302]) {
      const redirecting = await startReceiver((res) => res.writeHead(status, { Location: `${target.origin}/elsewhere` }).end());
      const result = await postOutbound(delivery(`${redirecting.origin}/hook`), loopback);
      expect(result).toMatchObject({ kind: "response", status, headers: { location: `${target.origin}/elsewhere` } });
      expect(redirecting.requests).toHaveLength(1);
    }
    expect(target.connections).toBe(0);
  });

  it("reads a body of exactly maxResponseBytes, and calls one byte more too large", async () => {
    const receiver = await startReceiver((res) => res.end("0123456789abcdef"));
    expect(await postOutbound(delivery(receiver.origin, { maxResponseBytes: 16 }), loopback)).toMatchObject({ kind: "response", status: 200, bodyExcerpt: "0123456789abcdef" });
    expect(await postOutbound(delivery(receiver.origin, { maxResponseBytes: 15 }), loopback)).toEqual({
      kind: "too_large",
      status: 200,
      message: "the response body declares 16 bytes; at most 15 bytes are read",
    });
  });

  it("stops reading a 10 MB stream at the cap and closes the connection", async () => {
    const chunk = Buffer.alloc(64 * 1024, "x");
    const chunks = (10 * 1024 * 1024) / chunk.length;
    let written = 0;
    let closedByClient = false;
    await startReceiver((res) => {
      res.on("close", () => (closedByClient = written < chunks));
      void (async () => {
        res.writeHead(200, { "Content-Type": "text/plain" }); // no Content-Length: chunked, size unknown in advance
        for (; written < chunks && !res.destroyed; written += 1) {
          if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        res.end();
      })();
    });
    const result = await postOutbound(delivery(receivers[0]!.origin, { maxResponseBytes: 256 * 1024 }), loopback);
    expect(result).toEqual({ kind: "too_large", status: 200, message: `the response body went past ${256 * 1024} bytes; at most ${256 * 1024} bytes are read` });
    await waitFor(() => closedByClient, { what: "the receiver's connection closed by the client" });
    expect(written).toBeLessThan(chunks);
  });

  it("refuses at once a response that declares a length beyond the cap", async () => {
    const receiver = await startReceiver((res) => {
      res.writeHead(200, { "Content-Length": String(10 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    expect(await postOutbound(delivery(receiver.origin, { maxResponseBytes: 1024 }), loopback)).toEqual({
      kind: "too_large",
      status: 200,
      message: "the response body declares 10485760 bytes; at most 1024 bytes are read",
    });
  });

  it("gives up on a receiver that never answers after timeoutMs", async () => {
    const receiver = await startReceiver(() => undefined);
    const started = performance.now();
    const result = await postOutbound(delivery(receiver.origin, { timeoutMs: 300 }), loopback);
    const elapsed = performance.now() - started;
    expect(result).toEqual({ kind: "timeout", message: "no complete response within 300 ms (DNS, connection, headers and body together)" });
    expect(receiver.requests).toHaveLength(1);
    // Loose on purpose: a loaded machine may be late, never early.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(300 + 5_000);
  });

  it("counts the time to read the body in the timeout, not only the time to the headers", async () => {
    const receiver = await startReceiver((res) => {
      res.writeHead(200);
      const trickle = setInterval(() => res.write("."), 50);
      res.on("close", () => clearInterval(trickle));
    });
    expect(await postOutbound(delivery(receiver.origin, { timeoutMs: 400 }), loopback)).toMatchObject({ kind: "timeout" });
  });

  it("reports a refused connection as a network failure", async () => {
    const port = await closedPort();
    const result = await postOutbound(delivery(`http://127.0.0.1:${port}/`), loopback);
    expect(result.kind).toBe("network");
    if (result.kind === "network") expect(result.message).toContain("ECONNREFUSED");
  });

  it("reports a receiver that hangs up without answering as a network failure", async () => {
    const receiver = await startReceiver((_res, req) => req.socket.destroy());
    const result = await postOutbound(delivery(receiver.origin), loopback);
    expect(result).toEqual({ kind: "network", message: "ECONNRESET: socket hang up" });
    expect(receiver.requests).toHaveLength(1);
  });

  it("reports a TLS failure as a network failure (https to a plain HTTP receiver)", async () => {
    const receiver = await startReceiver((res) => res.end());
    const result = await postOutbound(delivery(`https://127.0.0.1:${receiver.port}/`), loopback);
    expect(result.kind).toBe("network");
    expect(receiver.requests).toHaveLength(0);
  });

  it("resolves localhost with the system resolver at connect time", async () => {
    const receiver = await startReceiver((res) => res.end("ok"));
    const result = await postOutbound(delivery(`http://localhost:${receiver.port}/hook`), loopback);
    expect(result).toMatchObject({ kind: "response", status: 200, bodyExcerpt: "ok" });
    expect(receiver.requests[0]?.headers.host).toBe(`localhost:${receiver.port}`);
  });

  it("connects to the address its own lookup checked", async () => {
    const receiver = await startReceiver((res) => res.end("ok"));
    const lookup = answeringInTurn(["127.0.0.1"]);
    const result = await postOutbound(delivery(`http://hooks.vangnet.test:${receiver.port}/`), { ...loopback, lookup });
    expect(result).toMatchObject({ kind: "response", status: 200 });
    expect(lookup.calls).toEqual(["hooks.vangnet.test"]);
    expect(receiver.requests[0]?.headers.host).toBe(`hooks.vangnet.test:${receiver.port}`);
  });

  it("does not open other private ranges: a literal 10.0.0.1 is refused before connecting", async () => {
    const result = await postOutbound(delivery("http://10.0.0.1:8080/"), loopback);
    expect(result).toEqual({
      kind: "refused",
      message: "10.0.0.1 is a private network address (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); webhooks are delivered only to public internet addresses",
    });
  });

  it("refuses at connect time a name that now resolves to a private address", async () => {
    const result = await postOutbound(delivery("http://hooks.vangnet.test:8080/"), { ...loopback, lookup: answeringInTurn(["192.168.1.20"]) });
    expect(result).toMatchObject({ kind: "refused", message: expect.stringContaining("the host hooks.vangnet.test resolves to 192.168.1.20") as unknown });
  });
});

describe("postOutbound under the production policy (no allow-list)", () => {
  it("refuses a loopback receiver: nothing connects", async () => {
    const receiver = await startReceiver((res) => res.end());
    for (const url of [`${receiver.origin}/`, `http://localhost:${receiver.port}/`, `http://2130706433:${receiver.port}/`, `http://[::ffff:127.0.0.1]:${receiver.port}/`]) {
      expect(await postOutbound(delivery(url), {})).toMatchObject({ kind: "refused" });
    }
    expect(receiver.connections).toBe(0);
  });

  it("refuses at delivery a name that resolved to a public address at registration and to 127.0.0.1 now (DNS rebinding)", async () => {
    const receiver = await startReceiver((res) => res.end());
    const lookup = answeringInTurn(["93.184.215.14"], ["127.0.0.1"]);
    const url = `http://rebind.vangnet.test:${receiver.port}/hook`;

    expect((await checkWebhookUrl(url, { lookup })).href).toBe(url);
    const result = await postOutbound(delivery(url), { lookup });

    expect(result).toEqual({
      kind: "refused",
      message: "the host rebind.vangnet.test resolves to 127.0.0.1, a loopback address (127.0.0.0/8, this machine); webhooks are delivered only to public internet addresses",
    });
    expect(lookup.calls).toEqual(["rebind.vangnet.test", "rebind.vangnet.test"]);
    expect(receiver.connections).toBe(0);
  });

  it("refuses at delivery when one of several addresses is refused", async () => {
    const receiver = await startReceiver((res) => res.end());
    const result = await postOutbound(delivery(`http://mixed.vangnet.test:${receiver.port}/`), { lookup: answeringInTurn(["93.184.215.14", "127.0.0.1"]) });
    expect(result.kind).toBe("refused");
    expect(receiver.connections).toBe(0);
  });

  it("refuses a URL that no longer passes the registration rules", async () => {
    expect(await postOutbound(delivery("ftp://93.184.215.14/"), {})).toEqual({ kind: "refused", message: "the URL's scheme is ftp; webhook URLs must use http or https" });
    expect(await postOutbound(delivery("http://user:pw@93.184.215.14/"), {})).toMatchObject({ kind: "refused" });
  });

  it("reports a name that does not resolve at delivery as a network failure", async () => {
    const lookup: OutboundPolicy["lookup"] = async (hostname) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    };
    expect(await postOutbound(delivery("https://gone.vangnet.test/"), { lookup })).toEqual({
      kind: "network",
      message: "the host gone.vangnet.test could not be resolved (ENOTFOUND); check its spelling and that its DNS records are published",
    });
  });
});
