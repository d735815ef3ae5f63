import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { municipalityRegister } from "../db/reference/municipality-register.js";
import { createBrowserFetcher } from "../scrapers/fetchers/browser.js";
import { createHttpFetcher, type HttpFetcher } from "../scrapers/fetchers/http.js";
import { createParsePool, type ParsePool } from "../scrapers/parsers/parse-pool.js";
import type { RunDeps } from "../scrapers/run-source.js";
import { createHealthAlerts } from "./alert-webhook.js";
import type { Config } from "./config.js";
import { packageVersion } from "./package-info.js";

/** `Vangnet/0.1.0 (+contact URL)` unless VANGNET_USER_AGENT says otherwise. */
export function userAgent(config: Config): string {
  return config.VANGNET_USER_AGENT ?? `Vangnet/${packageVersion()} (+${config.VANGNET_CONTACT_URL}; open data on the Flemish social safety net)`;
}

/** The polite HTTP fetcher configured for this process (one per process: it holds the robots cache). */
export function createFetcher(config: Config): HttpFetcher {
  return createHttpFetcher({
    userAgent: userAgent(config),
    requestsPerSecondPerHost: config.VANGNET_REQUESTS_PER_SECOND,
    timeoutMs: config.VANGNET_FETCH_TIMEOUT_MS,
    maxBodyBytes: config.VANGNET_MAX_BODY_BYTES,
  });
}

/** The pool of worker threads that parses pages for this process (VANGNET_PARSE_*; the size budget is the fetcher's). */
export function createPagePool(config: Config): ParsePool {
  return createParsePool({ workers: config.VANGNET_PARSE_WORKERS, timeoutMs: config.VANGNET_PARSE_TIMEOUT_MS, maxBytes: config.VANGNET_MAX_BODY_BYTES });
}

/**
 * What a scrape needs, built once per process from the configuration. The browser starts only
 * when a `browser` source first needs it, the parse workers when the first page arrives;
 * `close()` stops both.
 */
export function createRunDeps(config: Config, db: Database, logger: Logger): RunDeps & { close(): Promise<void> } {
  const fetcher = createFetcher(config);
  const browser = createBrowserFetcher({
    userAgent: userAgent(config),
    robotsAllowed: (url) => fetcher.robotsAllowed(url),
    requestsPerSecondPerHost: config.VANGNET_REQUESTS_PER_SECOND,
    timeoutMs: config.VANGNET_FETCH_TIMEOUT_MS,
  });
  const parser = createPagePool(config);
  const alerts =
    config.VANGNET_ALERT_WEBHOOK_URL && config.VANGNET_ALERT_WEBHOOK_SECRET
      ? createHealthAlerts({ url: config.VANGNET_ALERT_WEBHOOK_URL, secret: config.VANGNET_ALERT_WEBHOOK_SECRET, userAgent: userAgent(config), logger })
      : undefined;
  return {
    db,
    logger,
    now: () => new Date(),
    municipalities: municipalityRegister(),
    fetcher,
    browser,
    parser,
    alerts,
    close: async () => {
      await alerts?.drain();
      await browser.close();
      await parser.close();
    },
  };
}
