import type { Logger } from "pino";
import type { Database } from "../../db/client.js";
import { claimDueWebhookDeliveries, type ClaimedDelivery } from "../../db/queries/webhook-deliveries.js";
import { type MunicipalityRegister, municipalityRegister } from "../../db/reference/municipality-register.js";
import { systemClock } from "../context.js";
import { createAttemptRecorder } from "./attempt-recorder.js";
import { type AttemptReport, type DeliverDeps, sendDeliveryAttempt } from "./deliver.js";
import { enqueueWebhookDeliveries } from "./enqueue.js";
import { type OutboundPolicy, WEBHOOK_USER_AGENT_PRODUCT } from "./outbound.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-schedule.js";

export interface WebhookDispatcherOptions {
  db: Database;
  logger: Logger;
  /** Where deliveries may go: production passes `{}` (public addresses only); tests allow loopback. */
  policy: OutboundPolicy;
  /** The time now; the real time when absent. Signatures carry it, so receivers check it against theirs. */
  clock?: () => Date;
  /** The register that reads the filters' municipalities; the shipped one when absent. */
  municipalities?: Pick<MunicipalityRegister, "get">;
  /** Attempts in flight at once, over all webhooks (default 16). */
  concurrency?: number;
  /** Attempts in flight at once per webhook, over all workers sharing the queue (default 4). */
  perWebhook?: number;
  /** Time budget of one attempt, answer included (default 15 s). */
  timeoutMs?: number;
  /** Most bytes of an answer read (default 64 KiB). */
  maxResponseBytes?: number;
  /** How long a claimed delivery belongs to this worker; after it, another may take it (default: the timeout plus 60 s). */
  leaseMs?: number;
  /** Look for work this often when nothing wakes the dispatcher (default 1 s). */
  pollIntervalMs?: number;
  /** Retry schedule, jitter, Retry-After bound and how long failing lasts before a webhook is disabled. */
  retry?: Partial<RetryPolicy>;
  /** How long `stop()` waits for attempts in flight (default: the timeout plus 5 s); those left keep their lease. */
  stopTimeoutMs?: number;
  /** The User-Agent of deliveries, normally `webhookUserAgent(version)`; `Vangnet-Webhooks` when absent. */
  userAgent?: string;
  /** In [0, 1): the retries' jitter. */
  random?: () => number;
  /** Called after every attempt (benchmarks and tests count them). */
  onAttempt?: (report: AttemptReport) => void;
}

export interface WebhookDispatcher {
  /** Begin enqueueing and delivering, until `stop()`. */
  start(): void;
  /** Stop claiming and wait (bounded) for the attempts in flight. */
  stop(): Promise<void>;
  /** Something was appended to the change log: look now instead of at the next poll. */
  poke(): void;
}

