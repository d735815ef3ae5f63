import { parse } from "csv-parse/sync";
import type { MunicipalityReference } from "../../db/reference/municipality-reference.js";
import { provinces } from "../../db/reference/provinces.js";
import { normaliseName } from "../normalise/names.js";

/** One LBLOD publication site, as shipped in scrapers/sources/lblod-sites.json. */
export interface LblodSite {
  /** Source id, `lblod:<slug of the name>`. */
  id: string;
  /** Name as the Flemish harvester spelled it. */
  name: string;
  startUrl: string;
  /** The cron the Flemish harvester used (kept for reference; Vangnet spreads its own). */
  harvesterCron: string;
  /** Which administration publishes there. */
  unit: "gemeente" | "ocmw" | "provincie";
  municipalityNis: string | null;
  provinceCode: string | null;
  /** exact, approximate (a misspelt name within edit distance 2), or unmatched. */
  match: "exact" | "approximate" | "unmatched";
}

export interface SiteListReport {
  sites: LblodSite[];
  /** Human-readable notes: approximate matches, duplicates skipped, rows left unmatched. */
  notes: string[];
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

function slug(name: string): string {
  return normaliseName(name).replace(/[^a-z0-9-]/g, "");
}

/**
 * Match each row of the harvester's start-URL list to a municipality (or its OCMW) or a province.
 * Names are compared without case and accents; a name within edit distance 2 of exactly one
 * municipality is matched approximately and reported. Rows repeating a start URL are skipped.
 */
export function buildLblodSiteList(csv: string, municipalities: MunicipalityReference[]): SiteListReport {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const byName = new Map(municipalities.map((m) => [normaliseName(m.name), m]));
  const provinceByName = new Map(provinces.map((p) => [normaliseName(p.name), p]));
  const notes: string[] = [];
  const sites: LblodSite[] = [];
  const seenUrls = new Set<string>();
  const seenIds = new Set<string>();

  for (const row of rows) {
    const name = row.name ?? "";
    const startUrl = row.start_url ?? "";
    if (!name || !startUrl) throw new Error(`start-URL list: row without name or start_url: ${JSON.stringify(row)}`);
    if (seenUrls.has(startUrl)) {
      notes.push(`skipped "${name}": ${startUrl} is already listed`);
      continue;
    }
    seenUrls.add(startUrl);

    const isOcmw = /-ocmw$/i.test(name) || /\/ocmw\b/i.test(startUrl);
    const bare = normaliseName(name.replace(/-ocmw$/i, "").replace(/^provincie-/i, ""));
    const province = provinceByName.get(bare);
    let site: Omit<LblodSite, "id">;
    if (province && (/provincie/i.test(startUrl) || /provincie/i.test(name) || !byName.has(bare))) {
      site = { name, startUrl, harvesterCron: row.harvester_cron ?? "", unit: "provincie", municipalityNis: null, provinceCode: province.code, match: "exact" };
    } else {
      let municipality = byName.get(bare);
      let match: LblodSite["match"] = "exact";
      if (!municipality) {
        const close = municipalities.filter((m) => editDistance(normaliseName(m.name), bare) <= 2);
        if (close.length === 1) {
          municipality = close[0];
          match = "approximate";
          notes.push(`matched "${name}" approximately to ${municipality?.name} (${municipality?.nis})`);
        }
      }
      if (!municipality) notes.push(`unmatched "${name}" (${startUrl})`);
      site = {
        name,
        startUrl,
        harvesterCron: row.harvester_cron ?? "",
        unit: isOcmw ? "ocmw" : "gemeente",
        municipalityNis: municipality?.nis ?? null,
        provinceCode: municipality?.province ?? null,
        match: municipality ? match : "unmatched",
      };
    }
    let id = `lblod:${slug(name.replace(/\(.*?\)/g, ""))}`;
    for (let n = 2; seenIds.has(id); n++) id = `lblod:${slug(name)}-${n}`;
    seenIds.add(id);
    sites.push({ id, ...site });
  }
  return { sites, notes };
}
