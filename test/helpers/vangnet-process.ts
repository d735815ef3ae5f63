import { type ChildProcess, spawn } from "node:child_process";
import { VANGNET_BIN } from "./run-cli.js";

/** A long-running `vangnet` command (`worker`, `start`) with its log; `exited` resolves with the exit code. */
export function startVangnet(command: "worker" | "start", env: NodeJS.ProcessEnv): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  let log = "";
  const child = spawn(process.execPath, [VANGNET_BIN, command], { env, stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    log += chunk;
  });
  return { child, log: () => log, exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))) };
}
