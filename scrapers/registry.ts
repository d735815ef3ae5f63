import type { SourceDefinition } from "./source.js";

/**
 * Every source Vangnet knows, imported by name; nothing is discovered by scanning folders.
 * The LBLOD publication sites and the news sources are added here by their own modules.
 */
export const registry: readonly SourceDefinition[] = [];
