import type { SourceKind } from "../schema/source-kinds.js";

/** A publisher Vangnet collects from: declarative data, no behaviour of its own. */
export interface SourceDefinition {
  /** Stable id, e.g. `lblod:gent`. */
  id: string;
  kind: SourceKind;
  name: string;
  startUrl: string;
  /** Cron expression (node-cron syntax, optional seconds field). */
  schedule: string;
  /** Time zone of the schedule; Europe/Brussels unless said otherwise. */
  timezone?: string;
  enabled: boolean;
  /** Publishing municipality (NIS), when the source belongs to one. */
  municipalityNis: string | null;
  /** Whether an empty result is normal for this source rather than an error. */
  mayBeEmpty?: boolean;
  /** Kind-specific settings, as declared: the kind's zod schema (scrapers/kinds/) says which. */
  config: Record<string, unknown>;
  /** builtin (the registry) or file (VANGNET_SOURCES_FILE). */
  origin?: "builtin" | "file";
}

/** Declare a source; the registry imports every declaration by name. */
export function defineSource(definition: SourceDefinition): SourceDefinition {
  return definition;
}
