import type { Database } from "../../db/client.js";
import { type ChangeFilter, type ChangeRow, listChanges } from "../../db/queries/change-log.js";
import type { ChangeHub } from "./change-hub.js";
import type { ChangeMatcher } from "./change-matcher.js";

export interface ChangeStreamOptions {
  db: Database;
  hub: ChangeHub;
  filter: ChangeFilter;
  /** The filter's in-memory matcher; null when it needs the database (a search). */
  matcher: ChangeMatcher | null;
  /** Resume after this sequence number (the backlog first); absent: from now on. */
  afterSeq?: number | undefined;
  /** Entries read per backlog query. */
  pageSize?: number;
  /**
   * Most live entries kept in memory for the client; beyond it the stream drops them and reads
   * from the database again, as fast as the client takes them (memory stays bounded, nothing is lost).
   */
  maxQueued: number;
  /** The time now in milliseconds (tests fix it). */
  now?: () => number;
}

/**
 * The changes of one subscription, as an async iterator: first the backlog after `afterSeq`, read
 * from the database a page at a time as the client takes them, then live entries from the hub.
 *
 * The seam: the backlog is read up to the hub's head as it was when the query started (`upToSeq`).
 * When a page comes back short and the head has not moved meanwhile, everything matching up to the
 * head has been read, and the stream turns live, taking only entries above that head from the hub,
 * which hands over entries above its head only. When the head has moved, the next page is read
 * first. So the client gets each entry once and in order, whatever commits while the backlog is
 * sent. A filter the hub cannot match in memory stays on the database: each hub batch makes the
 * stream read the next page instead; so does a client that lets more than `maxQueued` live entries
 * pile up. `stalledFor` tells how long changes have waited for a client that takes none (the
 * subscription server disconnects it).
 */
export class ChangeStream implements AsyncIterableIterator<ChangeRow> {
  private readonly queue: ChangeRow[] = [];
  /** Entries up to this seq are queued or known not to match. */
  private seenSeq: number;
  /** The seq of the last entry handed to the client (or where the stream began). */
  private handedSeq: number;
  /** When the client last took an entry or asked for one. */
  private lastTaken: number;
  private inNext = false;
  private readonly now: () => number;
  /** Read the database before waiting for the hub. */
  private behind: boolean;
  private closed = false;
  private wakeUp: (() => void) | null = null;
  private readonly stopListening: () => void;
  private owners: Set<ChangeStream> | undefined;

  constructor(private readonly options: ChangeStreamOptions) {
    this.seenSeq = options.afterSeq ?? options.hub.head();
    this.handedSeq = this.seenSeq;
    this.now = options.now ?? Date.now;
    this.lastTaken = this.now();
    this.behind = options.afterSeq !== undefined;
    this.stopListening = options.hub.onChanges((rows) => this.receive(rows));
  }

  /**
   * How long changes have been waiting for a client that does not ask for them (it is busy
   * sending the previous one: its socket does not drain), in milliseconds; 0 when none wait.
   */
  stalledFor(): number {
    if (this.closed || this.inNext || (this.queue.length === 0 && !this.behind)) return 0;
    return this.now() - this.lastTaken;
  }

  private receive(rows: readonly ChangeRow[]): void {
    if (this.closed || this.behind) return;
    if (!this.options.matcher) {
      this.behind = true;
      return this.signal();
    }
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq <= this.seenSeq) continue;
      this.seenSeq = seq;
      if (this.options.matcher(row)) this.queue.push(row);
    }
    if (this.queue.length > this.options.maxQueued) {
      // The client is far behind: forget the entries and read them again when it asks.
      this.queue.length = 0;
      this.seenSeq = this.handedSeq;
      this.behind = true;
    }
    this.signal();
  }

  private signal(): void {
    const wake = this.wakeUp;
    this.wakeUp = null;
    wake?.();
  }

  /** Read the next page of entries up to the hub's head; turn live when none is left. */
  private async readPage(): Promise<void> {
    const ceiling = this.options.hub.head();
    const limit = this.options.pageSize ?? 200;
    const rows = await listChanges(this.options.db, this.options.filter, { afterSeq: this.seenSeq, upToSeq: ceiling, limit });
    if (this.closed) return;
    this.queue.push(...rows);
    const last = rows.at(-1);
    if (last) this.seenSeq = Number(last.seq);
    if (rows.length < limit && this.options.hub.head() === ceiling) {
      this.seenSeq = Math.max(this.seenSeq, ceiling);
      this.behind = false;
    }
  }

  async next(): Promise<IteratorResult<ChangeRow>> {
    this.inNext = true;
    try {
      return await this.take();
    } finally {
      this.inNext = false;
      this.lastTaken = this.now();
    }
  }

  private async take(): Promise<IteratorResult<ChangeRow>> {
    for (;;) {
      const row = this.queue.shift();
      if (row) {
        this.handedSeq = Number(row.seq);
        return { value: row, done: false };
      }
      if (this.closed) return { value: undefined, done: true };
      if (this.behind) {
        await this.readPage();
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
      });
    }
  }

  /** Keep this stream in `streams` while it is open (a connection's, to watch it). */
  on(streams: Set<ChangeStream>): this {
    streams.add(this);
    this.owners = streams;
    return this;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.owners?.delete(this);
    this.queue.length = 0;
    this.stopListening();
    this.signal();
  }

  async return(): Promise<IteratorResult<ChangeRow>> {
    this.close();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
