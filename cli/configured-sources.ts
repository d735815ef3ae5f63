import { builtinSources } from "../scrapers/registry.js";
import type { SourceDefinition } from "../scrapers/source.js";
import { loadSources } from "../scrapers/sources-file.js";
import type { Config } from "./config.js";

/**
 * The sources in force for this configuration: the registry plus VANGNET_SOURCES_FILE. Apart from
 * the fetchers and parsers (cli/scraping.ts), so that `serve` can count them without loading those.
 */
export function configuredSources(config: Config): SourceDefinition[] {
  return loadSources(config.VANGNET_BUILTIN_SOURCES ? builtinSources() : [], config.VANGNET_SOURCES_FILE);
}
