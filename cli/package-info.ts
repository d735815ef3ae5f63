import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The project's package.json, found by walking up from this module: `cli/` when run from source,
 * `dist/cli/` when run compiled, so the path is not fixed.
 */
function findPackageJson(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, "utf8")) as { name?: string }).name === "vangnet") return candidate;
    if (dirname(dir) === dir) throw new Error(`package.json of vangnet not found above ${import.meta.dirname}`);
  }
}

let version: string | undefined;

/** Vangnet's version, as package.json states it. */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(findPackageJson(), "utf8")) as { version: string }).version;
  return version;
}
