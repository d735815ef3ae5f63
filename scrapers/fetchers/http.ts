import { createHash } from "node:crypto";
import { storableText } from "../../schema/storable-text.js";
import { binaryBodyReason } from "./body-check.js";
import { decodeBody } from "./charset.js";
import { HostThrottle } from "./politeness.js";
import { isAllowedBy, type RobotsVerdict, robotsVerdict } from "./robots.js";
import { FetchError, type FetchRequest, type FetchResult, type Fetcher } from "./types.js";

export interface HttpFetcherOptions {
  /** Sent on every request, robots.txt included. */
  userAgent: string;
  /** Request starts per second per host (default 1). */
  requestsPerSecondPerHost?: number;
  /** Whole request including the body (default 30 s). */
  timeoutMs?: number;
  /** Largest body accepted (default 20 MiB). */
  maxBodyBytes?: number;
  /** Redirect hops followed (default 5). */
  maxRedirects?: number;
  /** Extra attempts after network errors, timeouts, 5xx and 429 (default 3). */
  retries?: number;
  /** First backoff delay; it doubles per attempt, with jitter, up to 30 s (default 1 s). */
  backoffBaseMs?: number;
  /** A longer Retry-After is not waited for: the page fails as retryable (default 120 s). */
  maxRetryAfterMs?: number;
  /** How long a robots.txt answer is trusted (default 24 h). */
  robotsCacheTtlMs?: number;
  respectRobots?: boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpFetcher extends Fetcher {
  /** Whether robots.txt lets Vangnet fetch this URL (fetching and caching robots.txt as needed). */
  robotsAllowed(url: string): Promise<boolean>;
}

/** The product token matched against robots.txt user-agent lines. */
const PRODUCT_TOKEN = "Vangnet";
const MAX_BACKOFF_MS = 30_000;

interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array | null;
}

