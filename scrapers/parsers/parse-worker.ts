import { parentPort } from "node:worker_threads";
import { type ParseTask, runParseTask } from "./parse-task.js";

/**
 * Entry of a parse pool's worker thread (parse-pool.ts): parses one task at a time and answers
 * with its id. Says it is ready once its modules are loaded, so that loading never counts
 * against a page's time budget.
 */
const port = parentPort;
if (!port) throw new Error("parse-worker runs as a worker thread of the parse pool (scrapers/parsers/parse-pool.ts)");

port.on("message", async ({ id, task }: { id: number; task: ParseTask }) => {
  const result = await runParseTask(task);
  try {
    port.postMessage({ id, result });
  } catch (error) {
    port.postMessage({ id, result: { ok: false, reason: `the parser's result cannot be sent back: ${(error as Error).message}` } });
  }
});
port.postMessage({ ready: true });
