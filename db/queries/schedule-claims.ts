import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { scheduleClaims } from "../tables/schedule-claims.js";

export type ClaimHow = "schedule" | "catch-up" | "takeover";
/** How a claimed fire ended: its run ran (whatever the run's own status), threw, or was skipped because the source was busy. */
export type FireOutcome = "ran" | "failed" | "busy";

export interface FireKey {
  sourceId: string;
  fireAt: Date;
}

/** `now() + ms`, on the database's clock: every worker measures leases against the same clock. */
const leaseFromNow = (leaseMs: number) => sql`now() + (${leaseMs}::double precision * interval '1 millisecond')`;

/**
 * Claim a fire for `worker`: true when this call made the claim (the first for this fire, or a
 * takeover of a claim whose lease ran out unfinished), false when another process holds it or
 * it has run. One statement, so two workers claiming at once cannot both win.
 */
export async function claimFire(db: Database, fire: FireKey, claim: { worker: string; leaseMs: number; how: ClaimHow }): Promise<boolean> {
  const rows = await db
    .insert(scheduleClaims)
    .values({ sourceId: fire.sourceId, fireAt: fire.fireAt, claimedBy: claim.worker, leaseUntil: leaseFromNow(claim.leaseMs), how: claim.how })
    .onConflictDoUpdate({
      target: [scheduleClaims.sourceId, scheduleClaims.fireAt],
      set: { claimedBy: claim.worker, claimedAt: sql`now()`, leaseUntil: leaseFromNow(claim.leaseMs), attempts: sql`${scheduleClaims.attempts} + 1`, how: "takeover" },
      setWhere: and(isNull(scheduleClaims.finishedAt), lt(scheduleClaims.leaseUntil, sql`now()`)),
    })
    .returning({ attempts: scheduleClaims.attempts });
  return rows.length > 0;
}

/** Extend the lease of a claim `worker` still holds; false when it lost it (lapsed and taken over, or finished). */
export async function renewClaim(db: Database, fire: FireKey, claim: { worker: string; leaseMs: number }): Promise<boolean> {
  const rows = await db
    .update(scheduleClaims)
    .set({ leaseUntil: leaseFromNow(claim.leaseMs) })
    .where(and(held(fire, claim.worker), isNull(scheduleClaims.finishedAt)))
    .returning({ sourceId: scheduleClaims.sourceId });
  return rows.length > 0;
}

/** The fire has run (whatever the run's outcome): nobody claims it again. */
export async function finishClaim(db: Database, fire: FireKey, worker: string, outcome: FireOutcome): Promise<boolean> {
  const rows = await db
    .update(scheduleClaims)
    .set({ finishedAt: sql`now()`, outcome })
    .where(and(held(fire, worker), isNull(scheduleClaims.finishedAt)))
    .returning({ sourceId: scheduleClaims.sourceId });
  return rows.length > 0;
}

/** Give an unfinished claim up (shutdown in the middle of its run): another worker may take it over at once. */
export async function releaseClaim(db: Database, fire: FireKey, worker: string): Promise<boolean> {
  const rows = await db
    .update(scheduleClaims)
    .set({ leaseUntil: sql`now() - interval '1 millisecond'` })
    .where(and(held(fire, worker), isNull(scheduleClaims.finishedAt)))
    .returning({ sourceId: scheduleClaims.sourceId });
  return rows.length > 0;
}

/** Unfinished claims whose lease has run out (their process died or gave them up), oldest fire first. */
export async function lapsedClaims(db: Database, sourceIds: readonly string[], limit = 100): Promise<FireKey[]> {
  if (sourceIds.length === 0) return [];
  return db
    .select({ sourceId: scheduleClaims.sourceId, fireAt: scheduleClaims.fireAt })
    .from(scheduleClaims)
    .where(and(isNull(scheduleClaims.finishedAt), lt(scheduleClaims.leaseUntil, sql`now()`), inArray(scheduleClaims.sourceId, [...sourceIds])))
    .orderBy(scheduleClaims.fireAt)
    .limit(limit);
}

/** The latest claimed fire of each source that has one. */
export async function latestFires(db: Database, sourceIds: readonly string[]): Promise<Map<string, Date>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .select({ sourceId: scheduleClaims.sourceId, fireAt: sql<Date>`max(${scheduleClaims.fireAt})`.mapWith(scheduleClaims.fireAt) })
    .from(scheduleClaims)
    .where(inArray(scheduleClaims.sourceId, [...sourceIds]))
    .groupBy(scheduleClaims.sourceId);
  return new Map(rows.map((row) => [row.sourceId, row.fireAt]));
}

/** Forget finished claims of fires before `before` (they only stop a fire from running twice). */
export async function pruneClaims(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(scheduleClaims)
    .where(and(lt(scheduleClaims.fireAt, before), sql`${scheduleClaims.finishedAt} is not null`))
    .returning({ sourceId: scheduleClaims.sourceId });
  return rows.length;
}

/** Every claim of a source, oldest fire first (tests and `vangnet sources`). */
export function claimsOfSource(db: Database, sourceId: string) {
  return db.select().from(scheduleClaims).where(eq(scheduleClaims.sourceId, sourceId)).orderBy(scheduleClaims.fireAt);
}

function held(fire: FireKey, worker: string) {
  return and(eq(scheduleClaims.sourceId, fire.sourceId), eq(scheduleClaims.fireAt, fire.fireAt), eq(scheduleClaims.claimedBy, worker));
}
