import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The team's shared folder beside the project (`../shared`), overridable with VANGNET_SHARED_DIR.
 * Conformance tests read real data from it; a user's clone does not have it.
 */
export const sharedDir = process.env.VANGNET_SHARED_DIR ?? join(import.meta.dirname, "../../../shared");
export const sharedAvailable = existsSync(join(sharedDir, "data"));

if (!sharedAvailable) {
  console.warn(`\n[vangnet] ${sharedDir} is absent: conformance tests on the shared reference data are skipped.\n`);
}
