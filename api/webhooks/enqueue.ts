import type { Logger } from "pino";
import type { Database } from "../../db/client.js";
import { latestChangeSeq, listChanges } from "../../db/queries/change-log.js";
import { insertWebhookDeliveries } from "../../db/queries/webhook-deliveries.js";
import { advanceWebhookWatermark, claimWebhooksBehind, disableWebhookSubscription } from "../../db/queries/webhook-subscriptions.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import { type ChangeFilterInput, readChangeFilter } from "../change-filter.js";

export interface EnqueueOptions {
  db: Database;
  municipalities: Pick<MunicipalityRegister, "get">;
  logger: Logger;
  now: Date;
  /** Webhooks taken per transaction. */
  webhooksPerPass?: number;
  /** Change-log entries read per webhook per transaction. */
  changesPerWebhook?: number;
}

export interface EnqueueResult {
  /** Deliveries queued. */
  queued: number;
  /** Whether a webhook may still be behind (a batch was full): run again at once. */
  more: boolean;
}

/**
 * Move the watermark of every active webhook that is behind the change log: each matching entry
 * becomes a delivery, due now. The filter is the owner's `ChangeFilter` read with
 * `readChangeFilter` and applied by `listChanges`, as the `changes` query applies it, so a webhook
 * receives exactly what `changes(filter:)` lists after its creation. Webhooks are claimed with
 * SKIP LOCKED inside one transaction with their deliveries and their new watermark: two workers
 * never enqueue for the same webhook at once, and a crash enqueues nothing twice.
 */
export async function enqueueWebhookDeliveries(options: EnqueueOptions): Promise<EnqueueResult> {
  const webhooksPerPass = options.webhooksPerPass ?? 20;
  const changesPerWebhook = options.changesPerWebhook ?? 500;
  return options.db.transaction(async (tx) => {
    // Read first: every entry up to the head is committed (seq order is commit order), so what
    // listChanges reads afterwards covers at least everything up to it.
    const headSeq = await latestChangeSeq(tx);
    const webhooks = await claimWebhooksBehind(tx, { headSeq, limit: webhooksPerPass });
    let queued = 0;
    let more = webhooks.length === webhooksPerPass;
    for (const webhook of webhooks) {
      let filter;
      try {
        filter = readChangeFilter(webhook.filter as ChangeFilterInput, options.municipalities, "filter");
      } catch (error) {
        // Only a change of vocabulary (a theme or municipality code that no longer exists) gets here.
        const reason = `Its filter is no longer valid: ${(error as Error).message}`;
        options.logger.warn({ webhook: webhook.id, reason }, "webhook disabled");
        await disableWebhookSubscription(tx, webhook.id, reason, options.now);
        continue;
      }
      const rows = await listChanges(tx, filter, { limit: changesPerWebhook, afterSeq: webhook.lastSeq });
      queued += await insertWebhookDeliveries(
        tx,
        webhook.id,
        rows.map((row) => row.seq),
        options.now,
      );
      const full = rows.length === changesPerWebhook;
      const lastRead = rows.at(-1)?.seq ?? webhook.lastSeq;
      // A full batch may have more matches beyond it; otherwise every entry up to the head was seen.
      await advanceWebhookWatermark(tx, webhook.id, full ? lastRead : Math.max(headSeq, lastRead));
      if (full) more = true;
    }
    return { queued, more };
  });
}
