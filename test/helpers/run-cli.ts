import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const VANGNET_BIN = join(import.meta.dirname, "../../bin/vangnet.js");

const root = join(import.meta.dirname, "../..");

/** Newest modification time of the TypeScript that `npm run build` compiles. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The CLI that tests spawn is the one users run: the compiled dist/ (bin/vangnet.js falls back to
 * the TypeScript only when there is no build). A build older than the sources would test old code,
 * so it is refused with what to do; `npm test` builds first.
 */
function checkBuild(): void {
  const buildInfo = join(root, "dist/.built");
  if (!existsSync(buildInfo)) return;
  const built = statSync(buildInfo).mtimeMs;
  const stale = ["api", "cli", "db", "schema", "scrapers", "test/fixtures"].some((dir) => newestSource(join(root, dir)) > built);
  if (stale) throw new Error("dist/ is older than the TypeScript it is built from: run `npm run build` (`npm test` does) before these tests");
}
checkBuild();

/**
 * Environment for a child `vangnet` without the caller's database settings leaking in, without
 * the built-in sources (their real URLs must never be contacted from a test, even when a test runs
 * during the nightly schedule) and without a first harvest, unless a test asks for one.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.VANGNET_TEST_DB;
  delete env.PORT;
  // NODE_ENV as a user has it: vitest sets "test", which changes how libraries behave (Apollo
  // Server, for one, handles signals differently). No first harvest unless a test asks for one.
  return { ...env, NODE_ENV: "production", LOG_LEVEL: "warn", VANGNET_BUILTIN_SOURCES: "false", VANGNET_FIRST_HARVEST: "false", ...extra };
}

/** Run `vangnet ...args` to completion and collect its output. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VANGNET_BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
