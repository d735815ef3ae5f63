import type { Database } from "../../db/client.js";
import { recordDeliveryAttempts, type SentAttempt } from "./deliver.js";
import type { RetryPolicy } from "./retry-schedule.js";

/** Most attempts recorded in one transaction. */
const MAX_GROUP = 500;
/** How long an ended attempt may wait for others to be recorded with it. */
const LINGER_MS = 5;

/**
 * Group commit of ended attempts: one transaction records every attempt that ended while the
 * previous group was written, or within a few milliseconds of the first, so a busy dispatcher
 * spends one transaction on many attempts instead of one each.
 */
export function createAttemptRecorder(options: { db: Database; retry: RetryPolicy; groupSize: number }) {
  const waiting: { sent: SentAttempt; settle: (recorded: boolean | Error) => void }[] = [];
  let writing = false;
  /** Attempts whose POST is under way: while there are some, a small group waits for them a moment. */
  let sending = 0;
  let linger: NodeJS.Timeout | undefined;

  async function write(): Promise<void> {
    if (writing) return;
    writing = true;
    while (waiting.length > 0) {
      const group = waiting.splice(0, MAX_GROUP);
      try {
        const recorded = await recordDeliveryAttempts(options.db, group.map((g) => g.sent), options.retry);
        group.forEach((g, i) => g.settle(recorded[i] ?? false));
      } catch (error) {
        for (const g of group) g.settle(error as Error);
      }
    }
    writing = false;
  }

  function schedule(): void {
    if (waiting.length >= options.groupSize || sending === 0) {
      clearTimeout(linger);
      linger = undefined;
      void write();
    } else {
      linger ??= setTimeout(() => {
        linger = undefined;
        void write();
      }, LINGER_MS);
    }
  }

  return {
    /** An attempt's POST begins. */
    sendingStarted(): void {
      sending++;
    },
    /** Its POST ended (with an answer or not). */
    sendingEnded(): void {
      sending--;
    },
    /** Record an ended attempt; resolves to whether it was recorded (false: its lease had passed on), or the database's error. */
    record(sent: SentAttempt): Promise<boolean | Error> {
      return new Promise((resolve) => {
        waiting.push({ sent, settle: resolve });
        schedule();
      });
    },
  };
}
