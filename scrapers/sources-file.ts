import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { sourceKinds } from "../schema/source-kinds.js";
import { sourceKindOf } from "./kinds/registry.js";
import { SourceMisconfigured } from "./run-errors.js";
import type { SourceDefinition } from "./source.js";

const entry = z
  .object({
    id: z.string().min(1),
    kind: z.enum(sourceKinds).optional(),
    name: z.string().min(1).optional(),
    startUrl: z.string().url().optional(),
    schedule: z.string().min(1).optional(),
    timezone: z.string().min(1).optional(),
    enabled: z.boolean().optional(),
    municipalityNis: z
      .string()
      .regex(/^\d{5}$/)
      .nullable()
      .optional(),
    mayBeEmpty: z.boolean().optional(),
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type SourceOverride = z.infer<typeof entry>;

export class SourcesFileError extends Error {
  override name = "SourcesFileError";
}

/** Default schedule of a source added by file without one: daily at 04:30 Brussels time. */
const DEFAULT_SCHEDULE = "30 4 * * *";

/** Read a JSON or YAML sources file (YAML is a superset of JSON, so one parser reads both). */
export function readSourcesFile(path: string): SourceOverride[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    throw new SourcesFileError(`${path}: cannot read sources file: ${(error as Error).message}`, { cause: error });
  }
  const list = Array.isArray(raw) ? raw : (raw as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list)) {
    throw new SourcesFileError(`${path}: invalid sources file: expected a list of sources, or an object with a "sources" list`);
  }
  const result = z.array(entry).safeParse(list);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new SourcesFileError(`${path}: invalid sources file: ${problems.join("; ")}`);
  }
  return result.data;
}

/**
 * What is wrong with a source's `config` for its kind (each `config.<field>: <problem>`); none
 * when it fits. The kind's module (scrapers/kinds/) holds the schema.
 */
export function sourceConfigProblems(source: SourceDefinition): string[] {
  return sourceKindOf(source).configProblems(source.config);
}

/**
 * Apply a sources file to the built-in list: an entry with a known id overrides the fields it
 * names (e.g. `enabled: false`, another schedule); an unknown id adds a source and must then say
 * at least kind, name and startUrl. Each source the file adds or changes must have a `config`
 * that fits its kind.
 */
export function applySourceOverrides(builtin: SourceDefinition[], overrides: SourceOverride[], path: string): SourceDefinition[] {
  const byId = new Map(builtin.map((source) => [source.id, source]));
  const checked = (source: SourceDefinition, index: number): SourceDefinition => {
    const problems = sourceConfigProblems(source);
    if (problems.length > 0) {
      throw new SourcesFileError(`${path}: entry ${index} (source "${source.id}", kind ${source.kind}): invalid configuration: ${problems.join("; ")}`);
    }
    return source;
  };
  overrides.forEach((override, index) => {
    const existing = byId.get(override.id);
    if (existing) {
      byId.set(override.id, checked({ ...existing, ...override, config: { ...existing.config, ...override.config }, origin: "file" }, index));
      return;
    }
    const { kind, name, startUrl } = override;
    if (!kind || !name || !startUrl) {
      throw new SourcesFileError(
        `${path}: entry ${index} adds the unknown source "${override.id}" and must then give kind, name and startUrl`,
      );
    }
    byId.set(
      override.id,
      checked(
        {
          ...override,
          kind,
          name,
          startUrl,
          schedule: override.schedule ?? DEFAULT_SCHEDULE,
          enabled: override.enabled ?? true,
          municipalityNis: override.municipalityNis ?? null,
          config: override.config ?? {},
          origin: "file",
        },
        index,
      ),
    );
  });
  return [...byId.values()];
}

/** A built-in source whose `config` does not fit its kind: a mistake in the registry, said with the source and the field. */
function checkBuiltin(source: SourceDefinition): void {
  const problems = sourceConfigProblems(source);
  if (problems.length > 0) {
    throw new SourceMisconfigured(source.id, source.startUrl, `built-in source of kind ${source.kind} has an invalid configuration: ${problems.join("; ")}`);
  }
}

/**
 * The sources in force: the registry, with the sources file applied when one is configured. Every
 * source's configuration is checked against its kind here, so that a mistake stops the command
 * that loads it rather than failing a run at night.
 */
export function loadSources(builtin: SourceDefinition[], sourcesFilePath: string | undefined): SourceDefinition[] {
  for (const source of builtin) checkBuiltin(source);
  if (!sourcesFilePath) return builtin;
  return applySourceOverrides(builtin, readSourcesFile(sourcesFilePath), sourcesFilePath);
}
