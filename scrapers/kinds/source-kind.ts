import type { z } from "zod";
import type { SourceKind, sourceKindDocuments } from "../../schema/source-kinds.js";
import type { RunContext } from "../run-context.js";
import { SourceMisconfigured } from "../run-errors.js";
import type { SourceDefinition } from "../source.js";

/** What the configuration of every kind says: how many days back a run looks. */
export interface KindConfig {
  windowDays: number;
}

/** One kind of source as its module declares it (spatula's page class, Open States' scraper). */
export interface SourceKindSpec<K extends SourceKind, C extends KindConfig> {
  /** The `kind` its sources declare; one of schema/source-kinds.ts. */
  name: K;
  /** What its sources yield, as schema/source-kinds.ts says. */
  documentKind: (typeof sourceKindDocuments)[K];
  /** Its sources' `config` with the defaults; strict, so that a misspelt field is an error. */
  config: z.ZodType<C>;
  /** How its pages are read: by the polite HTTP fetcher, or rendered in Chromium. */
  fetcher: "http" | "browser";
  /** Collect a source once; what ends the run early is thrown (scrapers/run-results.ts). */
  crawl(ctx: RunContext, config: C): Promise<void>;
  /** Re-parse and re-store what was fetched before, fetching nothing. */
  reprocess(ctx: RunContext, config: C): Promise<void>;
}

/** A kind as loading and running sources use it: each source's configuration checked and handed on. */
export interface SourceKindModule<K extends SourceKind = SourceKind> {
  readonly name: K;
  readonly documentKind: (typeof sourceKindDocuments)[K];
  readonly fetcher: "http" | "browser";
  /** What is wrong with a declared configuration, each as `config.<field>: <problem>`; none when it fits. */
  configProblems(config: unknown): string[];
  /** The source's configuration with its defaults; SourceMisconfigured, naming the fields, when it does not fit. */
  readConfig(source: SourceDefinition): KindConfig;
  crawl(ctx: RunContext): Promise<void>;
  reprocess(ctx: RunContext): Promise<void>;
}

/** Declare a kind of source; scrapers/kinds/registry.ts lists every one by name. */
export function defineSourceKind<K extends SourceKind, C extends KindConfig>(spec: SourceKindSpec<K, C>): SourceKindModule<K> {
  const problemsOf = (config: unknown): string[] => {
    const result = spec.config.safeParse(config);
    return result.success ? [] : result.error.issues.map((issue) => `${["config", ...issue.path.map(String)].join(".")}: ${issue.message}`);
  };
  const read = (source: SourceDefinition): C => {
    const result = spec.config.safeParse(source.config);
    if (result.success) return result.data;
    throw new SourceMisconfigured(source.id, source.startUrl, `invalid configuration for a source of kind ${spec.name}: ${problemsOf(source.config).join("; ")}`);
  };
  return {
    name: spec.name,
    documentKind: spec.documentKind,
    fetcher: spec.fetcher,
    configProblems: problemsOf,
    readConfig: read,
    crawl: (ctx) => spec.crawl(ctx, read(ctx.source)),
    reprocess: (ctx) => spec.reprocess(ctx, read(ctx.source)),
  };
}
