import type { LblodConfig } from "../kinds/lblod.js";
import { noteReachedDate, type RunContext, recordError } from "../run-context.js";
import { StartPageFailed } from "../run-errors.js";
import { visitGuarded } from "../run-results.js";
import { visitLblodPage } from "./visit-page.js";

interface QueueItem {
  url: string;
  kind: "start" | "index" | "document";
  /** The index page that linked to this one. */
  via: string | null;
}

/**
 * Crawl an LBLOD publication site from its start URL: follow publication links (and the
 * agenda / decision list / minutes / extract links between documents) on the same site, and the
 * session index's pagination while its pages still hold sessions inside the window. Sessions older
 * than the window are neither stored nor followed. A backfill (`ctx.backfill`) has no page cap and
 * reads the pages it may from their captures. Throws StartPageFailed when the start page failed.
 */
export async function crawlLblodSite(ctx: RunContext, config: LblodConfig): Promise<void> {
  // A backfill walks as far back as its date, however many pages that takes.
  const maxPages = ctx.backfill ? Number.POSITIVE_INFINITY : config.maxPages;
  const origin = new URL(ctx.source.startUrl).origin;
  const queue: QueueItem[] = [{ url: ctx.source.startUrl, kind: "start", via: null }];
  const seen = new Set<string>([ctx.source.startUrl]);
  /** Per index page: did any document it links to fall inside the window? */
  const indexHasRecent = new Map<string, boolean>();
  let visited = 0;

  while (queue.length > 0) {
    const item = queue.shift() as QueueItem;
    if (item.kind === "index" && item.via && indexHasRecent.get(item.via) !== true) {
      ctx.logger.debug({ url: item.url }, "index page not followed: the previous one held no session inside the window");
      continue;
    }
    if (visited >= maxPages) {
      recordError(ctx, item.url, `page cap of ${maxPages} pages reached; ${queue.length + 1} pages left unvisited`);
      break;
    }
    visited++;
    // A session's documents do not change once published; the start and index pages move with every new session.
    const page = await visitGuarded(ctx, item.url, () => visitLblodPage(ctx, item.url, { stable: item.kind === "document" }));
    await ctx.progress();
    if (!page) {
      if (item.kind === "start") throw new StartPageFailed(item.url);
      continue;
    }
    const inWindow = page.date === null || page.date >= ctx.windowStart;
    noteReachedDate(ctx, page.date);
    if (item.kind !== "document") indexHasRecent.set(item.url, indexHasRecent.get(item.url) ?? false);
    if (item.via && item.kind === "document" && inWindow) indexHasRecent.set(item.via, true);

    for (const link of page.links) {
      if (seen.has(link.url) || new URL(link.url).origin !== origin) continue;
      if (link.rel === "next-page") {
        seen.add(link.url);
        queue.push({ url: link.url, kind: "index", via: item.url });
      } else if (inWindow) {
        seen.add(link.url);
        queue.push({ url: link.url, kind: "document", via: item.kind === "document" ? item.via : item.url });
      }
    }
  }
}
