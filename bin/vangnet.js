#!/usr/bin/env node
// Entry point of the `vangnet` command. The code is TypeScript, run through tsx's loader so that
// a fresh clone works after `npm install` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
const code = await main(process.argv.slice(2));
process.exit(code);
