import { pino } from "pino";
import type { Database } from "../../db/client.js";
import { createHttpFetcher, type HttpFetcherOptions } from "../../scrapers/fetchers/http.js";
import type { PageParser } from "../../scrapers/parsers/page-parser.js";
import type { RunDeps } from "../../scrapers/run-source.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import type { ReplaySite } from "./replay-site.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";

/**
 * What a test run needs: the test's database, a silent logger, the fixtures' fixed clock and a
 * fetcher fast enough for replay sites on 127.0.0.1 (no spacing, no retries unless asked).
 */
export function createTestRunDeps(db: Database, options: { fetcher?: Partial<HttpFetcherOptions>; parser?: PageParser } = {}): RunDeps {
  return {
    db,
    logger: pino({ level: "silent" }),
    municipalities: municipalityRegister(),
    now: () => expected.now,
    fetcher: createHttpFetcher({ userAgent: "Vangnet-test/1.0 (+http://127.0.0.1/contact)", requestsPerSecondPerHost: 1000, retries: 0, timeoutMs: 2_000, ...options.fetcher }),
    ...(options.parser ? { parser: options.parser } : {}),
  };
}

/** The replayed Kortenberg publication site as an LBLOD source. */
export function kortenbergSource(site: ReplaySite, overrides: Partial<SourceDefinition> = {}): SourceDefinition {
  return defineSource({
    id: "lblod:kortenberg-replay",
    kind: "lblod",
    name: "Kortenberg (replay)",
    startUrl: site.startUrl,
    schedule: "0 3 * * *",
    enabled: true,
    municipalityNis: "24055",
    config: {},
    ...overrides,
  });
}
