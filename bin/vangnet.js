#!/usr/bin/env node
// Entry point of the `vangnet` command. It runs the JavaScript that `npm run build` compiles into
// dist/ (npm runs the build on install); without a build, or with VANGNET_FROM_SOURCE=1 while
// developing, it runs the TypeScript itself through tsx's loader, which takes seconds per call.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli/main.js", import.meta.url);
let main;
if (existsSync(compiled) && !process.env.VANGNET_FROM_SOURCE) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../cli/main.ts"));
}
const code = await main(process.argv.slice(2));
// Writes to a pipe are asynchronous on POSIX: process.exit() would drop what the reader has not
// taken yet (`vangnet parse lblod big.html | jq` received 64 KiB). An empty write calls back only
// after everything written before it has been handed over.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
process.exit(code);
