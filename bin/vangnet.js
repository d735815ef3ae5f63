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
  // tsx is a devDependency: an install without them (`npm ci --omit=dev`) runs the build only.
  const tsx = await import("tsx/esm/api").catch((error) => {
    if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
    return null;
  });
  if (!tsx) {
    process.stderr.write("vangnet: there is no build in dist/ and no tsx to run the TypeScript: run `npm install` (it builds), or `npm run build`\n");
    process.exit(1);
  }
  tsx.register();
  ({ main } = await import("../cli/main.ts"));
}
const code = await main(process.argv.slice(2));
// Writes to a pipe are asynchronous on POSIX: process.exit() would drop what the reader has not
// taken yet (`vangnet parse lblod big.html | jq` received 64 KiB). An empty write calls back only
// after everything written before it has been handed over.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
process.exit(code);
