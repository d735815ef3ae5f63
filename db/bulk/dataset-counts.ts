import { sql } from "drizzle-orm";
import type { Database, Transaction } from "../client.js";
import { resultRows } from "../result-rows.js";
import { type BulkDataset, bulkDatasets } from "./datasets.js";

/** Rows of every bulk dataset and the change-log head, read in one snapshot. */
export function countBulkDatasets(db: Database): Promise<{ counts: Map<string, number>; changeSeq: number }> {
  return db.transaction(
    async (tx) => {
      const [head] = resultRows<{ seq: string }>(await tx.execute(sql`select coalesce(max(seq), 0)::text as seq from change_log`));
      const counts = await countDatasetRowsIn(tx, bulkDatasets);
      return { counts, changeSeq: Number(head?.seq ?? 0) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Rows of each of `datasets` inside a transaction the caller opened (a snapshot's progress bar). */
export async function countDatasetRowsIn(tx: Database | Transaction, datasets: readonly BulkDataset[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const dataset of datasets) {
    const [row] = resultRows<{ n: string }>(await tx.execute(sql`select count(*)::text as n from ${sql.raw(dataset.from)}`));
    counts.set(dataset.name, Number(row?.n ?? 0));
  }
  return counts;
}
