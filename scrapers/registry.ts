import type { SourceDefinition } from "./source.js";
import { lblodSources } from "./sources/lblod.js";
import { newsSources } from "./sources/news.js";

/**
 * Every built-in source, imported by name; nothing is discovered by scanning folders. Users add,
 * override or disable sources with VANGNET_SOURCES_FILE (scrapers/sources-file.ts).
 */
export function builtinSources(): SourceDefinition[] {
  return [...lblodSources(), ...newsSources()];
}
