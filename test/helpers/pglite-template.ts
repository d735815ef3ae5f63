// Vitest global setup of the PGlite project: migrate one database, dump it, and let every test
// file start from a copy (loading a dump takes about a second; a fresh migrated PGlite about six).
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const handle = await createDb({ dataDir: "memory://" });
  await migrate(handle);
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: "gzip"): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("gzip");
  await handle.close();
  const path = join(tmpdir(), `vangnet-pglite-template-${process.pid}.tar.gz`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", path);
}
