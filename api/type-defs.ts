import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const SCHEMA_DIR = join(import.meta.dirname, "../schema");

/** The public GraphQL contract: every `schema/*.graphql` file, in name order. */
export function readTypeDefs(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith(".graphql"))
    .sort()
    .map((name) => readFileSync(join(SCHEMA_DIR, name), "utf8"))
    .join("\n");
}
