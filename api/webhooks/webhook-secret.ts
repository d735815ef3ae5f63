import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** Bytes of a signing secret: 256 bits, within the 24–64 bytes Standard Webhooks recommends. */
const SECRET_BYTES = 32;
/** How long a replaced secret keeps signing after `rotateWebhookSecret`. */
export const SECRET_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** A new signing secret in the Standard Webhooks format: `whsec_` and the base64 of random bytes. */
export function createWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString("base64")}`;
}

/** The secrets that sign a delivery now: the current one, and the replaced one during its grace period. */
export function signingSecretsOf(
  subscription: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const previous = subscription.previousSecret && subscription.previousSecretExpiresAt && subscription.previousSecretExpiresAt > now ? [subscription.previousSecret] : [];
  return [subscription.secret, ...previous];
}

/** Decoded keys, reused across deliveries (decoding is per secret, signing per message). */
const signers = new Map<string, Webhook>();
const MAX_SIGNERS = 1_000;

function signerOf(secret: string): Webhook {
  let signer = signers.get(secret);
  if (!signer) {
    if (signers.size >= MAX_SIGNERS) signers.delete(signers.keys().next().value as string);
    signer = new Webhook(secret);
    signers.set(secret, signer);
  }
  return signer;
}

/**
 * The `webhook-signature` header: one `v1,<base64 HMAC>` per secret, separated by spaces, as the
 * specification allows so that receivers can rotate secrets without a gap.
 */
export function signWebhookMessage(secrets: readonly string[], messageId: string, at: Date, body: string): string {
  return secrets.map((secret) => signerOf(secret).sign(messageId, at, body)).join(" ");
}

/** The headers of a signed JSON message (Standard Webhooks): its id, its time and the signatures by each secret. */
export function signedMessageHeaders(secrets: readonly string[], messageId: string, sentAt: Date, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signWebhookMessage(secrets, messageId, sentAt, body),
  };
}
