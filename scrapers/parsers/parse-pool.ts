import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createPageParser, type PageParser } from "./page-parser.js";
import { describePageSize, describeTask, type Parsed, type ParseTask, taskBytes } from "./parse-task.js";

export interface ParsePoolOptions {
  /** Worker threads at most (VANGNET_PARSE_WORKERS). */
  workers: number;
  /** Time budget of one page in milliseconds, from the moment a worker takes it (VANGNET_PARSE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Size budget of one page in bytes of UTF-8 (by default what the fetcher accepts, VANGNET_MAX_BODY_BYTES). */
  maxBytes: number;
}

/** A PageParser that parses in worker threads; whoever creates it closes it. */
export interface ParsePool extends PageParser {
  /** Stops every worker; pages still waiting or being parsed resolve as per-page errors. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  task: ParseTask;
  bytes: number;
  resolve: (result: Parsed<unknown>) => void;
}

interface Thread {
  worker: Worker;
  /** The worker has loaded its modules (parse-worker.ts says so). */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/**
 * A worker running parse-worker next to this module, in the same language: parse-worker.js as it
 * is once built; parse-worker.ts in development, loaded through tsx, which the worker registers
 * first (the CLI registers tsx on its own thread and vitest transforms TypeScript itself; a
 * worker inherits neither, and Node 20 does not apply `--import tsx` from `execArgv` to a worker's
 * entry).
 */
function startWorker(): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./parse-worker${extension}`, import.meta.url);
  if (extension !== ".ts") return new Worker(entry);
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * Parse pages in at most `workers` worker threads, off the event loop that serves the API: the
 * RDFa library and the article extractor are third-party code that a hostile page can keep busy
 * for minutes. Each page gets a size budget (checked before it is sent) and a time budget; a
 * worker over its time budget is terminated and replaced, and its page becomes a per-page error
 * with the reason ("parse took longer than 20 s; page of 5.1 MB"). So does a worker that dies
 * (out of memory, say). Pages queue while every worker is busy. Workers start on first use and
 * do not keep the process alive while idle.
 */
export function createParsePool(options: ParsePoolOptions): ParsePool {
  const threads: Thread[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (thread: Thread, result: Parsed<unknown>) => {
    const job = thread.job;
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = null;
    thread.job = null;
    thread.worker.unref();
    job?.resolve(result);
  };

  /** Ends a thread that cannot go on; its page, if any, becomes a per-page error. */
  const discard = (thread: Thread, reason: string) => {
    const index = threads.indexOf(thread);
    if (index === -1) return;
    threads.splice(index, 1);
    if (thread.job) settle(thread, { ok: false, reason: `${reason}; ${describeTask(thread.job.task, thread.job.bytes).what}` });
    void thread.worker.terminate();
    pump();
  };

  const start = (thread: Thread) => {
    const job = thread.job;
    if (!job || !thread.ready) return;
    thread.worker.postMessage({ id: job.id, task: job.task });
    thread.timer = setTimeout(() => discard(thread, `${describeTask(job.task, job.bytes).work} took longer than ${seconds(options.timeoutMs)}`), options.timeoutMs);
  };

  const spawn = (): Thread => {
    const worker = startWorker();
    const thread: Thread = { worker, ready: false, job: null, timer: null };
    worker.on("message", (message: { ready: true } | { id: number; result: Parsed<unknown> }) => {
      if ("ready" in message) {
        thread.ready = true;
        start(thread);
      } else if (thread.job?.id === message.id) {
        settle(thread, message.result);
        pump();
      }
    });
    worker.on("error", (error) => discard(thread, `the parse worker stopped: ${error.message}`));
    worker.on("exit", (code) => discard(thread, `the parse worker exited with code ${code}`));
    threads.push(thread);
    return thread;
  };

  function pump(): void {
    while (!closed && queue.length > 0) {
      const thread = threads.find((t) => t.job === null) ?? (threads.length < options.workers ? spawn() : null);
      if (!thread) return;
      thread.job = queue.shift() as Job;
      thread.worker.ref();
      start(thread);
    }
  }

  const run = (task: ParseTask): Promise<Parsed<unknown>> => {
    const bytes = taskBytes(task);
    if (bytes > options.maxBytes) {
      const { work, what } = describeTask(task, bytes);
      return Promise.resolve({ ok: false, reason: `${what} is over the ${work} budget of ${describePageSize(options.maxBytes)}` });
    }
    if (closed) return Promise.resolve({ ok: false, reason: "the parse pool is closed" });
    return new Promise((resolve) => {
      queue.push({ id: nextId++, task, bytes, resolve });
      pump();
    });
  };

  const close = async () => {
    closed = true;
    const reason = "the parse pool was closed before the page was parsed";
    for (const job of queue.splice(0)) job.resolve({ ok: false, reason });
    const stopping = threads.splice(0);
    for (const thread of stopping) if (thread.job) settle(thread, { ok: false, reason });
    await Promise.all(stopping.map((thread) => thread.worker.terminate()));
  };

  return { ...createPageParser(run), close };
}
