import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../cli/config.js";
import { createDb } from "../../db/client.js";

/** PGlite's shared buffers live in the process's memory (issue 16: an idle `serve` on PGlite ≤ 300 MB). */
describe("the embedded database's memory settings", () => {
  it("opens PGlite with 16 MB of shared buffers, or the configured size", async () => {
    for (const [configured, expected] of [[undefined, "16MB"], ["48MB", "48MB"]] as const) {
      const handle = await createDb({ dataDir: "memory://", ...(configured ? { pgliteSharedBuffers: configured } : {}) });
      try {
        const [row] = await handle.rows<{ shared_buffers: string }>("show shared_buffers");
        expect(row?.shared_buffers).toBe(expected);
      } finally {
        await handle.close();
      }
    }
  });

  it("refuses a size PostgreSQL would not take, naming the variable", () => {
    expect(loadConfig({ VANGNET_PGLITE_SHARED_BUFFERS: "128MB" }).VANGNET_PGLITE_SHARED_BUFFERS).toBe("128MB");
    expect(() => loadConfig({ VANGNET_PGLITE_SHARED_BUFFERS: "lots" })).toThrow(ConfigError);
    expect(() => loadConfig({ VANGNET_PGLITE_SHARED_BUFFERS: "lots" })).toThrow(/VANGNET_PGLITE_SHARED_BUFFERS/);
  });
});
