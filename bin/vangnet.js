#!/usr/bin/env node
// Entry point of the `vangnet` command. The code is TypeScript, run through tsx's loader so that
// a fresh clone works after `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
const code = await main(process.argv.slice(2));
// Writes to a pipe are asynchronous on POSIX: process.exit() would drop what the reader has not
// taken yet (`vangnet parse lblod big.html | jq` received 64 KiB). An empty write calls back only
// after everything written before it has been handed over.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
process.exit(code);
