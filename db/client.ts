import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { lockDataDir } from "./data-dir-lock.js";
import { pgliteSettings } from "./pglite-settings.js";
import { PGLITE_TEMPLATE } from "./pglite-template.js";
import { unpackPgliteTemplate } from "./pglite-unpack.js";
import * as schema from "./schema.js";
import { pgliteClientShape, postgresClientShape, withStorableParams } from "./storable-params.js";

export type Schema = typeof schema;
/** A drizzle database on either driver; queries are written once against this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** The transaction object drizzle passes to `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DbHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** Where the data lives: the PGlite directory or the server URL without its password. */
  location: string;
  /** Run raw SQL and get rows back, whatever the driver. */
  rows<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /**
   * LISTEN on a notification channel: `onNotify` receives each payload sent with `pg_notify` (by
   * any process on a server; by this process with PGlite). `onListen` runs whenever listening
   * (re)starts: a server connection that dropped and came back may have missed notifications,
   * so a listener catches up there. Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  /**
   * Run `work` in one read-only, repeatable-read transaction (without a statement timeout: a
   * bulk export lasts as long as its download): everything read in it sees one snapshot.
   */
  readSnapshot<T>(work: (snapshot: ReadSnapshot) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A read-only, repeatable-read transaction (DbHandle.readSnapshot). */
export interface ReadSnapshot {
  /** drizzle over the transaction. */
  db: Database;
  /**
   * `COPY (select) TO … WITH (FORMAT csv)`: the rows as PostgreSQL writes CSV (LF line ends, no
   * header; NULL an empty field, an empty text `""`). `select` is our own SQL text, with any
   * value already inlined (COPY takes no parameters).
   */
  copyCsv(select: string): AsyncIterable<Uint8Array>;
  /**
   * Whether `copyCsv` streams, pausing while the consumer does (the server), or hands the whole
   * result over at once (PGlite's `/dev/blob`): then callers copy a large table page by page.
   */
  copyStreams: boolean;
}

export interface CreateDbOptions {
  /** A postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps everything in memory. */
  dataDir?: string;
  /** Load a PGlite data-directory dump (from `dumpDataDir`) instead of starting empty. */
  pgliteDump?: Blob;
  /** Statement timeout in milliseconds for the server driver. */
  statementTimeoutMs?: number;
  /** Maximum connections for the server driver. */
  maxConnections?: number;
  /** PGlite's shared buffers, a PostgreSQL size such as `16MB` (the default) or `128MB`. */
  pgliteSharedBuffers?: string;
  /** Called with the text and parameters of every SQL statement drizzle sends (tests count and explain statements with it). */
  onQuery?: QueryListener;
}

/**
 * Open the database: the `postgres` driver when a URL is given, otherwise PGlite, file-backed in
 * `dataDir` (created when missing, and locked against a second process). Every parameter of every
 * statement is made storable on the way (db/storable-params.ts), so no text from a page can fail a
 * write with a NUL. Whoever calls this owns the handle and closes it.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? "./data", options);
}

/** Receives each statement drizzle sends, with its parameters. */
export type QueryListener = (query: string, params: unknown[]) => void;

/** drizzle's logger hook, when someone wants to see the statements. */
const queryLogger = (onQuery: QueryListener | undefined) => (onQuery ? { logger: { logQuery: (query: string, params: unknown[]) => onQuery(query, params) } } : {});

async function openPglite(dataDir: string, options: CreateDbOptions): Promise<DbHandle> {
  const { pgliteDump: dump, onQuery } = options;
  const inMemory = dataDir.startsWith("memory://");
  const location = inMemory ? dataDir : resolve(dataDir);
  let unlock = () => {};
  if (!inMemory) {
    // Only the user who runs Vangnet may read or write the database: PGlite creates its files
    // world-writable (seen 2026-11), so the directory is what keeps others out.
    mkdirSync(location, { recursive: true, mode: 0o700 });
    unlock = lockDataDir(location);
    // A new data directory starts from the build's migrated template, when there is one.
    if (!dump && !existsSync(join(location, "PG_VERSION")) && existsSync(PGLITE_TEMPLATE)) {
      try {
        await unpackPgliteTemplate(location, PGLITE_TEMPLATE, options.pgliteSharedBuffers);
      } catch (error) {
        unlock();
        throw error;
      }
    }
  }
  let client: PGlite;
  try {
    client = withStorableParams(
      await PGlite.create(inMemory ? undefined : location, { ...(dump ? { loadDataDir: dump } : {}), postgresqlconf: pgliteSettings(options.pgliteSharedBuffers) }),
      pgliteClientShape,
    );
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    db: drizzlePglite({ client, schema, ...queryLogger(onQuery) }) as unknown as Database,
    driver: "pglite",
    location,
    async rows<T>(query: string, params: unknown[] = []) {
      return (await client.query<T>(query, params)).rows;
    },
    readSnapshot: (work) =>
      client.transaction(async (tx) => {
        await tx.exec("set transaction isolation level repeatable read, read only");
        return work({
          db: drizzlePglite({ client: tx as unknown as PGlite, schema }) as unknown as Database,
          copyStreams: false,
          async *copyCsv(select) {
            const { blob } = await tx.query(`copy (${select}) to '/dev/blob' with (format csv)`);
            if (blob) yield new Uint8Array(await blob.arrayBuffer());
          },
        });
      }),
    async listen(channel, onNotify, onListen) {
      const unlisten = await client.listen(channel, onNotify);
      onListen?.();
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, options: CreateDbOptions): Promise<DbHandle> {
  const client = withStorableParams(
    postgres(url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {},
    }),
    postgresClientShape,
  );
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new Error(`cannot connect to the database at ${redactPassword(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    db: drizzlePostgres({ client, schema, ...queryLogger(options.onQuery) }) as unknown as Database,
    driver: "postgres",
    location: redactPassword(url),
    async rows<T>(query: string, params: unknown[] = []) {
      return (await client.unsafe(query, params as never[])) as unknown as T[];
    },
    readSnapshot: <T>(work: (snapshot: ReadSnapshot) => Promise<T>) =>
      client.begin("isolation level repeatable read read only", async (tx) => {
        await tx.unsafe("set local statement_timeout = 0");
        return work({
          // drizzle reads (and sets, as it did for the pool) the driver options, which a transaction's client lacks.
          db: drizzlePostgres({ client: Object.assign(tx, { options: client.options }) as unknown as postgres.Sql, schema }) as unknown as Database,
          copyStreams: true,
          copyCsv: (select) => streamCopy(tx.unsafe(`copy (${select}) to stdout with (format csv)`)),
        });
      }) as Promise<T>,
    async listen(channel, onNotify, onListen) {
      // postgres.js keeps one dedicated connection for LISTEN, reconnects it when it drops and
      // calls `onListen` again each time.
      const request = await client.listen(channel, onNotify, onListen);
      return () => request.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The chunks of a `COPY … TO STDOUT` on the server. postgres.js pauses the connection's socket
 * while the stream's reader does not take its chunks and resumes it only from the stream's
 * `_read`; when the end of the COPY arrives while the socket is paused, the stream ends and nobody
 * resumes the socket, so the connection never reads the rest of the reply and the transaction
 * hangs (porsager/postgres#499; reproduced here with a slow reader every time). So the socket is
 * resumed once the stream is done. A reader that stops early (the client went away) lets the
 * rest of the COPY flow away unread: the connection takes no other statement (not even the
 * ROLLBACK) until the COPY is over. Cancelling it instead could cancel the ROLLBACK that follows
 * when the cancel request arrives late, leaving the connection in a failed transaction.
 */
async function* streamCopy(query: postgres.PendingQuery<postgres.Row[]>): AsyncGenerator<Uint8Array> {
  const stream = (await query.readable()) as unknown as Readable & { _read(size: number): void };
  try {
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Uint8Array;
  } finally {
    if (!stream.readableEnded && !stream.destroyed) {
      stream.resume();
      stream._read(0);
      await finished(stream).catch(() => undefined);
    }
    stream._read(0);
  }
}

/** A server URL without its password, for logs and messages (the database's, Redis's). */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
