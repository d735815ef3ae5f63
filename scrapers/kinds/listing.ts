import { listingConfig } from "../news/config.js";
import { defineSourceKind } from "./source-kind.js";

/** List pages of press releases or news articles, read by the selectors of `config.list`. */
export const listingKind = defineSourceKind({
  name: "listing",
  documentKind: "press_release",
  config: listingConfig,
  fetcher: "http",
  // Loaded by the first run: `vangnet serve` checks the sources without loading parsers.
  crawl: async (ctx, config) => (await import("../news/crawl.js")).crawlListing(ctx, config),
  reprocess: async (ctx, config) => (await import("../news/reprocess.js")).reprocessArticles(ctx, config),
});
