import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";
import { waitFor } from "../helpers/wait-for.js";
import { freePort } from "../helpers/free-port.js";


/** The start's /readyz answers 200: the database is open and migrated. */
async function isHealthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false; // not listening yet
  }
}

describe("vangnet start, as a user runs it", { timeout: 300_000 }, () => {
  let dataDir: string;
  let child: ChildProcess;
  let baseUrl: string;
  let stderr = "";

  beforeAll(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), "vangnet-start-")), "data");
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [VANGNET_BIN, "start"], {
      env: cleanEnv({ PORT: String(port), HOST: "127.0.0.1", VANGNET_DATA_DIR: dataDir, LOG_LEVEL: "info", }),
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    await waitFor(() => isHealthy(`${baseUrl}/readyz`), { child, what: "/readyz answered 200" });
  }, 300_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates the embedded database in an empty data directory and serves the municipality queries", async () => {
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
    // Others may not read or write the embedded database.
    expect(statSync(dataDir).mode & 0o077).toBe(0);
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ municipality(nis: "44086") { name predecessors { nis name } }
                  municipalities(first: 3, province: "Limburg") { totalCount nodes { name } } }`,
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: {
        municipality: {
          name: "Nazareth-De Pinte",
          predecessors: [
            { nis: "44012", name: "De Pinte" },
            { nis: "44048", name: "Nazareth" },
          ],
        },
        municipalities: { totalCount: 38, nodes: [{ name: "As" }, { name: "Beringen" }, { name: "Diepenbeek" }] },
      },
      // 5 fields of the municipality + 1 + 3 × (totalCount, nodes, name)
      extensions: { cost: { requested: 15, limit: 10_000, points: 1 } },
    });
    expect(response.headers.get("ratelimit-limit")).toBe("300");
    expect(stderr).toContain('"msg":"database ready"');
    // The scheduler starts after the database is served; wait for its line rather than for a time.
    await waitFor(() => stderr.includes('"msg":"scheduler started"'), { child, what: "the scheduler started" });
  });

  it("refuses a second process on the same embedded database, naming the holder", async () => {
    const second = await runCli(["migrate"], cleanEnv({ VANGNET_DATA_DIR: dataDir }));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by process ${child.pid}`);
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain('"msg":"shutting down"');
    // The database was closed and its lock released: the next start needs no take-over.
    expect(existsSync(join(dataDir, "vangnet.lock"))).toBe(false);
  });
});
