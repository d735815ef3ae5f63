import DataLoader from "dataloader";
import type { Database } from "../db/client.js";
import { findMunicipalitiesByNis, findPredecessors, type MunicipalityRow } from "../db/queries/municipalities.js";

/** Per-request batch loaders: one SQL statement per field per level, however many rows. */
export function createLoaders(db: Database) {
  return {
    municipalityByNis: new DataLoader<string, MunicipalityRow | null>(async (nisCodes) => {
      const rows = await findMunicipalitiesByNis(db, nisCodes);
      const byNis = new Map(rows.map((row) => [row.nis, row]));
      return nisCodes.map((nis) => byNis.get(nis) ?? null);
    }),
    predecessorsByNis: new DataLoader<string, MunicipalityRow[]>(async (nisCodes) => {
      const rows = await findPredecessors(db, nisCodes);
      return nisCodes.map((nis) => rows.filter((row) => row.successorNis === nis));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
