import { listingConfig } from "../news/config.js";
import { defineSourceKind } from "./source-kind.js";

/**
 * A listing whose pages show their articles only after their scripts ran: its list pages and
 * articles are rendered in Chromium (scrapers/fetchers/browser.ts), started at the first need.
 */
export const browserKind = defineSourceKind({
  name: "browser",
  documentKind: "press_release",
  config: listingConfig,
  fetcher: "browser",
  // Loaded by the first run: `vangnet serve` checks the sources without loading parsers.
  crawl: async (ctx, config) => (await import("../news/crawl.js")).crawlListing(ctx, config),
  reprocess: async (ctx, config) => (await import("../news/reprocess.js")).reprocessArticles(ctx, config),
});
