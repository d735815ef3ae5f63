import { sql } from "drizzle-orm";
import type { Database } from "../client.js";
import { resultRows } from "../result-rows.js";
import { bulkDatasets } from "./datasets.js";

/** Rows of every bulk dataset and the change-log head, read in one snapshot. */
export function countBulkDatasets(db: Database): Promise<{ counts: Map<string, number>; changeSeq: number }> {
  return db.transaction(
    async (tx) => {
      const [head] = resultRows<{ seq: string }>(await tx.execute(sql`select coalesce(max(seq), 0)::text as seq from change_log`));
      const counts = new Map<string, number>();
      for (const dataset of bulkDatasets) {
        const [row] = resultRows<{ n: string }>(await tx.execute(sql`select count(*)::text as n from ${sql.raw(dataset.from)}`));
        counts.set(dataset.name, Number(row?.n ?? 0));
      }
      return { counts, changeSeq: Number(head?.seq ?? 0) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
