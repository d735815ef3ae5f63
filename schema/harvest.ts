/**
 * Where the first harvest of a database stands: what `/healthz`, the `harvest` query and
 * `vangnet sources` show. A database in which the service never collected runs every enabled
 * source once at the first `vangnet start` (scrapers/first-harvest.ts).
 */
export interface HarvestProgress {
  /**
   * `running` while a first harvest has begun and not every enabled source is harvested yet,
   * `done` when every one is, `off` when this database has no first harvest (turned off, or the
   * database was collecting on schedule before first harvests existed).
   */
  state: HarvestState;
  /** Enabled sources with a finished run (any outcome, not cut short by a killed process). */
  sourcesDone: number;
  /** Enabled sources of the configuration. */
  sourcesTotal: number;
  /** Start of the harvest's first run; null before it. */
  startedAt: Date | null;
  /** When the last source was harvested; null until every one is. */
  finishedAt: Date | null;
}

export type HarvestState = "running" | "done" | "off";

/** A process that knows of no harvest (the demo, a server without sources). */
export const NO_HARVEST: Readonly<HarvestProgress> = Object.freeze({ state: "off", sourcesDone: 0, sourcesTotal: 0, startedAt: null, finishedAt: null });
