import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Playwright from "playwright-core";
import type { Browser } from "playwright-core";
import { storableText } from "../../schema/storable-text.js";
import { HostThrottle } from "./politeness.js";
import { FetchError, type FetchRequest, type FetchResult, type Fetcher } from "./types.js";

export interface BrowserFetcherOptions {
  userAgent: string;
  /** Decides robots.txt; the HTTP fetcher's cache is shared so robots.txt is read once. */
  robotsAllowed: (url: string) => Promise<boolean>;
  /** Explicit Chromium; else PLAYWRIGHT_CHROMIUM_PATH, /usr/bin/chromium, Playwright's own. */
  executablePath?: string;
  /** Pages rendered at the same time (default 2). */
  maxPages?: number;
  timeoutMs?: number;
  requestsPerSecondPerHost?: number;
}

export interface BrowserFetcher extends Fetcher {
  /** Close the browser; called on shutdown by whoever created the fetcher. */
  close(): Promise<void>;
}

/**
 * The Chromium to drive, or null: the browser comes from the system, never from a download. An
 * explicit path is the only candidate; otherwise PLAYWRIGHT_CHROMIUM_PATH, /usr/bin/chromium,
 * then Playwright's own.
 */
export function findChromium(explicit?: string): string | null {
  if (explicit) return existsSync(explicit) ? explicit : null;
  const system = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path): path is string => Boolean(path && existsSync(path)));
  if (system) return system;
  try {
    // Playwright is loaded only now: a process that renders no page never pays for it.
    const { chromium } = createRequire(import.meta.url)("playwright-core") as typeof Playwright;
    const own = chromium.executablePath();
    return existsSync(own) ? own : null;
  } catch {
    // Playwright has no browser of its own here; that is expected.
    return null;
  }
}

/**
 * Fetch pages that build their content with JavaScript by rendering them in headless Chromium:
 * one browser per process (started on first use), a bounded number of pages at a time, the same
 * robots.txt and per-host politeness as the HTTP fetcher. Returns the rendered HTML. A missing
 * browser is a clear error for the source that needs it, not for the others.
 */
export function createBrowserFetcher(options: BrowserFetcherOptions): BrowserFetcher {
  const maxPages = options.maxPages ?? 2;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const throttle = new HostThrottle(1000 / (options.requestsPerSecondPerHost ?? 1), Date.now, (ms) => new Promise((r) => setTimeout(r, ms)));
  let browser: Promise<Browser> | null = null;
  let open = 0;
  const waiting: (() => void)[] = [];

  const launch = () => {
    const executablePath = findChromium(options.executablePath);
    if (!executablePath) {
      throw new Error(
        options.executablePath
          ? `no Chromium at ${options.executablePath}`
          : "no Chromium found (set PLAYWRIGHT_CHROMIUM_PATH, or install Debian's chromium at /usr/bin/chromium)",
      );
    }
    browser ??= import("playwright-core").then(({ chromium }) =>
      chromium.launch({
        executablePath,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }),
    );
    return browser;
  };
  const acquire = async () => {
    if (open >= maxPages) await new Promise<void>((resolve) => waiting.push(resolve));
    open++;
  };
  const release = () => {
    open--;
    waiting.shift()?.();
  };

  return {
    async fetch(request: FetchRequest): Promise<FetchResult> {
      const url = request.url;
      if (!(await options.robotsAllowed(url))) throw new FetchError(url, "robots-disallowed", "robots.txt disallows this URL for Vangnet");
      let instance: Browser;
      try {
        instance = await launch();
      } catch (error) {
        browser = null;
        throw new FetchError(url, "network", `cannot start the browser: ${(error as Error).message}`, null, false, { cause: error });
      }
      await acquire();
      const context = await instance.newContext({ userAgent: options.userAgent, javaScriptEnabled: true });
      try {
        await throttle.wait(new URL(url).host);
        const page = await context.newPage();
        let response: Awaited<ReturnType<typeof page.goto>>;
        try {
          response = await page.goto(url, { waitUntil: "networkidle", timeout: timeoutMs });
        } catch (error) {
          throw new FetchError(url, "timeout", `the page did not finish loading within ${timeoutMs} ms`, null, true, { cause: error });
        }
        const status = response?.status() ?? 0;
        if (status < 200 || status >= 300) throw new FetchError(url, "http-status", `HTTP ${status}`, status, status >= 500 || status === 429);
        const body = storableText(await page.content());
        const headers = response?.headers() ?? {};
        return {
          kind: "ok",
          url,
          finalUrl: page.url(),
          status,
          etag: headers.etag ?? null,
          lastModified: headers["last-modified"] ?? null,
          contentType: headers["content-type"] ?? null,
          body,
          byteSize: Buffer.byteLength(body),
          contentHash: createHash("sha256").update(body).digest("hex"),
          fetchedAt: new Date(),
        };
      } finally {
        await context.close().catch(() => {});
        release();
      }
    },
    async close() {
      const running = browser;
      browser = null;
      if (running) await (await running.catch(() => null))?.close();
    },
  };
}
