import { describe, expect, it } from "vitest";
import { decideAttemptOutcome } from "../../api/webhooks/attempt-outcome.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryAfterMs, retryDelayMs, STANDARD_RETRY_DELAYS_MS } from "../../api/webhooks/retry-schedule.js";
import { signingSecretsOf } from "../../api/webhooks/webhook-secret.js";
import { fromWebhookId, toWebhookId, webhookMessageId } from "../../api/webhooks/webhook-ids.js";

const AT = new Date("2026-11-30T12:00:00.000Z");
const noJitter: RetryPolicy = { ...DEFAULT_RETRY_POLICY, jitter: 0 };
const middle = () => 0.5;
const response = (status: number, headers: Record<string, string> = {}, bodyExcerpt = "") => ({ kind: "response" as const, status, headers, bodyExcerpt, elapsedMs: 3 });

describe("the retry schedule", () => {
  it("is the Standard Webhooks schedule extended with 10-hour steps to about three days", () => {
    const minutes = STANDARD_RETRY_DELAYS_MS.map((ms) => ms / 60_000);
    expect(minutes).toEqual([5 / 60, 5, 30, 120, 300, 600, 600, 600, 600, 600, 600]);
    // 5 s + 5 min + 30 min + 2 h + 5 h + 6 × 10 h = 67 h 35 min 5 s from the first attempt to the twelfth.
    const total = STANDARD_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total).toBe(((67 * 60 + 35) * 60 + 5) * 1000);
  });

  it("stretches or shrinks each delay by at most the jitter", () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0)).toBe(4_500);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, middle)).toBe(5_000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 2, () => 0.999_999)).toBe(330_000);
  });

  it("runs out after the last step", () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 11, middle)).toBe(36_000_000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 12, middle)).toBeNull();
  });
});

describe("Retry-After", () => {
  it("reads delay-seconds and HTTP dates, bounded", () => {
    expect(retryAfterMs("2", AT, 3_600_000)).toBe(2_000);
    expect(retryAfterMs(" 120 ", AT, 3_600_000)).toBe(120_000);
    expect(retryAfterMs("Mon, 30 Nov 2026 12:01:30 GMT", AT, 3_600_000)).toBe(90_000);
    expect(retryAfterMs("Mon, 30 Nov 2026 11:00:00 GMT", AT, 3_600_000)).toBe(0);
    expect(retryAfterMs("999999", AT, 3_600_000)).toBe(3_600_000);
  });

  it("is ignored when absent or unreadable", () => {
    expect(retryAfterMs(undefined, AT, 1_000)).toBeUndefined();
    expect(retryAfterMs("", AT, 1_000)).toBeUndefined();
    expect(retryAfterMs("soon", AT, 1_000)).toBeUndefined();
    expect(retryAfterMs("-5", AT, 1_000)).toBeUndefined();
  });
});

