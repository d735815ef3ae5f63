import type { Logger } from "pino";
import type { Database, DbHandle } from "../../db/client.js";
import { CHANGE_CHANNEL, type ChangeRow, latestChangeSeq, listChanges } from "../../db/queries/change-log.js";

export interface ChangeHubOptions {
  db: Database;
  /** LISTEN on the change channel (DbHandle.listen): Postgres NOTIFY from every process, PGlite's own. */
  listen: DbHandle["listen"];
  logger: Logger;
  /**
   * Also read the log this often, in case a notification was lost; 0 never. Listening resumes
   * with a read after a dropped connection, so this is a safety net only.
   */
  pollIntervalMs?: number;
  /** Entries read per query. */
  pageSize?: number;
}

export type ChangesListener = (rows: readonly ChangeRow[]) => void;

/**
 * One reader of the change log per process. Each append notifies `vangnet_changes` when its
 * transaction commits; the hub then reads the new entries once, in sequence order, and hands each
 * batch to every listener synchronously, moving `head` in the same step. A listener that compares
 * an entry's seq with `head()` therefore never sees an entry twice or misses one: whatever is
 * above `head` comes in a later batch. Sequence order is commit order (appenders hold a lock until
 * commit), so reading `seq > head` can never skip an entry that commits later.
 */
export class ChangeHub {
  private headSeq = 0;
  private readonly listeners = new Set<ChangesListener>();
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private started: Promise<void> | undefined;
  private stopped = false;
  private ready = false;
  private readonly pageSize: number;

  constructor(private readonly options: ChangeHubOptions) {
    this.pageSize = options.pageSize ?? 500;
  }

  /** The highest sequence number handed to the listeners. */
  head(): number {
    return this.headSeq;
  }

  /** Listen from the current head on; returns the function that stops listening. */
  onChanges(listener: ChangesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Find the head and start listening; idempotent. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.headSeq = await latestChangeSeq(this.options.db);
      this.ready = true;
      this.unlisten = await this.options.listen(
        CHANGE_CHANNEL,
        (payload) => {
          if (!(Number(payload) <= this.headSeq)) this.wake();
        },
        () => this.wake(),
      );
      const every = this.options.pollIntervalMs ?? 30_000;
      if (every > 0) {
        this.timer = setInterval(() => this.wake(), every);
        this.timer.unref();
      }
    })();
    return this.started;
  }

  /** Read the log now; a call during a read makes that read go round once more. */
  wake(): Promise<void> {
    if (this.stopped || !this.ready) return Promise.resolve();
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.readNew()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, "could not read new change-log entries; trying again at the next notification or poll"))
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  private async readNew(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const rows = await listChanges(this.options.db, {}, { afterSeq: this.headSeq, limit: this.pageSize });
        const last = rows.at(-1);
        if (!last || this.stopped) break;
        this.headSeq = Number(last.seq);
        for (const listener of this.listeners) {
          try {
            listener(rows);
          } catch (error) {
            this.options.logger.error({ err: error }, "a change listener failed");
          }
        }
        if (rows.length < this.pageSize) break;
      }
    } while (this.again && !this.stopped);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.reading;
    await this.unlisten?.().catch(() => {});
    this.listeners.clear();
  }
}
