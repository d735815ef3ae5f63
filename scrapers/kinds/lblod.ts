import { z } from "zod";
import { defineSourceKind } from "./source-kind.js";

/** How an LBLOD site is collected; the site list (scrapers/sources/lblod.ts) adds what it knows of the publisher. */
export const lblodConfig = z
  .object({
    /** Sessions older than this many days are neither stored nor followed. */
    windowDays: z.number().int().min(1).default(60),
    /** Pages visited per run at most; the pages left are an error of the run. */
    maxPages: z.number().int().min(1).default(400),
    /** Which administration publishes there. */
    unit: z.enum(["gemeente", "ocmw", "provincie"]).optional(),
    /** Province of the publisher. */
    provinceCode: z.string().nullable().optional(),
  })
  .strict();

export type LblodConfig = z.infer<typeof lblodConfig>;

/**
 * An LBLOD publication site (Gelinkt Notuleren, Cipal, onlinesmartcities, Cevi…): council
 * decisions in RDFa, crawled from the session index within the window.
 */
export const lblodKind = defineSourceKind({
  name: "lblod",
  documentKind: "council_decision",
  config: lblodConfig,
  fetcher: "http",
  // Loaded by the first run: `vangnet serve` checks the sources without loading parsers.
  crawl: async (ctx, config) => (await import("../lblod/crawl.js")).crawlLblodSite(ctx, config),
  reprocess: async (ctx, config) => (await import("../lblod/reprocess.js")).reprocessLblodPages(ctx, config),
});
