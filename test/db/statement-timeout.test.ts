import { describe, expect, it } from "vitest";
import { createDb } from "../../db/client.js";
import { createPostgresDatabase, testDriver } from "../helpers/test-db.js";

/** VANGNET_STATEMENT_TIMEOUT_MS: what it does on each database (README, "Serving"). */
describe(`statement timeout (${testDriver})`, () => {
  const title =
    testDriver === "postgres"
      ? "cancels a statement that runs longer on a Postgres server"
      : "cannot be enforced by PGlite: it accepts the setting but runs the statement to the end";
  it(title, async () => {
    if (testDriver === "postgres") {
      const { url, drop } = await createPostgresDatabase();
      const handle = await createDb({ databaseUrl: url, statementTimeoutMs: 200 });
      try {
        const started = performance.now();
        await expect(handle.rows("select pg_sleep(3)")).rejects.toMatchObject({ code: "57014" });
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(await handle.rows("select 1 as one")).toEqual([{ one: 1 }]);
      } finally {
        await handle.close();
        await drop();
      }
      return;
    }
    // Single-threaded WebAssembly Postgres has no timer signal to interrupt a running statement.
    const handle = await createDb({ dataDir: "memory://" });
    try {
      await handle.rows("set statement_timeout = 100");
      expect(await handle.rows("show statement_timeout")).toEqual([{ statement_timeout: "100ms" }]);
      const started = performance.now();
      await handle.rows("select pg_sleep(0.5)");
      expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    } finally {
      await handle.close();
    }
  });
});
