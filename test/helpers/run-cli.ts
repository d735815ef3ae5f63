import { spawn } from "node:child_process";
import { join } from "node:path";

export const VANGNET_BIN = join(import.meta.dirname, "../../bin/vangnet.js");

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
  return { ...env, LOG_LEVEL: "warn", VANGNET_BUILTIN_SOURCES: "false", VANGNET_FIRST_HARVEST: "false", ...extra };
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
