import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A migrated embedded database with the reference data, dumped by `npm run build` beside the
 * compiled code (dist/db/). Absent when running from source: then a first start creates and
 * migrates the database itself.
 */
export const PGLITE_TEMPLATE = join(import.meta.dirname, "pglite-template.tar.gz");

/** The template as PGlite loads it, or undefined when there is none. */
export function readPgliteTemplate(): Blob | undefined {
  return existsSync(PGLITE_TEMPLATE) ? new Blob([readFileSync(PGLITE_TEMPLATE)]) : undefined;
}
