// Rebuilds db/reference/municipalities.json from the shared reference tables.
// Usage: npm run reference:build  (reads VANGNET_SHARED_DIR, default ../shared)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildMunicipalityReference } from "./municipality-reference.js";

const sharedDir = process.env.VANGNET_SHARED_DIR ?? join(import.meta.dirname, "../../../shared");
const dataDir = join(sharedDir, "data");
const reference = buildMunicipalityReference(
  readFileSync(join(dataDir, "municipalities-flanders-2019.csv"), "utf8"),
  readFileSync(join(dataDir, "mergers-2025.csv"), "utf8"),
);
const target = join(import.meta.dirname, "municipalities.json");
writeFileSync(target, `${JSON.stringify(reference, null, 1)}\n`);
console.log(`wrote ${reference.length} municipalities to ${target}`);