class RetryableStatus extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status}`);
  }
}

/**
 * A polite HTTP client for scrapers: identifies itself, obeys robots.txt (RFC 9309), spaces
 * requests per host, asks conditionally, retries what may succeed later, and refuses what is too
 * slow, too big or loops. Bodies are decoded with the right character set.
 */
export function createHttpFetcher(options: HttpFetcherOptions): HttpFetcher {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const retries = options.retries ?? 3;
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const robotsTtlMs = options.robotsCacheTtlMs ?? 24 * 3600 * 1000;
  const throttle = new HostThrottle(1000 / (options.requestsPerSecondPerHost ?? 1), now, sleep);
  const robotsCache = new Map<string, { verdict: Promise<RobotsVerdict>; fetchedAt: number }>();

  /** One HTTP exchange, no redirects followed, body read within the limits. */
  async function exchange(url: URL, headers: Record<string, string>, readBody: boolean): Promise<RawResponse> {
    await throttle.wait(url.host);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, {
        headers: { "user-agent": options.userAgent, accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", ...headers },
        redirect: "manual",
        signal: controller.signal,
      });
      if (!readBody || response.status < 200 || response.status >= 300) {
        await response.body?.cancel().catch(() => {});
        return { status: response.status, headers: response.headers, bytes: null };
      }
      const declared = Number(response.headers.get("content-length") ?? Number.NaN);
      if (declared > maxBodyBytes) {
        await response.body?.cancel().catch(() => {});
        throw new FetchError(url.href, "too-large", `body of ${declared} bytes exceeds the limit of ${maxBodyBytes} bytes`);
      }
      return { status: response.status, headers: response.headers, bytes: await readLimited(url, response, maxBodyBytes) };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (controller.signal.aborted) {
        throw new FetchError(url.href, "timeout", `no complete answer within ${timeoutMs} ms`, null, true, { cause: error });
      }
      throw new FetchError(url.href, "network", `network error: ${describeCause(error)}`, null, true, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Follow redirects by hand so that each hop is counted, rate-limited and checked against robots. */
  async function follow(start: URL, headers: Record<string, string>, readBody: boolean, checkRobots: boolean) {
    let url = start;
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      if (checkRobots && !(await allowed(url))) {
        throw new FetchError(url.href, "robots-disallowed", "robots.txt disallows this URL for Vangnet");
      }
      const response = await exchange(url, headers, readBody);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return { url, response };
      visited.add(url.href);
      const next = new URL(location, url);
      if (hop + 1 > maxRedirects || visited.has(next.href)) {
        throw new FetchError(start.href, "too-many-redirects", `more than ${maxRedirects} redirects or a redirect loop (last: ${next.href})`);
      }
      url = next;
    }
  }

  async function loadRobots(origin: string): Promise<RobotsVerdict> {
    const robotsUrl = new URL("/robots.txt", origin);
    try {
      const { response } = await follow(robotsUrl, {}, true, false);
      const body = response.bytes ? decodeBody(response.bytes, response.headers.get("content-type")) : "";
      return robotsVerdict(robotsUrl.href, response.status, body);
    } catch {
      return robotsVerdict(robotsUrl.href, null, "");
    }
  }

  async function allowed(url: URL): Promise<boolean> {
    if (options.respectRobots === false) return true;
    const cached = robotsCache.get(url.origin);
    let entry = cached;
    if (!entry || now() - entry.fetchedAt > robotsTtlMs) {
      entry = { verdict: loadRobots(url.origin), fetchedAt: now() };
      robotsCache.set(url.origin, entry);
    }
    return isAllowedBy(await entry.verdict, url.href, PRODUCT_TOKEN);
  }

  async function fetchOnce(url: URL, request: FetchRequest): Promise<FetchResult> {
    const headers: Record<string, string> = {};
    if (request.etag) headers["if-none-match"] = request.etag;
    if (request.lastModified) headers["if-modified-since"] = request.lastModified;
    const { url: finalUrl, response } = await follow(url, headers, true, true);
    const fetchedAt = new Date(now());
    if (response.status === 304) return { kind: "not-modified", url: request.url, finalUrl: finalUrl.href, status: 304, fetchedAt };
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableStatus(response.status, parseRetryAfter(response.headers.get("retry-after"), now()));
    }
    if (response.status < 200 || response.status >= 300 || !response.bytes) {
      throw new FetchError(request.url, "http-status", `HTTP ${response.status}`, response.status, false);
    }
    const decoded = decodeBody(response.bytes, response.headers.get("content-type"));
    if (!request.binary) {
      // A PDF or an image served as a page is refused here, as this page's error, before any parser sees it.
      const notText = binaryBodyReason(decoded);
      if (notText) throw new FetchError(request.url, "not-text", `${notText} (Content-Type: ${response.headers.get("content-type") ?? "none"})`, response.status, false);
    }
    // NULs are dirt in a text page and PostgreSQL cannot store them; the hash covers the text as stored.
    const body = storableText(decoded);
    return {
      kind: "ok",
      url: request.url,
      finalUrl: finalUrl.href,
      status: response.status,
      etag: response.headers.get("etag"),
      lastModified: response.headers.get("last-modified"),
      contentType: response.headers.get("content-type"),
      body,
      byteSize: response.bytes.byteLength,
      contentHash: createHash("sha256").update(body).digest("hex"),
      fetchedAt,
      ...(request.binary ? { bytes: response.bytes } : {}),
    };
  }

  return {
    robotsAllowed: (url) => allowed(new URL(url)),
    async fetch(request) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new FetchError(request.url, "invalid-url", "not a valid URL");
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new FetchError(request.url, "invalid-url", `only http and https URLs can be fetched, not ${url.protocol}`);
      }
      for (let attempt = 0; ; attempt++) {
        try {
          return await fetchOnce(url, request);
        } catch (error) {
          const retryable = error instanceof RetryableStatus || (error instanceof FetchError && error.retryable);
          if (!retryable) throw error;
          const status = error instanceof RetryableStatus ? error.status : (error as FetchError).status;
          const what = error instanceof RetryableStatus ? `HTTP ${error.status}` : (error as FetchError).message.replace(`${request.url}: `, "");
          if (attempt >= retries) {
            throw new FetchError(request.url, error instanceof FetchError ? error.reason : "http-status", `${what} after ${attempt + 1} attempts`, status, true, {
              cause: error,
            });
          }
          const retryAfter = error instanceof RetryableStatus ? error.retryAfterMs : null;
          if (retryAfter !== null && retryAfter > maxRetryAfterMs) {
            throw new FetchError(request.url, "http-status", `${what}: Retry-After of ${retryAfter} ms is longer than ${maxRetryAfterMs} ms`, status, true);
          }
          const backoff = Math.min(MAX_BACKOFF_MS, backoffBaseMs * 2 ** attempt) * (0.5 + Math.random() / 2);
          await sleep(retryAfter ?? backoff);
        }
      }
    },
  };
}

async function readLimited(url: URL, response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchError(url.href, "too-large", `body exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
