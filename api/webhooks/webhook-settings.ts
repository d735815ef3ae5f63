import type { OutboundPolicy } from "./outbound.js";

/** What the API checks when a key creates a webhook. */
export interface WebhookSettings {
  /** Where webhook URLs may point: production passes `{}` (public addresses only); tests allow loopback. */
  policy: OutboundPolicy;
  /** Most webhooks one API key may have. */
  maxPerKey: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { policy: {}, maxPerKey: 25 };
