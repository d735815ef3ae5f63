import { feedConfig } from "../news/config.js";
import { defineSourceKind } from "./source-kind.js";

/** An RSS or Atom feed of press releases or news articles; the articles are fetched from their pages. */
export const feedKind = defineSourceKind({
  name: "feed",
  documentKind: "press_release",
  config: feedConfig,
  fetcher: "http",
  // Loaded by the first run: `vangnet serve` checks the sources without loading parsers.
  crawl: async (ctx, config) => (await import("../news/crawl.js")).crawlFeed(ctx, config),
  reprocess: async (ctx, config) => (await import("../news/reprocess.js")).reprocessArticles(ctx, config),
});
