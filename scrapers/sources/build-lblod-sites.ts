// Rebuilds scrapers/sources/lblod-sites.json from the harvester's start-URL list.
// Usage: npm run sources:build  (reads VANGNET_SHARED_DIR, default ../shared)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MunicipalityReference } from "../../db/reference/municipality-reference.js";
import { buildLblodSiteList } from "./lblod-site-list.js";

const sharedDir = process.env.VANGNET_SHARED_DIR ?? join(import.meta.dirname, "../../../shared");
const municipalities = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../db/reference/municipalities.json"), "utf8"),
) as MunicipalityReference[];
const { sites, notes } = buildLblodSiteList(readFileSync(join(sharedDir, "data/lblod-start-urls.csv"), "utf8"), municipalities);
const target = join(import.meta.dirname, "lblod-sites.json");
writeFileSync(target, `${JSON.stringify(sites, null, 1)}\n`);
for (const note of notes) console.log(note);
console.log(`wrote ${sites.length} LBLOD sites to ${target}`);
