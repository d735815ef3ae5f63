import { buildKortenbergPages, START_PATH } from "../fixtures/lblod-replay/kortenberg.js";
import { type ReplayBody, startReplaySite as startSite } from "../../cli/demo/replay-server.js";

export type { ReplayFault, ReplayRequest, ReplaySite } from "../../cli/demo/replay-server.js";

/** The replay server with the given pages, or by default the synthetic Kortenberg LBLOD site. */
export function startReplaySite(site: { pages: ReadonlyMap<string, ReplayBody>; startPath: string } = { pages: buildKortenbergPages(), startPath: START_PATH }) {
  return startSite(site);
}
