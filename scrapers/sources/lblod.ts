import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defineSource, type SourceDefinition } from "../source.js";
import type { LblodSite } from "./lblod-site-list.js";

/** First and last hour (Europe/Brussels) of the nightly window in which LBLOD sites are visited. */
const NIGHT_START_HOUR = 1;
const NIGHT_HOURS = 5;

/**
 * Spread n daily runs evenly over the night, so that Vangnet never visits many sites at once
 * and each site once a day (the rolling window heals a missed night).
 */
export function nightlySchedule(index: number, count: number): string {
  const minuteOfNight = Math.floor((index * NIGHT_HOURS * 60) / Math.max(count, 1));
  return `${minuteOfNight % 60} ${NIGHT_START_HOUR + Math.floor(minuteOfNight / 60)} * * *`;
}

function readSites(): LblodSite[] {
  return JSON.parse(readFileSync(join(import.meta.dirname, "lblod-sites.json"), "utf8")) as LblodSite[];
}

/**
 * One source per LBLOD publication site of the Flemish harvester's list (municipalities, their
 * OCMWs and the provinces), on Gelinkt Notuleren, Cipal, onlinesmartcities, Cevi, meetingburger
 * and own portals. All share one crawler and one RDFa parser.
 */
export function lblodSources(): SourceDefinition[] {
  const sites = readSites();
  return sites.map((site, index) =>
    defineSource({
      id: site.id,
      kind: "lblod",
      name: site.unit === "ocmw" ? `${site.name.replace(/-OCMW$/i, "")} (OCMW)` : site.name,
      startUrl: site.startUrl,
      schedule: nightlySchedule(index, sites.length),
      enabled: true,
      municipalityNis: site.municipalityNis,
      config: { unit: site.unit, provinceCode: site.provinceCode },
    }),
  );
}
