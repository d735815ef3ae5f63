import { asc, eq, gt, sql } from "drizzle-orm";
import { SEARCH_TERMS_VERSION } from "../../schema/dutch-compounds.js";
import type { DbHandle } from "../client.js";
import { documents } from "../tables/documents.js";
import { systemState } from "../tables/system-state.js";
import { searchTermsOfDocument } from "./write-document.js";

const STATE_KEY = "search_terms_version";
const BATCH = 200;

/**
 * Bring every document's search terms to the current compound rules: after the migration that
 * added them, and whenever `SEARCH_TERMS_VERSION` changes. Documents are read in id order in
 * batches, each batch its own transaction, and only changed terms are written (so the stored
 * vector is recomputed only where needed); the version is recorded at the end, so a process
 * killed half-way starts over next time and loses nothing. Gives the number of documents whose
 * terms changed.
 */
export async function refreshSearchTerms(handle: DbHandle, onBatch?: (done: number) => void): Promise<number> {
  const [stored] = await handle.db.select({ value: systemState.value }).from(systemState).where(eq(systemState.key, STATE_KEY));
  if (stored?.value === SEARCH_TERMS_VERSION) return 0;
  let afterId = 0;
  let changed = 0;
  let done = 0;
  for (;;) {
    const rows = await handle.db
      .select({ id: documents.id, title: documents.title, text: documents.text, searchTerms: documents.searchTerms })
      .from(documents)
      .where(gt(documents.id, afterId))
      .orderBy(asc(documents.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1]!.id;
    const updates = rows.flatMap((row) => {
      const terms = searchTermsOfDocument(row);
      return terms === row.searchTerms ? [] : [sql`(${row.id}::bigint, ${terms}::text)`];
    });
    if (updates.length > 0) {
      await handle.db.execute(
        sql`update ${documents} set search_terms = v.terms from (values ${sql.join(updates, sql`, `)}) as v(id, terms) where ${documents.id} = v.id`,
      );
    }
    changed += updates.length;
    done += rows.length;
    onBatch?.(done);
  }
  await handle.db
    .insert(systemState)
    .values({ key: STATE_KEY, value: SEARCH_TERMS_VERSION })
    .onConflictDoUpdate({ target: systemState.key, set: { value: SEARCH_TERMS_VERSION, updatedAt: sql`now()` } });
  return changed;
}
