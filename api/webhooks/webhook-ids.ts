import { badUserInput } from "../errors.js";
import { isDatabaseId } from "../key-formats.js";

/**
 * A webhook's id as the API serves it: base64url of `Webhook:<row id>`, opaque like the global
 * ids of `Node`, but not a `Node`: `node(id:)` does not resolve webhooks, which only their key sees.
 */
export function toWebhookId(rowId: number): string {
  return Buffer.from(`Webhook:${rowId}`, "utf8").toString("base64url");
}

/** The row id of a webhook id; anything else is BAD_USER_INPUT naming the argument. */
export function fromWebhookId(argument: string, id: string): number {
  const decoded = /^[A-Za-z0-9_-]+$/.test(id) ? Buffer.from(id, "base64url").toString("utf8") : "";
  const key = decoded.startsWith("Webhook:") ? decoded.slice("Webhook:".length) : "";
  if (!isDatabaseId(key)) throw badUserInput(argument, `${JSON.stringify(id)} is not a webhook id; use an \`id\` returned by \`webhooks\` or \`createWebhook\``);
  return Number(key);
}

/**
 * The Standard Webhooks `webhook-id` of a change delivered to a webhook: the same on every attempt,
 * different for every (webhook, change), so receivers can drop duplicates by it.
 */
export function webhookMessageId(subscriptionId: number, changeSeq: number): string {
  return `msg_${subscriptionId}_${changeSeq}`;
}
