import type { Database } from "../db/client.js";
import type { HarvestProgress } from "../schema/harvest.js";
import type { Loaders } from "./loaders.js";

/** What every resolver receives: the database, this request's batch loaders and the first harvest's progress. */
export interface ApiContext {
  db: Database;
  loaders: Loaders;
  harvest: () => HarvestProgress;
}
