/**
 * Child processes of the HTTP benchmark: every server and load generator runs in a process group
 * of its own (`detached`), so that stopping it stops whatever it started too. Every process
 * started here is remembered until it exits; `stopAll` (the runner's `finally`) and the exit and
 * signal handlers installed by `stopAllOnExit` end the ones still running.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../../helpers/free-port.js";

export interface Started {
  label: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code (or null after a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** The last few kilobytes the process wrote to stdout and stderr, for error messages. */
  output(): string;
  /** SIGTERM to the group, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Started>();
const KEEP_OUTPUT = 16_384;


function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

export function startProcess(label: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Started {
  const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`${label}: could not start ${command}`);
  const pid = child.pid;
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-KEEP_OUTPUT);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let hasExited = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      hasExited = true;
      running.delete(started);
      resolve(code);
    });
    child.once("error", () => {
      hasExited = true;
      running.delete(started);
      resolve(null);
    });
  });
  const started: Started = {
    label,
    pid,
    child,
    exited,
    output: () => tail,
    async stop(graceMs = 15_000) {
      if (!hasExited) signalGroup(pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // Anything the process left behind in its group.
      signalGroup(pid, "SIGKILL");
    },
  };
  running.add(started);
  return started;
}

/** Run a command to its end; its stdout, or an error with its output when it fails. */
export async function runToEnd(label: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<string> {
  const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, detached: true, stdio: ["pipe", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`${label}: could not start ${command}`);
  const pid = child.pid;
  const entry: Started = {
    label,
    pid,
    child,
    exited: new Promise((resolve) => child.once("exit", resolve)),
    output: () => "",
    stop: async () => signalGroup(pid, "SIGKILL"),
  };
  running.add(entry);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(options.input ?? "");
  const timer = options.timeoutMs ? setTimeout(() => signalGroup(pid, "SIGKILL"), options.timeoutMs) : undefined;
  const code = await new Promise<number | null>((resolve) => {
    child.once("close", resolve);
    child.once("error", () => resolve(null));
  });
  clearTimeout(timer);
  running.delete(entry);
  const out = Buffer.concat(stdout).toString("utf8");
  if (code !== 0) throw new Error(`${label} exited with ${code}: ${Buffer.concat(stderr).toString("utf8").slice(-2000) || out.slice(-2000)}`);
  return out;
}

/** Stop every process still running, in parallel. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((started) => started.stop(5_000)));
}

/** On exit or a signal, kill every group still running (the runner's `finally` may not get to run). */
export function stopAllOnExit(): void {
  process.once("exit", () => {
    for (const started of running) signalGroup(started.pid, "SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping the servers\n`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** Ask `ready` every 50 ms until it says yes; fails when `process` exits first or after `timeoutMs`. */
export async function waitUntil(what: string, started: Started, ready: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let exitedEarly = false;
  void started.exited.then(() => {
    exitedEarly = true;
  });
  while (performance.now() < deadline) {
    if (exitedEarly) throw new Error(`${started.label} exited before ${what}:\n${started.output().slice(-3000)}`);
    try {
      if (await ready()) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${started.label}: no ${what} within ${timeoutMs / 1000} s:\n${started.output().slice(-3000)}`);
}

export { freePort };
