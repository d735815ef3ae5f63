import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpFetcher, type HttpFetcherOptions, parseRetryAfter } from "../../../scrapers/fetchers/http.js";
import { FetchError } from "../../../scrapers/fetchers/types.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: ReturnType<typeof createServer>[] = [];

/** A local server on 127.0.0.1; robots.txt allows everything unless the handler answers it. */
async function serve(handler: Handler): Promise<{ url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A fake clock: sleeping moves time forward instantly and is recorded. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}

function fetcher(options: Partial<HttpFetcherOptions> = {}) {
  const time = fakeTime();
  return { time, http: createHttpFetcher({ userAgent: "Vangnet/test (+http://127.0.0.1/)", now: time.now, sleep: time.sleep, ...options }) };
}

const robotsAndPage = (robots: string | number, page: Handler): Handler => (req, res) => {
  if (req.url === "/robots.txt") {
    if (typeof robots === "number") res.writeHead(robots).end();
    else res.writeHead(200, { "content-type": "text/plain" }).end(robots);
    return;
  }
  page(req, res);
};

const html = (body: string, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers }).end(body);
};

describe("the HTTP fetcher", () => {
  it("sends its User-Agent, returns the decoded page with validators and hash", async () => {
    const site = await serve(robotsAndPage("User-agent: *\nAllow: /", html("<p>Sociaal Huis</p>", { etag: '"v1"', "last-modified": "Tue, 17 Nov 2026 08:00:00 GMT" })));
    const { http } = fetcher();
    const page = await http.fetch({ url: `${site.url}/page` });
    expect(page).toMatchObject({ kind: "ok", status: 200, body: "<p>Sociaal Huis</p>", etag: '"v1"', lastModified: "Tue, 17 Nov 2026 08:00:00 GMT", byteSize: 19 });
    // sha256 of "<p>Sociaal Huis</p>", computed with `printf '%s' '<p>Sociaal Huis</p>' | sha256sum`.
    expect(page.kind === "ok" && page.contentHash).toBe("05fd779597040366d0ecc2b65092d4d6e12389c1b396026875efabd91e97eaeb");
    expect(site.seen.map((r) => r.headers["user-agent"])).toEqual(["Vangnet/test (+http://127.0.0.1/)", "Vangnet/test (+http://127.0.0.1/)"]);
  });

  it("asks conditionally and returns not-modified on a 304", async () => {
    const site = await serve(
      robotsAndPage("", (req, res) => {
        if (req.headers["if-none-match"] === '"v1"' && req.headers["if-modified-since"] === "Tue, 17 Nov 2026 08:00:00 GMT") res.writeHead(304).end();
        else res.writeHead(200).end("changed");
      }),
    );
    const { http } = fetcher();
    const result = await http.fetch({ url: `${site.url}/p`, etag: '"v1"', lastModified: "Tue, 17 Nov 2026 08:00:00 GMT" });
    expect(result).toMatchObject({ kind: "not-modified", status: 304, finalUrl: `${site.url}/p` });
  });

  describe("robots.txt (RFC 9309)", () => {
    it("obeys Disallow for Vangnet and fetches robots.txt once per origin", async () => {
      const site = await serve(robotsAndPage("User-agent: Vangnet\nDisallow: /private\n\nUser-agent: *\nDisallow: /", html("ok")));
      const { http } = fetcher();
      await expect(http.fetch({ url: `${site.url}/private/x` })).rejects.toMatchObject({ reason: "robots-disallowed", retryable: false });
      await expect(http.fetch({ url: `${site.url}/public` })).resolves.toMatchObject({ kind: "ok" });
      await http.fetch({ url: `${site.url}/public2` });
      expect(site.seen.filter((r) => r.url === "/robots.txt")).toHaveLength(1);
      expect(site.seen.map((r) => r.url)).not.toContain("/private/x");
    });

    it("treats a 404 as allowed and a 500 or an unreachable server as disallow-all", async () => {
      const missing = await serve(robotsAndPage(404, html("ok")));
      await expect(fetcher().http.fetch({ url: `${missing.url}/a` })).resolves.toMatchObject({ kind: "ok" });
      const broken = await serve(robotsAndPage(500, html("ok")));
      await expect(fetcher().http.fetch({ url: `${broken.url}/a` })).rejects.toMatchObject({ reason: "robots-disallowed" });
      const gone = await serve((req) => req.socket.destroy());
      expect(await fetcher().http.robotsAllowed(`${gone.url}/a`)).toBe(false);
    });

    it("refreshes the cached answer after 24 hours", async () => {
      let rules = "User-agent: *\nAllow: /";
      const site = await serve((req, res) => (req.url === "/robots.txt" ? res.writeHead(200).end(rules) : res.writeHead(200).end("ok")));
      const { http, time } = fetcher();
      expect(await http.robotsAllowed(`${site.url}/x`)).toBe(true);
      rules = "User-agent: *\nDisallow: /";
      time.advance(23 * 3600 * 1000);
      expect(await http.robotsAllowed(`${site.url}/x`)).toBe(true);
      time.advance(2 * 3600 * 1000);
      expect(await http.robotsAllowed(`${site.url}/x`)).toBe(false);
    });
  });

  it("spaces request starts per host by the configured rate, robots.txt included", async () => {
    const site = await serve(robotsAndPage("", html("ok")));
    const { http, time } = fetcher({ requestsPerSecondPerHost: 2 });
    await http.fetch({ url: `${site.url}/1` });
    await http.fetch({ url: `${site.url}/2` });
    // robots.txt at t0, /1 waits 500 ms, /2 another 500 ms (the fake clock only moves by sleeping).
    expect(time.sleeps).toEqual([500, 500]);
    const other = await serve(robotsAndPage("", html("ok")));
    const before = time.sleeps.length;
    await http.fetch({ url: `${other.url.replace("127.0.0.1", "localhost")}/1` });
    expect(time.sleeps.slice(before)).toEqual([500]); // only its own robots.txt before it
  });

  it("retries 5xx with backoff and then succeeds", async () => {
    let calls = 0;
    const site = await serve(robotsAndPage("", (_req, res) => (++calls < 3 ? res.writeHead(503).end() : res.writeHead(200).end("ok"))));
    const { http, time } = fetcher({ backoffBaseMs: 100, requestsPerSecondPerHost: 1000 });
    await expect(http.fetch({ url: `${site.url}/p` })).resolves.toMatchObject({ kind: "ok", body: "ok" });
    const backoffs = time.sleeps.filter((ms) => ms >= 50);
    expect(backoffs).toHaveLength(2);
    expect(backoffs[0]).toBeGreaterThanOrEqual(50); // 100 ms with jitter in [50 %, 100 %]
    expect(backoffs[0]).toBeLessThanOrEqual(100);
    expect(backoffs[1]).toBeGreaterThanOrEqual(100); // 200 ms with jitter
    expect(backoffs[1]).toBeLessThanOrEqual(200);
  });

  it("honours Retry-After on 429 and gives up as retryable when retries run out", async () => {
    const site = await serve(robotsAndPage("", (_req, res) => res.writeHead(429, { "retry-after": "7" }).end()));
    const { http, time } = fetcher({ retries: 2, requestsPerSecondPerHost: 1000 });
    const error = await http.fetch({ url: `${site.url}/p` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ retryable: true, status: 429 });
    expect((error as Error).message).toContain("HTTP 429 after 3 attempts");
    expect(time.sleeps.filter((ms) => ms === 7000)).toHaveLength(2);
    expect(parseRetryAfter("Wed, 18 Nov 2026 08:00:30 GMT", Date.parse("Wed, 18 Nov 2026 08:00:00 GMT"))).toBe(30_000);
  });

  it("does not retry a 404 and reports the status", async () => {
    const site = await serve(robotsAndPage("", (_req, res) => res.writeHead(404).end()));
    const { http } = fetcher();
    await expect(http.fetch({ url: `${site.url}/gone` })).rejects.toMatchObject({ reason: "http-status", status: 404, retryable: false });
    expect(site.seen.filter((r) => r.url === "/gone")).toHaveLength(1);
  });

  it("follows redirects to the final URL and stops a redirect loop", async () => {
    const site = await serve(
      robotsAndPage("", (req, res) => {
        if (req.url === "/old") res.writeHead(301, { location: "/new" }).end();
        else if (req.url === "/loop") res.writeHead(302, { location: "/loop" }).end();
        else res.writeHead(200).end("new");
      }),
    );
    const { http } = fetcher({ requestsPerSecondPerHost: 1000 });
    await expect(http.fetch({ url: `${site.url}/old` })).resolves.toMatchObject({ url: `${site.url}/old`, finalUrl: `${site.url}/new`, body: "new" });
    await expect(http.fetch({ url: `${site.url}/loop` })).rejects.toMatchObject({ reason: "too-many-redirects" });
  });

  it("times out a slow page (and retries it as retryable)", async () => {
    const site = await serve(robotsAndPage("", (_req, res) => setTimeout(() => res.writeHead(200).end("late"), 1_000)));
    const http = createHttpFetcher({ userAgent: "Vangnet/test", timeoutMs: 150, retries: 1, backoffBaseMs: 1, requestsPerSecondPerHost: 1000 });
    await expect(http.fetch({ url: `${site.url}/slow` })).rejects.toMatchObject({ reason: "timeout", retryable: true });
    expect(site.seen.filter((r) => r.url === "/slow")).toHaveLength(2);
  });

  it("refuses a body over the limit, declared or streamed", async () => {
    const site = await serve(
      robotsAndPage("", (req, res) => {
        if (req.url === "/declared") res.writeHead(200, { "content-length": "5000" }).end("x".repeat(5000));
        else {
          res.writeHead(200);
          res.write("x".repeat(3000));
          res.end("x".repeat(3000));
        }
      }),
    );
    const { http } = fetcher({ maxBodyBytes: 4096, requestsPerSecondPerHost: 1000 });
    await expect(http.fetch({ url: `${site.url}/declared` })).rejects.toMatchObject({ reason: "too-large", retryable: false });
    await expect(http.fetch({ url: `${site.url}/streamed` })).rejects.toThrow(/exceeds the limit of 4096 bytes/);
  });

  it.each([
    ["windows-1252 from the header", { "content-type": "text/html; charset=windows-1252" }, Buffer.from([0x63, 0x61, 0x66, 0xe9]), "café"],
    ["iso-8859-1 label read as windows-1252", { "content-type": "text/html; charset=ISO-8859-1" }, Buffer.from([0x80, 0x20, 0x35]), "€ 5"],
    ["a meta charset", { "content-type": "text/html" }, Buffer.concat([Buffer.from('<meta charset="windows-1252">'), Buffer.from([0xe9])]), '<meta charset="windows-1252">é'],
    ["a UTF-8 byte-order mark", { "content-type": "text/html; charset=windows-1252" }, Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0xa9]), "é"],
    ["UTF-8 by default", {}, Buffer.from("Sociaal Huis – één loket"), "Sociaal Huis – één loket"],
  ])("decodes %s", async (_label, headers, bytes, text) => {
    const site = await serve(robotsAndPage("", (_req, res) => res.writeHead(200, headers).end(bytes)));
    const { http } = fetcher();
    await expect(http.fetch({ url: `${site.url}/p` })).resolves.toMatchObject({ body: text });
  });

  it("rejects URLs it cannot fetch", async () => {
    await expect(fetcher().http.fetch({ url: "ftp://127.0.0.1/x" })).rejects.toMatchObject({ reason: "invalid-url" });
    await expect(fetcher().http.fetch({ url: "not a url" })).rejects.toMatchObject({ reason: "invalid-url" });
  });
});
