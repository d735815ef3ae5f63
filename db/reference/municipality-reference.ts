import { parse } from "csv-parse/sync";
import { provinceOfNis } from "./provinces.js";

/** One municipality as shipped in db/reference/municipalities.json. */
export interface MunicipalityReference {
  nis: string;
  name: string;
  province: string;
  validFrom: string;
  validTo: string | null;
  successor: string | null;
}

/** Start of the reference period: the 300 municipalities of the 2019 mergers. */
export const REFERENCE_START = "2019-01-01";
/** The 2025 mergers took effect on this day; merged municipalities end the day before. */
export const MERGER_DATE_2025 = "2025-01-01";
const LAST_DAY_BEFORE_2025 = "2024-12-31";

function readCsv(text: string, columns: string[], label: string): Record<string, string>[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const header = rows[0] ? Object.keys(rows[0]) : [];
  for (const column of columns) {
    if (!header.includes(column)) throw new Error(`${label}: missing column "${column}" (found ${header.join(", ")})`);
  }
  return rows;
}

/**
 * Combine the 2019 municipality list and the 2025 merger list into the project's reference:
 * every municipality once, merged ones closed on 2024-12-31 with a successor, new ones opened on
 * 2025-01-01. A municipality that absorbs others under its own NIS code (Antwerpen took in
 * Borsbeek) stays one row that never closes; where the merger got a new code (Hasselt 71072),
 * the old municipality (71022) closes like the others.
 */
export function buildMunicipalityReference(municipalitiesCsv: string, mergersCsv: string): MunicipalityReference[] {
  const byNis = new Map<string, MunicipalityReference>();
  for (const row of readCsv(municipalitiesCsv, ["nis", "name"], "municipalities csv")) {
    const nis = row.nis as string;
    if (byNis.has(nis)) throw new Error(`municipalities csv: NIS ${nis} appears twice`);
    byNis.set(nis, {
      nis,
      name: row.name as string,
      province: provinceOfNis(nis),
      validFrom: REFERENCE_START,
      validTo: null,
      successor: null,
    });
  }
  for (const row of readCsv(mergersCsv, ["new_nis", "new_name", "old_nis", "old_name"], "mergers csv")) {
    const newNis = row.new_nis as string;
    const oldNis = row.old_nis as string;
    const old = byNis.get(oldNis);
    if (!old) throw new Error(`mergers csv: old NIS ${oldNis} (${row.old_name}) is not in the 2019 list`);
    if (!byNis.has(newNis)) {
      byNis.set(newNis, {
        nis: newNis,
        name: row.new_name as string,
        province: provinceOfNis(newNis),
        validFrom: MERGER_DATE_2025,
        validTo: null,
        successor: null,
      });
    }
    if (oldNis !== newNis) {
      old.validTo = LAST_DAY_BEFORE_2025;
      old.successor = newNis;
    }
  }
  return [...byNis.values()].sort((a, b) => a.nis.localeCompare(b.nis));
}
