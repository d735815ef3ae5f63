import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, servingOptionsOf, webhookSettingsOf } from "../../cli/config.js";

describe("configuration", () => {
  it("has defaults that work on a laptop", () => {
    expect(loadConfig({})).toEqual({
      VANGNET_DATA_DIR: "./data",
      PORT: 4000,
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      LOG_FORMAT: "auto",
      NODE_ENV: "production",
      VANGNET_PGLITE_SHARED_BUFFERS: "16MB",
      VANGNET_STATEMENT_TIMEOUT_MS: 15_000,
      VANGNET_BUILTIN_SOURCES: true,
      VANGNET_CONTACT_URL: "https://github.com/vangnet/vangnet",
      VANGNET_REQUESTS_PER_SECOND: 1,
      VANGNET_FETCH_TIMEOUT_MS: 30_000,
      VANGNET_MAX_BODY_BYTES: 20 * 1024 * 1024,
      VANGNET_PARSE_WORKERS: 1,
      VANGNET_PARSE_TIMEOUT_MS: 20_000,
      VANGNET_FIRST_HARVEST: true,
      VANGNET_HARVEST_CONCURRENCY: 3,
      VANGNET_MAX_QUERY_COST: 10_000,
      VANGNET_MAX_QUERY_DEPTH: 12,
      VANGNET_MAX_ALIASES: 30,
      VANGNET_MAX_TOKENS: 2_000,
      VANGNET_MAX_DIRECTIVES: 20,
      VANGNET_RATE_LIMIT_WINDOW_S: 60,
      VANGNET_RATE_LIMIT_ANONYMOUS: 300,
      VANGNET_RATE_LIMIT_KEY: 3_000,
      VANGNET_RATE_LIMIT_PARTNER: 15_000,
      VANGNET_RATE_LIMIT_STORE: "auto",
      VANGNET_SCHEDULE_LEASE_S: 60,
      VANGNET_SCHEDULE_SWEEP_S: 15,
      VANGNET_SCHEDULE_CATCH_UP_AFTER_S: 60,
      VANGNET_SHUTDOWN_GRACE_S: 25,
      VANGNET_CACHE_MAX_AGE_S: 60,
      VANGNET_RESPONSE_CACHE_MB: 32,
      VANGNET_WEBHOOKS: true,
      VANGNET_WEBHOOK_TIMEOUT_MS: 15_000,
      VANGNET_WEBHOOK_CONCURRENCY: 16,
      VANGNET_WEBHOOKS_PER_KEY: 25,
      VANGNET_SNAPSHOT_CRON: "30 4 * * *",
      VANGNET_SNAPSHOT_KEEP: 7,
      VANGNET_BULK_EXPORTS: 3,
      VANGNET_WS_MAX_CONNECTIONS_PER_IP: 20,
      VANGNET_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: 10,
      VANGNET_WS_MAX_SUBSCRIPTIONS_PER_KEY: 100,
      VANGNET_WS_STALL_TIMEOUT_S: 30,
    });
    // Production: public addresses only.
    expect(webhookSettingsOf(loadConfig({}))).toEqual({ policy: { allowNetworks: [] }, maxPerKey: 25 });
  });

  it("reads the webhook settings, and refuses an allow-list entry that is not a CIDR range", () => {
    const config = loadConfig({ VANGNET_WEBHOOKS: "false", VANGNET_WEBHOOK_TIMEOUT_MS: "2000", VANGNET_WEBHOOK_CONCURRENCY: "4", VANGNET_WEBHOOKS_PER_KEY: "3", VANGNET_WEBHOOK_ALLOWED_NETWORKS: "127.0.0.0/8, ::1/128" });
    expect(config).toMatchObject({ VANGNET_WEBHOOKS: false, VANGNET_WEBHOOK_TIMEOUT_MS: 2_000, VANGNET_WEBHOOK_CONCURRENCY: 4 });
    expect(webhookSettingsOf(config)).toEqual({ policy: { allowNetworks: ["127.0.0.0/8", "::1/128"] }, maxPerKey: 3 });
    expect(() => loadConfig({ VANGNET_WEBHOOK_ALLOWED_NETWORKS: "127.0.0.1" })).toThrow(
      /VANGNET_WEBHOOK_ALLOWED_NETWORKS="127\.0\.0\.1": allowNetworks: "127\.0\.0\.1" is not a CIDR range such as 127\.0\.0\.0\/8 or ::1\/128/,
    );
    expect(() => loadConfig({ VANGNET_WEBHOOKS: "yes" })).toThrow(/VANGNET_WEBHOOKS="yes"/);
    expect(() => loadConfig({ VANGNET_WEBHOOK_TIMEOUT_MS: "50" })).toThrow(/VANGNET_WEBHOOK_TIMEOUT_MS="50"/);
  });

  it("gives the API server its limits, rate limits and cache, one variable per field", () => {
    const config = loadConfig({
      VANGNET_MAX_QUERY_COST: "500",
      VANGNET_MAX_QUERY_DEPTH: "6",
      VANGNET_MAX_ALIASES: "3",
      VANGNET_MAX_TOKENS: "400",
      VANGNET_MAX_DIRECTIVES: "2",
      VANGNET_RATE_LIMIT_WINDOW_S: "10",
      VANGNET_RATE_LIMIT_ANONYMOUS: "7",
      VANGNET_RATE_LIMIT_KEY: "70",
      VANGNET_RATE_LIMIT_PARTNER: "700",
      VANGNET_CACHE_MAX_AGE_S: "0",
      VANGNET_RESPONSE_CACHE_MB: "0.5",
      VANGNET_TRUST_PROXY: "1",
      VANGNET_WS_MAX_CONNECTIONS_PER_IP: "5",
      VANGNET_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: "3",
      VANGNET_WS_MAX_SUBSCRIPTIONS_PER_KEY: "9",
      VANGNET_WS_STALL_TIMEOUT_S: "12",
    });
    expect(servingOptionsOf(config)).toEqual({
      limits: { maxCost: 500, maxDepth: 6, maxAliases: 3, maxTokens: 400, maxDirectives: 2 },
      rateLimit: { windowSeconds: 10, anonymous: 7, standard: 70, partner: 700, store: "auto" },
      responseCache: { maxAgeSeconds: 0, maxBytes: 524_288 },
      subscriptions: { maxConnectionsPerIp: 5, maxPerConnection: 3, maxPerKey: 9, stallTimeoutMs: 12_000 },
      trustProxy: 1,
    });
    expect(servingOptionsOf(loadConfig({ VANGNET_TRUST_PROXY: "loopback, 10.0.0.0/8" })).trustProxy).toBe("loopback, 10.0.0.0/8");
    expect(servingOptionsOf(loadConfig({})).trustProxy).toBe(false);
    expect(() => loadConfig({ VANGNET_RATE_LIMIT_ANONYMOUS: "0" })).toThrow(/VANGNET_RATE_LIMIT_ANONYMOUS="0"/);
    expect(() => loadConfig({ VANGNET_SNAPSHOT_CRON: "every night" })).toThrow(/VANGNET_SNAPSHOT_CRON="every night"/);
    expect(loadConfig({ VANGNET_SNAPSHOT_DIR: "/srv/vangnet/snapshots", VANGNET_SNAPSHOT_KEEP: "3" })).toMatchObject({ VANGNET_SNAPSHOT_DIR: "/srv/vangnet/snapshots", VANGNET_SNAPSHOT_KEEP: 3 });
    expect(loadConfig({ VANGNET_BULK_EXPORTS: "8" }).VANGNET_BULK_EXPORTS).toBe(8);
    expect(() => loadConfig({ VANGNET_BULK_EXPORTS: "0" })).toThrow(/VANGNET_BULK_EXPORTS="0"/);
  });

  it("treats blank values as unset and reads the rest", () => {
    const config = loadConfig({ DATABASE_URL: "", PORT: "8080", VANGNET_DATA_DIR: "/var/lib/vangnet" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(8080);
    expect(config.VANGNET_DATA_DIR).toBe("/var/lib/vangnet");
  });

  it("reads the parse pool's workers and time budget, and refuses what cannot work", () => {
    expect(loadConfig({ VANGNET_PARSE_WORKERS: "3", VANGNET_PARSE_TIMEOUT_MS: "5000" })).toMatchObject({ VANGNET_PARSE_WORKERS: 3, VANGNET_PARSE_TIMEOUT_MS: 5_000 });
    expect(() => loadConfig({ VANGNET_PARSE_WORKERS: "0" })).toThrow(/VANGNET_PARSE_WORKERS="0"/);
    expect(() => loadConfig({ VANGNET_PARSE_TIMEOUT_MS: "twenty seconds" })).toThrow(/VANGNET_PARSE_TIMEOUT_MS="twenty seconds"/);
  });

  it("reads whether a start harvests an empty database, and how many sources at once", () => {
    expect(loadConfig({ VANGNET_FIRST_HARVEST: "false", VANGNET_HARVEST_CONCURRENCY: "8" })).toMatchObject({ VANGNET_FIRST_HARVEST: false, VANGNET_HARVEST_CONCURRENCY: 8 });
    expect(() => loadConfig({ VANGNET_FIRST_HARVEST: "no" })).toThrow(/VANGNET_FIRST_HARVEST="no": .*"true".*"false"/);
    expect(() => loadConfig({ VANGNET_HARVEST_CONCURRENCY: "0" })).toThrow(/VANGNET_HARVEST_CONCURRENCY="0"/);
    expect(() => loadConfig({ VANGNET_HARVEST_CONCURRENCY: "2.5" })).toThrow(/VANGNET_HARVEST_CONCURRENCY="2.5"/);
  });

  it("reads the first start's backfill depth as a date or a number of days", () => {
    expect(loadConfig({}).VANGNET_BACKFILL_SINCE).toBeUndefined();
    expect(loadConfig({ VANGNET_BACKFILL_SINCE: "2019-01-01" }).VANGNET_BACKFILL_SINCE).toBe("2019-01-01");
    expect(loadConfig({ VANGNET_BACKFILL_SINCE: "730d" }).VANGNET_BACKFILL_SINCE).toBe("730d");
    expect(() => loadConfig({ VANGNET_BACKFILL_SINCE: "two years" })).toThrow(/VANGNET_BACKFILL_SINCE="two years": expected a date YYYY-MM-DD or a number of days/);
  });

  it("needs a Standard Webhooks secret for the alert webhook", () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    expect(loadConfig({ VANGNET_ALERT_WEBHOOK_URL: "https://alerts.example.org/vangnet", VANGNET_ALERT_WEBHOOK_SECRET: secret })).toMatchObject({ VANGNET_ALERT_WEBHOOK_SECRET: secret });
    expect(() => loadConfig({ VANGNET_ALERT_WEBHOOK_URL: "https://alerts.example.org/vangnet" })).toThrow(/VANGNET_ALERT_WEBHOOK_URL needs VANGNET_ALERT_WEBHOOK_SECRET/);
    expect(() => loadConfig({ VANGNET_ALERT_WEBHOOK_URL: "https://alerts.example.org/vangnet", VANGNET_ALERT_WEBHOOK_SECRET: "hunter2" })).toThrow(/VANGNET_ALERT_WEBHOOK_SECRET=\(hidden\): expected whsec_/);
    expect(() => loadConfig({ VANGNET_ALERT_WEBHOOK_SECRET: "hunter2" })).not.toThrow(/hunter2/);
  });

  it("names each invalid variable and its value", () => {
    expect(() => loadConfig({ PORT: "70000", DATABASE_URL: "not a url" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000", LOG_LEVEL: "loud" })).toThrow(/PORT="70000".*LOG_LEVEL="loud"/);
  });
});
