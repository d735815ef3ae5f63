import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fork } from "node:child_process";

/**
 * Unpack the migrated template (pglite-template.ts) into the new data directory `dataDir`, in a
 * child process, so that the memory unpacking takes leaves with it: the process that then opens the
 * directory starts as small as on any later start (a worker thread was not enough: the allocator
 * kept its arenas). The child runs pglite-unpack-worker in this module's language (the compiled
 * .js, or the .ts through tsx).
 */
export async function unpackPgliteTemplate(dataDir: string, template: string, sharedBuffers: string | undefined): Promise<void> {
  // Unpacked beside, then moved in with PG_VERSION last: a process killed half-way leaves a
  // directory without PG_VERSION, which the next start takes for new and unpacks again.
  const staging = `${dataDir}.unpacking`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  await runUnpackWorker(staging, template, sharedBuffers);
  const entries = readdirSync(staging).sort((a, b) => Number(a === "PG_VERSION") - Number(b === "PG_VERSION"));
  for (const name of entries) {
    rmSync(join(dataDir, name), { recursive: true, force: true });
    renameSync(join(staging, name), join(dataDir, name));
  }
  rmSync(staging, { recursive: true, force: true });
}

function runUnpackWorker(dataDir: string, template: string, sharedBuffers: string | undefined): Promise<void> {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = fileURLToPath(new URL(`./pglite-unpack-worker${extension}`, import.meta.url));
  const child = fork(entry, [dataDir, template, sharedBuffers ?? ""], { execArgv: extension === ".ts" ? ["--import", "tsx"] : [], stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.once("error", (error) => reject(new Error(`could not unpack the database template into ${dataDir}: ${error.message}`, { cause: error })));
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`could not unpack the database template into ${dataDir}: the unpacking process ended with ${signal ?? `code ${code}`}${stderr ? `: ${stderr.trim()}` : ""}`));
    });
  });
}
