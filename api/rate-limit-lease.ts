import { RateLimiterRes } from "rate-limiter-flexible";

/** What a spend tells the caller. */
export interface Spent {
  allowed: boolean;
  /** Points left in the window, this process's unspent lease included. */
  remaining: number;
  resetMs: number;
}

interface Lease {
  /** Points taken from the store and not yet spent, this window. */
  left: number;
  /** What the store said was left after the lease was taken. */
  storeRemaining: number;
  /** When the window (and the lease with it) ends, ms since the epoch. */
  resetAt: number;
}

/** A store-backed limiter as far as leasing needs it (rate-limiter-flexible's `consume`). */
export interface ConsumingLimiter {
  consume(key: string, points: number): Promise<RateLimiterRes>;
}

/** Points taken from a shared store at a time: a fiftieth of the budget, at most 1 000; 0 for small budgets. */
export function leaseSize(limit: number): number {
  const size = Math.min(1000, Math.floor(limit / 50));
  return size > 1 ? size : 0;
}

/** More leases than this, and the expired ones are dropped. */
const MAX_LEASES = 10_000;

/**
 * Spending against a store shared by several processes, a few points per round trip: a caller's
 * first request of a window takes its points and a lease of `leaseSize(limit)` more from the
 * store, and the next requests spend the lease in this process's memory until it runs out or the
 * window ends. Exact where it matters: close to the end of a budget (less than a lease left) every
 * request asks the store for exactly its points. The budget over all processes holds; what a
 * caller may still spend on one process is short by at most the unspent leases of the others
 * (for 300 points a minute: 6 per other process).
 */
export function createLeasedSpending(limiter: ConsumingLimiter, limit: number, now: () => number = Date.now) {
  const chunk = leaseSize(limit);
  const leases = new Map<string, Lease>();

  const dropExpired = (at: number) => {
    for (const [key, lease] of leases) if (lease.resetAt <= at) leases.delete(key);
  };

  return async (key: string, points: number): Promise<Spent> => {
    const at = now();
    let lease = leases.get(key);
    if (lease && lease.resetAt <= at) {
      leases.delete(key);
      lease = undefined;
    }
    if (lease && lease.left >= points) {
      lease.left -= points;
      return { allowed: true, remaining: lease.storeRemaining + lease.left, resetMs: lease.resetAt - at };
    }
    const held = lease?.left ?? 0;
    const needed = points - held;
    const extra = chunk > 0 && (lease === undefined || lease.storeRemaining >= needed + chunk) ? chunk : 0;
    let res: RateLimiterRes;
    try {
      res = await limiter.consume(key, needed + extra);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // The lease went over the budget, the request itself may not have: the store counted
      // `needed + extra` over what was spent before.
      const before = refusal.consumedPoints - needed - extra;
      if (extra > 0 && before + needed <= limit) {
        leases.set(key, { left: limit - before - needed, storeRemaining: 0, resetAt: at + refusal.msBeforeNext });
        return { allowed: true, remaining: limit - before - needed, resetMs: refusal.msBeforeNext };
      }
      leases.delete(key);
      return { allowed: false, remaining: 0, resetMs: refusal.msBeforeNext };
    }
    if (leases.size >= MAX_LEASES) dropExpired(at);
    leases.set(key, { left: extra, storeRemaining: res.remainingPoints, resetAt: at + res.msBeforeNext });
    return { allowed: true, remaining: res.remainingPoints + extra, resetMs: res.msBeforeNext };
  };
}
