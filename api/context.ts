import type { Database } from "../db/client.js";
import type { Loaders } from "./loaders.js";

/** What every resolver receives: the database and this request's batch loaders. */
export interface ApiContext {
  db: Database;
  loaders: Loaders;
}
