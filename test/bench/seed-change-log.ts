/**
 * The change log of the benchmark seed: every event the write path would have appended, with
 * sequence numbers in the order of the moments they happened. Documents are made in the order
 * they were first seen; their later events (a new revision, a withdrawal) wait in a queue until
 * the seed's clock passes them.
 */
import { type ChangeEntry, entityTypeOf, filterColumnsOf } from "../../schema/change-events.js";
import { CopyRows, Json, TextArray } from "./seed-copy.js";

export const CHANGE_LOG_COLUMNS = [
  "seq", "occurred_at", "event", "entity_type", "entity_id", "municipality_nis", "run_id", "payload", "document_kind", "themes", "action", "confidence", "document_id",
] as const;

interface Pending {
  at: number;
  order: number;
  entry: ChangeEntry;
}

/** A binary heap of events by moment, then by the order they were scheduled. */
export class ChangeLog {
  private readonly heap: Pending[] = [];
  private scheduled = 0;
  private seq = 0;

  get lastSeq(): number {
    return this.seq;
  }

  /** An event that happened (or will happen) at `at` (ms). */
  schedule(at: number, entry: ChangeEntry): void {
    this.heap.push({ at, order: this.scheduled++, entry });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Append every event up to `until` (ms; all when omitted) to `rows`, in order. */
  flush(rows: CopyRows, until = Number.POSITIVE_INFINITY): void {
    while (this.heap.length > 0 && (this.heap[0] as Pending).at <= until) {
      const { at, entry } = this.pop();
      const columns = filterColumnsOf(entry);
      rows.add(
        ++this.seq, new Date(at), entry.event, entityTypeOf(entry.event), String(entry.entityId), columns.municipalityNis, entry.runId,
        new Json(entry.payload), columns.documentKind, new TextArray(columns.themes), columns.action, columns.confidence, columns.documentId,
      );
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a] as Pending;
    const y = this.heap[b] as Pending;
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a] as Pending;
    this.heap[a] = this.heap[b] as Pending;
    this.heap[b] = t;
  }

  private pop(): Pending {
    const top = this.heap[0] as Pending;
    const last = this.heap.pop() as Pending;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < this.heap.length && this.before(l, smallest)) smallest = l;
        if (r < this.heap.length && this.before(r, smallest)) smallest = r;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }
}

export function changeLogRows(): CopyRows {
  return new CopyRows("change_log", CHANGE_LOG_COLUMNS);
}