/**
 * The webhook worker: moves webhooks' watermarks over the change log into deliveries
 * (`enqueueWebhookDeliveries`), claims due deliveries with a lease and attempts them
 * (`sendDeliveryAttempt`, recorded by group commit), up to `concurrency` at once and `perWebhook`
 * per webhook. Several dispatchers, in one process or many, share one queue through SKIP LOCKED
 * claims.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const concurrency = options.concurrency ?? 16;
  const perWebhook = options.perWebhook ?? 4;
  /** Free places that make a claim worth its query while attempts are in flight. */
  const claimBatch = Math.max(1, Math.floor(concurrency / 4));
  const leaseMs = options.leaseMs ?? timeoutMs + 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? timeoutMs + 5_000;
  const clock = options.clock ?? systemClock;
  const municipalities = options.municipalities ?? municipalityRegister();
  const { logger } = options;
  if (leaseMs <= timeoutMs) throw new Error(`the lease (${leaseMs} ms) must be longer than the attempt timeout (${timeoutMs} ms), or two workers could attempt one delivery at once`);
  const deps: DeliverDeps = {
    db: options.db,
    policy: options.policy,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    clock,
    random: options.random ?? Math.random,
    timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? 64 * 1024,
    userAgent: options.userAgent ?? WEBHOOK_USER_AGENT_PRODUCT,
  };

  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  /** Whether the change log may hold something not enqueued yet. */
  let enqueueDue = true;
  let wake: (() => void) | undefined;
  /** A wake-up that came while the loop was working: its next sleep returns at once. */
  let signalled = false;

  function wakeUp(): void {
    signalled = true;
    const resolve = wake;
    wake = undefined;
    resolve?.();
  }

  function sleep(ms: number): Promise<void> {
    if (signalled) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        enqueueDue = true;
        wakeUp();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  const recorder = createAttemptRecorder({ db: options.db, retry: deps.retry, groupSize: claimBatch });

  function report(claim: ClaimedDelivery, outcome: AttemptReport | Error): void {
    if (outcome instanceof Error) {
      // Most likely the database failed while recording: the lease runs out and the delivery is tried again.
      logger.error({ err: outcome, delivery: claim.delivery.id }, "a webhook attempt could not be made or recorded; it is tried again when its lease ends");
      return;
    }
    options.onAttempt?.(outcome);
    const { delivery, endpoint } = outcome.decision;
    if (!outcome.recorded) logger.warn({ messageId: outcome.messageId }, "a webhook attempt's outcome was not recorded: its lease ran out and another worker took the delivery, or the webhook was deleted meanwhile");
    else logger.debug({ messageId: outcome.messageId, status: delivery.status, error: delivery.lastError }, "webhook attempt");
    if (outcome.recorded && endpoint.accepted === false && endpoint.disable) logger.info({ webhook: claim.subscription.id, reason: endpoint.disable }, "webhook disabled");
  }

  function launch(claim: ClaimedDelivery): void {
    recorder.sendingStarted();
    const attempt = sendDeliveryAttempt(claim, deps)
      .finally(() => recorder.sendingEnded())
      .then(
        async (sent): Promise<AttemptReport | Error> => {
          const recorded = await recorder.record(sent);
          return recorded instanceof Error ? recorded : { ...sent, recorded };
        },
        (error: unknown) => error as Error,
      )
      .then((outcome) => report(claim, outcome))
      .finally(() => {
        inFlight.delete(attempt);
        // Coalesce the wake-ups of attempts that end together into one claim.
        setImmediate(wakeUp);
      });
    inFlight.add(attempt);
  }

  async function loop(): Promise<void> {
    while (running) {
      signalled = false;
      let busy = false;
      try {
        if (enqueueDue) {
          enqueueDue = false;
          const { more } = await enqueueWebhookDeliveries({ db: options.db, municipalities, logger, now: clock() });
          if (more) enqueueDue = busy = true;
        }
        const free = concurrency - inFlight.size;
        // Refill in batches: one claim for several free places, unless nothing is in flight.
        if (running && free > 0 && (free >= claimBatch || inFlight.size === 0)) {
          const now = clock();
          const claims = await claimDueWebhookDeliveries(options.db, { now, leaseUntil: new Date(now.getTime() + leaseMs), limit: free, perWebhook });
          for (const claim of claims) launch(claim);
          if (claims.length === free) busy = true;
        }
      } catch (error) {
        logger.error({ err: error }, "webhook dispatcher: could not read the queue; trying again at the next poll");
        busy = false;
      }
      // Full (or nearly): ending attempts wake the loop. Idle: a poke, an ending attempt or the poll does.
      if (running && (!busy || concurrency - inFlight.size < claimBatch)) await sleep(pollIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      enqueueDue = true;
      loopDone = loop();
    },
    async stop() {
      if (!running) return;
      running = false;
      wakeUp();
      await loopDone;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), stopTimeoutMs);
      });
      const outcome = await Promise.race([Promise.allSettled([...inFlight]).then(() => "done" as const), timeout]);
      clearTimeout(timer);
      if (outcome === "timeout") logger.warn({ inFlight: inFlight.size }, "webhook attempts still in flight at shutdown; their deliveries are due again when their lease ends");
    },
    poke() {
      if (!running) return;
      enqueueDue = true;
      wakeUp();
    },
  };
}
