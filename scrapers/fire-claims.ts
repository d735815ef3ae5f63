import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { type ClaimHow, claimFire, type FireKey, type FireOutcome, finishClaim, releaseClaim, renewClaim } from "../db/queries/schedule-claims.js";

/** A fire this process has claimed and not yet finished or released. */
interface HeldClaim {
  fire: FireKey;
  renewal: NodeJS.Timeout;
}

export interface FireClaimsOptions {
  db: Database;
  /** This process, as `host:pid` (the scrape runs' worker). */
  worker: string;
  /** How long a claim is the holder's without renewal; renewed every third of it while held. */
  leaseMs: number;
  logger: Logger;
}

export type FireClaims = ReturnType<typeof createFireClaims>;

const keyOf = (fire: FireKey) => `${fire.sourceId}|${fire.fireAt.toISOString()}`;

/**
 * The claims of one process on scheduled fires (schedule_claims): the database decides which
 * process runs a fire, this keeps the claims it won alive while their runs go on, and finishes
 * or releases them.
 */
export function createFireClaims(options: FireClaimsOptions) {
  const { db, worker, leaseMs, logger } = options;
  const held = new Map<string, HeldClaim>();

  const renew = (fire: FireKey) =>
    renewClaim(db, fire, { worker, leaseMs }).then(
      (kept) => {
        if (!kept) logger.warn({ source: fire.sourceId, fireAt: fire.fireAt.toISOString() }, "lost the claim on a scheduled fire while running it (its lease ran out); another worker may run it too");
      },
      (error: unknown) => logger.warn({ err: error, source: fire.sourceId }, "could not renew the claim on a scheduled fire"),
    );

  function forget(fire: FireKey): boolean {
    const claim = held.get(keyOf(fire));
    if (!claim) return false;
    clearInterval(claim.renewal);
    held.delete(keyOf(fire));
    return true;
  }

  return {
    worker,
    leaseMs,
    /** Try to claim a fire; true when this process is to run it. */
    async claim(fire: FireKey, how: ClaimHow): Promise<boolean> {
      if (held.has(keyOf(fire))) return false;
      if (!(await claimFire(db, fire, { worker, leaseMs, how }))) return false;
      const renewal = setInterval(() => void renew(fire), Math.max(50, Math.floor(leaseMs / 3)));
      renewal.unref();
      held.set(keyOf(fire), { fire, renewal });
      return true;
    },
    /** The fire's run is over: no process runs it again. */
    async finish(fire: FireKey, outcome: FireOutcome): Promise<void> {
      if (forget(fire)) await finishClaim(db, fire, worker, outcome);
    },
    /** Give the fire up unfinished (shutdown): another worker takes it over at its next sweep. */
    async release(fire: FireKey): Promise<void> {
      if (forget(fire)) await releaseClaim(db, fire, worker);
    },
    /** Fires claimed and not finished, by this process. */
    held: (): FireKey[] => [...held.values()].map((claim) => claim.fire),
  };
}
