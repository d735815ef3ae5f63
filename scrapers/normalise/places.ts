import type { MunicipalityRow } from "../../db/queries/municipalities.js";
import { normaliseName } from "./names.js";

/**
 * All municipalities in memory (312 rows), to resolve which municipality published a document on
 * a given date: a source of a municipality that merged on 2025-01-01 publishes for its successor
 * from then on, and a merged municipality's document from before 2025 belongs to the predecessor
 * it names.
 */
export class MunicipalityDirectory {
  private readonly byNis: Map<string, MunicipalityRow>;
  private readonly byName: Map<string, MunicipalityRow[]>;

  constructor(rows: MunicipalityRow[]) {
    this.byNis = new Map(rows.map((row) => [row.nis, row]));
    this.byName = new Map();
    for (const row of rows) {
      const key = normaliseName(row.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), row]);
    }
  }

  get(nis: string): MunicipalityRow | undefined {
    return this.byNis.get(nis);
  }

  /** Municipalities called `name` (several when a merger kept the name, e.g. Hasselt). */
  findByName(name: string): MunicipalityRow[] {
    return this.byName.get(normaliseName(name.replace(/^(stad|gemeente|ocmw)\s+/i, ""))) ?? [];
  }

  /**
   * The municipality that published on `date` (YYYY-MM-DD): the named one valid on that date if a
   * name is given and known; else the source's municipality, followed to its successor when the
   * date is after its end. Returns the source's NIS unchanged when nothing better is known.
   */
  publisherOn(sourceNis: string | null, date: string | null, nameHint: string | null): string | null {
    if (nameHint && date) {
      const named = this.findByName(nameHint).find((row) => isValidOn(row, date));
      if (named) return named.nis;
    }
    if (!sourceNis) return nameHint ? (this.findByName(nameHint)[0]?.nis ?? null) : null;
    let current = this.byNis.get(sourceNis);
    while (current && date && current.validTo && date > current.validTo && current.successorNis) {
      current = this.byNis.get(current.successorNis);
    }
    return current?.nis ?? sourceNis;
  }
}

function isValidOn(row: MunicipalityRow, date: string): boolean {
  return row.validFrom <= date && (row.validTo === null || date <= row.validTo);
}
