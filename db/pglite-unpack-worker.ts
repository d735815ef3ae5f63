/**
 * Child process entry (pglite-unpack.ts): unpack the migrated template into a new PGlite data
 * directory and close it. Unpacking leaves some 100 MB behind in the process that does it (its
 * WebAssembly memory and the allocator's arenas keep what they grew to); done in a child process,
 * all of it goes when the child exits. Arguments: data directory, template, shared buffers.
 */
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pgliteSettings } from "./pglite-settings.js";

const [dataDir, template, sharedBuffers] = process.argv.slice(2);
if (!dataDir || !template) throw new Error("usage: pglite-unpack-worker <data directory> <template> [shared buffers]");
const db = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(template)]), postgresqlconf: pgliteSettings(sharedBuffers || undefined) });
await db.close();
