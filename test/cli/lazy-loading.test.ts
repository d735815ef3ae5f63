import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";

const importLog = join(import.meta.dirname, "../helpers/import-log.mjs");
/** Packages only scraping needs: a browser, PDF text, RDFa, feeds, HTML cleaning, robots.txt. */
const scrapingPackages = ["playwright-core", "pdfjs-dist", "rdfa-streaming-parser", "@rowanmanning/feed-parser", "sanitize-html", "robots-parser", "cheerio"];

/** The npm packages a process resolved, from the log that test/helpers/import-log.mjs writes. */
function packagesIn(log: string): Set<string> {
  return new Set([...readFileSync(log, "utf8").matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((m) => m[1] as string));
}

function loggedEnv(extra: Record<string, string> = {}) {
  const log = join(mkdtempSync(join(tmpdir(), "vangnet-imports-")), "imports.log");
  return { log, env: cleanEnv({ VANGNET_IMPORT_LOG: log, NODE_OPTIONS: `--import=${importLog}`, ...extra }) };
}

describe("each command loads only what it needs", () => {
  it("answers --help without the database, the server or any scraper", async () => {
    const { log, env } = loggedEnv();
    const help = await runCli(["--help"], env);
    expect(help.code).toBe(0);
    const loaded = packagesIn(log);
    for (const name of ["@electric-sql/pglite", "postgres", "drizzle-orm", "@apollo/server", "express", ...scrapingPackages]) expect(loaded).not.toContain(name);
  });

  it("serves the API without loading a scraper, a parser or a browser", async () => {
    const { log, env } = loggedEnv({ VANGNET_DATA_DIR: join(mkdtempSync(join(tmpdir(), "vangnet-serve-")), "data"), LOG_LEVEL: "info" });
    const child = spawn(process.execPath, [VANGNET_BIN, "serve", "--port", "0", "--host", "127.0.0.1"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    const ready = new Promise<void>((resolve) => {
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.includes('"msg":"database ready"')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await Promise.race([ready, exited]);
    child.kill("SIGTERM");
    expect(await exited, stderr).toBe(0);
    const loaded = packagesIn(log);
    expect(loaded).toContain("@apollo/server");
    for (const name of scrapingPackages) expect(loaded).not.toContain(name);
  });
});
