import { builtinSources } from "../scrapers/registry.js";
import { SourceMisconfigured } from "../scrapers/run-errors.js";
import type { SourceDefinition } from "../scrapers/source.js";
import { loadSources, SourcesFileError } from "../scrapers/sources-file.js";
import type { Config } from "./config.js";
import { UserError } from "./user-error.js";

/**
 * The sources in force for this configuration: the registry plus VANGNET_SOURCES_FILE, each
 * checked against its kind. Apart from the fetchers and parsers (cli/scraping.ts), so that
 * `serve` can count them without loading those. A mistake is the user's to fix: said in one line.
 */
export function configuredSources(config: Config): SourceDefinition[] {
  try {
    return loadSources(config.VANGNET_BUILTIN_SOURCES ? builtinSources() : [], config.VANGNET_SOURCES_FILE);
  } catch (error) {
    if (error instanceof SourcesFileError || error instanceof SourceMisconfigured) throw new UserError(error.message, { cause: error });
    throw error;
  }
}
