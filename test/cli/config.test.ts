import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../cli/config.js";

describe("configuration", () => {
  it("has defaults that work on a laptop", () => {
    expect(loadConfig({})).toEqual({
      VANGNET_DATA_DIR: "./data",
      PORT: 4000,
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      NODE_ENV: "production",
      VANGNET_STATEMENT_TIMEOUT_MS: 15_000,
      VANGNET_BUILTIN_SOURCES: true,
      VANGNET_CONTACT_URL: "https://github.com/vangnet/vangnet",
      VANGNET_REQUESTS_PER_SECOND: 1,
      VANGNET_FETCH_TIMEOUT_MS: 30_000,
      VANGNET_MAX_BODY_BYTES: 20 * 1024 * 1024,
    });
  });

  it("treats blank values as unset and reads the rest", () => {
    const config = loadConfig({ DATABASE_URL: "", PORT: "8080", VANGNET_DATA_DIR: "/var/lib/vangnet" });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(8080);
    expect(config.VANGNET_DATA_DIR).toBe("/var/lib/vangnet");
  });

  it("names each invalid variable and its value", () => {
    expect(() => loadConfig({ PORT: "70000", DATABASE_URL: "not a url" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000", LOG_LEVEL: "loud" })).toThrow(/PORT="70000".*LOG_LEVEL="loud"/);
  });
});
