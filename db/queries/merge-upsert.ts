import { eq } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { hashContent } from "../content-hash.js";
import type { agendaItems, sessions } from "../tables/sessions.js";
import type { votes } from "../tables/votes.js";

import { diffFields, type FieldChange } from "../../schema/change-events.js";
import type { WriteOutcome } from "../write/document-plan.js";

export type { WriteOutcome };

type MergeTable = typeof sessions | typeof agendaItems | typeof votes;

/**
 * Insert a record keyed by URI, or merge it into the stored one: a value the new page gives
 * replaces the stored value, a value it leaves out (null) keeps the stored one, so that a decision
 * list cannot erase what the minutes said. The content hash over `contentKeys` decides whether
 * anything changed; `updatedAt` moves only then, and the changed fields come back with their values.
 */
export async function upsertMerged<T extends { uri: string }>(
  tx: Transaction,
  table: MergeTable,
  input: T,
  contentKeys: readonly (keyof T & string)[],
  now: Date,
): Promise<{ id: number; outcome: WriteOutcome; changes: FieldChange[] }> {
  // drizzle cannot type a query over a union of tables; the three share uri/id/contentHash/updatedAt.
  const t = table as typeof sessions;
  const [existing] = (await tx.select().from(t).where(eq(t.uri, input.uri))) as unknown as (T & {
    id: number;
    contentHash: string;
  })[];
  const merged: Record<string, unknown> = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(input)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  const content = Object.fromEntries(contentKeys.map((key) => [key, normaliseForHash(merged[key])]));
  const contentHash = hashContent(content);
  if (!existing) {
    const values = { ...merged, contentHash, firstSeenAt: now, updatedAt: now };
    const [row] = (await tx.insert(t).values(values as never).returning({ id: t.id })) as { id: number }[];
    if (!row) throw new Error(`${input.uri}: insert returned no row`);
    return { id: row.id, outcome: "insert", changes: [] };
  }
  if (existing.contentHash === contentHash) return { id: existing.id, outcome: "noop", changes: [] };
  const changes = Object.fromEntries(contentKeys.map((key) => [key, merged[key] ?? null]));
  await tx
    .update(t)
    .set({ ...changes, contentHash, updatedAt: now } as never)
    .where(eq(t.id, existing.id));
  return { id: existing.id, outcome: "update", changes: diffFields(existing as Record<string, unknown>, merged, contentKeys) };
}

function normaliseForHash(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}
