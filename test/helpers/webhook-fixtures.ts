import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { createApiKey } from "../../db/queries/api-keys.js";
import { appendChange, type ChangeRow } from "../../db/queries/change-log.js";
import { createWebhookSubscription, type WebhookSubscriptionRow } from "../../db/queries/webhook-subscriptions.js";
import { webhookDeliveries, webhookSubscriptions } from "../../db/tables/webhooks.js";
import { createWebhookSecret } from "../../api/webhooks/webhook-secret.js";
import type { DocumentSubject } from "../../schema/change-events.js";
import { documentEntry } from "./change-entries.js";

/** Loopback, for receivers in tests; production never sets an allow-list. */
export const LOOPBACK_NETWORKS = ["127.0.0.0/8", "::1/128"];

/** An API key of its own for a test's webhooks. */
export async function buildApiKeyId(db: Database, name = "Testredactie"): Promise<number> {
  return (await createApiKey(db, { name, tier: "standard" })).row.id;
}

/** A webhook as createWebhook stores it (URL, a fresh secret, the filter input as given), watermark at the log's head. */
export async function buildWebhook(
  db: Database,
  input: { apiKeyId: number; url: string; filter?: Record<string, unknown> },
): Promise<{ row: WebhookSubscriptionRow; secret: string }> {
  const secret = createWebhookSecret();
  const created = await createWebhookSubscription(db, { apiKeyId: input.apiKeyId, url: input.url, secret, description: null, filter: input.filter ?? {} }, { maxPerKey: 1_000 });
  if (!("row" in created)) throw new Error("building a webhook: the key's limit was reached");
  return { row: created.row, secret };
}

/** Append a document event to the change log, committed, as the write path would. */
export function appendDocumentChange(db: Database, event: "document.created" | "document.updated", id: number, overrides: Partial<DocumentSubject> = {}): Promise<ChangeRow> {
  return db.transaction((tx) => appendChange(tx, documentEntry(event, id, overrides)));
}

export async function readWebhook(db: Database, id: number): Promise<WebhookSubscriptionRow> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw new Error(`no webhook ${id}`);
  return row;
}

export async function readDelivery(db: Database, webhookId: number, changeSeq: number) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.subscriptionId, webhookId), eq(webhookDeliveries.changeSeq, changeSeq)));
  return row ?? null;
}

export async function readDeliveries(db: Database, webhookId: number) {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, webhookId)).orderBy(webhookDeliveries.changeSeq);
}