describe("what an attempt comes to", () => {
  const decide = (result: Parameters<typeof decideAttemptOutcome>[0], attemptsMade = 1) => decideAttemptOutcome(result, { attemptsMade, at: AT }, noJitter, middle);

  it("any 2xx delivers", () => {
    for (const status of [200, 202, 204, 299]) {
      expect(decide(response(status))).toEqual({ delivery: { status: "delivered", nextAttemptAt: null, responseStatus: status, lastError: null }, endpoint: { accepted: true } });
    }
    // An accepting answer too large to read whole still accepted the delivery.
    expect(decide({ kind: "too_large", status: 200, message: "more than 65536 bytes" }).delivery.status).toBe("delivered");
  });

  it("a 500 is retried on the schedule, quoting the answer", () => {
    expect(decide(response(500, {}, "  Internal\n error ")).delivery).toEqual({
      status: "pending",
      nextAttemptAt: new Date("2026-11-30T12:00:05.000Z"),
      responseStatus: 500,
      lastError: "HTTP 500: Internal error",
    });
    expect(decide(response(500), 3).delivery.nextAttemptAt).toEqual(new Date("2026-11-30T12:30:00.000Z"));
  });

  it("a redirect is a failure, not followed", () => {
    expect(decide(response(301, { Location: "http://127.0.0.1:9/elders" })).delivery).toMatchObject({
      status: "pending",
      responseStatus: 301,
      lastError: "HTTP 301: redirects are not followed (Location: http://127.0.0.1:9/elders)",
    });
  });

  it("410 Gone fails the delivery and disables the webhook at once", () => {
    expect(decide(response(410))).toEqual({
      delivery: { status: "failed", nextAttemptAt: null, responseStatus: 410, lastError: "HTTP 410 Gone: the endpoint asked not to be called again" },
      endpoint: { accepted: false, disable: "The endpoint answered 410 Gone on 2026-11-30T12:00:00.000Z; no more deliveries are made." },
    });
  });

  it("429 and 503 wait for Retry-After instead of the schedule", () => {
    expect(decide(response(429, { "retry-after": "2" })).delivery.nextAttemptAt).toEqual(new Date("2026-11-30T12:00:02.000Z"));
    expect(decide(response(503, { "Retry-After": "Mon, 30 Nov 2026 13:00:00 GMT" }), 4).delivery.nextAttemptAt).toEqual(new Date("2026-11-30T13:00:00.000Z"));
    // Bounded by maxRetryAfterMs (10 h).
    expect(decide(response(429, { "retry-after": "86400" })).delivery.nextAttemptAt).toEqual(new Date("2026-11-30T22:00:00.000Z"));
    // Without one, the schedule.
    expect(decide(response(429)).delivery.nextAttemptAt).toEqual(new Date("2026-11-30T12:00:05.000Z"));
    // Another status's Retry-After is not a promise.
    expect(decide(response(500, { "retry-after": "2" })).delivery.nextAttemptAt).toEqual(new Date("2026-11-30T12:00:05.000Z"));
  });

  it("timeouts, refusals and network errors are retried with what happened", () => {
    expect(decide({ kind: "timeout", message: "no answer within 15000 ms" }).delivery).toMatchObject({ status: "pending", responseStatus: null, lastError: "timeout: no answer within 15000 ms" });
    expect(decide({ kind: "refused", message: "127.0.0.1 is a loopback address" }).delivery.lastError).toBe("refused: 127.0.0.1 is a loopback address");
    expect(decide({ kind: "network", message: "ECONNREFUSED" }).delivery.lastError).toBe("network error: ECONNREFUSED");
    expect(decide({ kind: "too_large", status: 500, message: "more than 65536 bytes" }).delivery.lastError).toBe("HTTP 500: more than 65536 bytes");
  });

  it("a failure after the last step of the schedule fails the delivery", () => {
    expect(decide(response(500), 12).delivery).toEqual({ status: "failed", nextAttemptAt: null, responseStatus: 500, lastError: "HTTP 500 (gave up after 12 attempts)" });
    expect(decide(response(429, { "retry-after": "1" }), 12).delivery.status).toBe("failed");
  });
});

describe("ids and secrets", () => {
  it("a webhook id is opaque and reads back; anything else names the argument", () => {
    expect(toWebhookId(42)).toBe(Buffer.from("Webhook:42").toString("base64url"));
    expect(fromWebhookId("id", toWebhookId(42))).toBe(42);
    expect(() => fromWebhookId("id", Buffer.from("Document:42").toString("base64url"))).toThrow(/Argument "id": .* is not a webhook id/);
    expect(() => fromWebhookId("webhookId", "nonsense!")).toThrow(/Argument "webhookId"/);
    expect(() => fromWebhookId("id", Buffer.from("Webhook:99999999999999999").toString("base64url"))).toThrow(/not a webhook id/);
  });

  it("a message id is the same for every attempt of a (webhook, change)", () => {
    expect(webhookMessageId(7, 1234)).toBe("msg_7_1234");
  });

  it("the replaced secret signs beside the new one until its grace period ends", () => {
    const webhook = { secret: "whsec_new", previousSecret: "whsec_old", previousSecretExpiresAt: new Date("2026-12-01T12:00:00Z") };
    expect(signingSecretsOf(webhook, AT)).toEqual(["whsec_new", "whsec_old"]);
    expect(signingSecretsOf(webhook, new Date("2026-12-01T12:00:00Z"))).toEqual(["whsec_new"]);
    expect(signingSecretsOf({ secret: "whsec_only", previousSecret: null, previousSecretExpiresAt: null }, AT)).toEqual(["whsec_only"]);
  });
});
