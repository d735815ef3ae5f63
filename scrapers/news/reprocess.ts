import { latestCapturesOfSource } from "../../db/queries/captures.js";
import { storedArticlePages } from "../../db/queries/press-releases.js";
import type { RunContext } from "../run-context.js";
import { PageFailed } from "../run-errors.js";
import { visitGuarded } from "../run-results.js";
import type { NewsConfig } from "./config.js";
import { storeArticle } from "./store-article.js";

/**
 * Re-parse and re-store the article pages of a news source that were stored before, fetching
 * nothing (feed and list pages hold no article).
 */
export async function reprocessArticles(ctx: RunContext, config: NewsConfig): Promise<void> {
  const captures = await latestCapturesOfSource(ctx.db, ctx.source.id);
  const stored = await storedArticlePages(ctx.db, captures.map((c) => c.url));
  for (const capture of captures) {
    const attachments = stored.get(capture.url);
    if (!attachments) continue;
    await visitGuarded(
      ctx,
      capture.url,
      async () => {
        const result = await storeArticle(ctx.db, {
          url: capture.url,
          body: capture.body,
          finalUrl: capture.finalUrl,
          captureId: capture.id,
          source: ctx.source,
          runId: ctx.runId,
          now: ctx.now(),
          selectors: config.article,
          parser: ctx.parser,
          // PDF texts cannot be fetched again here: keep the ones read when the page was fetched.
          completeAttachments: async (found) => found.map((a) => ({ ...a, text: attachments.find((s) => s.url === a.url)?.text ?? a.text })),
        });
        if ("error" in result) throw new PageFailed(capture.url, result.error);
        if (result.outcome === "insert") ctx.counts.itemsInserted++;
        else if (result.outcome === "update") ctx.counts.itemsUpdated++;
        else ctx.counts.itemsUnchanged++;
      },
      "the stored page",
    );
  }
}
