import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database, DbHandle, ReadSnapshot, Transaction } from "../client.js";
import { resultRows } from "../result-rows.js";
import { CsvRecordEnds } from "./csv-records.js";
import type { BulkColumn, BulkDataset } from "./datasets.js";

/** Conditions of a bulk export; each needs the dataset to have the matching column. */
export interface BulkFilter {
  /** NIS codes; a successor includes the municipalities merged into it. */
  municipalities?: readonly string[];
  provinceCodes?: readonly string[];
  themes?: readonly string[];
  kinds?: readonly string[];
  /** Brussels calendar days, inclusive (YYYY-MM-DD). */
  since?: string;
  until?: string;
}

export type BulkRow = Record<string, string | number | boolean | string[] | null>;

export interface BulkConsumer {
  /** Called once, inside the snapshot, before any row: the change-log sequence the export is consistent with. */
  begin(changeSeq: number): void | Promise<void>;
  /** A batch of rows in key order; the export waits for it before reading the next. */
  rows(batch: BulkRow[]): void | Promise<void>;
}

/** A snapshot of the database (DbHandle.readSnapshot) and the change-log sequence it is consistent with. */
export interface BulkSnapshot extends ReadSnapshot {
  changeSeq: number;
}

/** Which filter a dataset cannot apply; null when it can apply all that are given. */
export function unsupportedFilter(dataset: BulkDataset, filter: BulkFilter): string | null {
  const on = dataset.filterOn;
  if ((filter.municipalities?.length || filter.provinceCodes?.length) && !on.municipality) return filter.municipalities?.length ? "municipality" : "province";
  if (filter.themes?.length && !on.themes) return "theme";
  if (filter.kinds?.length && !on.kind) return "kind";
  if ((filter.since || filter.until) && !on.date) return filter.since ? "since" : "until";
  return null;
}

const list = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

function conditions(dataset: BulkDataset, filter: BulkFilter): SQL[] {
  const on = dataset.filterOn;
  const where: SQL[] = [];
  if (filter.municipalities?.length && on.municipality) {
    where.push(sql`(${sql.raw(on.municipality)}) in (select nis from municipalities where nis in (${list(filter.municipalities)}) or successor_nis in (${list(filter.municipalities)}))`);
  }
  if (filter.provinceCodes?.length && on.municipality) {
    where.push(sql`(${sql.raw(on.municipality)}) in (select nis from municipalities where province_code in (${list(filter.provinceCodes)}))`);
  }
  if (filter.themes?.length && on.themes) where.push(sql`(${sql.raw(on.themes)}) && array[${list(filter.themes)}]::text[]`);
  if (filter.kinds?.length && on.kind) where.push(sql`(${sql.raw(on.kind)}) in (${list(filter.kinds)})`);
  if (filter.since && on.date) where.push(sql`(${sql.raw(on.date)}) >= (${filter.since}::date::timestamp at time zone 'Europe/Brussels')`);
  if (filter.until && on.date) where.push(sql`(${sql.raw(on.date)}) < ((${filter.until}::date + 1)::timestamp at time zone 'Europe/Brussels')`);
  return where;
}

/** `where a and b …`, or nothing without conditions. */
const whereClause = (all: readonly SQL[]) => (all.length ? sql`where ${sql.join([...all], sql` and `)}` : sql``);

/** A column as text the formats write unchanged (dates, times, decimals and ids exactly, whatever the driver). */
function selectOf(column: BulkColumn): string {
  const expression = `(${column.sql})`;
  switch (column.type) {
    case "datetime":
      return `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case "date":
    case "decimal":
    case "integer":
      return `${expression}::text`;
    case "number":
      return `${expression}::float8`;
    default:
      return expression;
  }
}

/** Read a dataset inside a transaction the caller opened (one snapshot for several datasets). */
export async function exportDatasetIn(tx: Database | Transaction, dataset: BulkDataset, filter: BulkFilter, rowsOut: BulkConsumer["rows"], options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  const columns = sql.raw(dataset.columns.map((column) => `${selectOf(column)} as "${column.name}"`).join(", "));
  const key = sql.raw(dataset.key.sql);
  const where = conditions(dataset, filter);
  let rows = 0;
  let after: string | null = null;
  for (;;) {
    const keyCondition = after === null ? [] : [dataset.key.type === "integer" ? sql`${key} > ${after}::bigint` : sql`${key} > ${after}`];
    const all = [...where, ...keyCondition];
    const result = resultRows<BulkRow & { __key: string }>(
      await tx.execute(sql`select ${columns}, (${key})::text as "__key" from ${sql.raw(dataset.from)} ${whereClause(all)} order by ${key} limit ${batchSize}`),
    );
    const batch = Array.from(result, (row) => {
      const { __key, ...rest } = row;
      after = __key;
      for (const column of dataset.columns) if (column.type === "integer" && rest[column.name] != null) rest[column.name] = Number(rest[column.name]);
      return rest;
    });
    if (batch.length) await rowsOut(batch);
    rows += batch.length;
    if (batch.length < batchSize) return rows;
  }
}

/**
 * Run `work` in one repeatable-read, read-only transaction, after reading the change log's head in
 * it: every dataset read in it sees the database as it was at that sequence number. The head and
 * the rows come from one snapshot: a transaction's data and its change entries are both in it or
 * both not, and appends commit in seq order (their lock), so no entry at or below the head can
 * commit later. Loading the export and then following `changes(after: seq)` misses nothing and
 * sees nothing twice.
 */
export function inBulkSnapshot<T>(handle: Pick<DbHandle, "readSnapshot">, work: (snapshot: BulkSnapshot) => Promise<T>): Promise<T> {
  return handle.readSnapshot(async (snapshot) => {
    const [head] = resultRows<{ seq: string }>(await snapshot.db.execute(sql`select coalesce(max(seq), 0)::text as seq from change_log`));
    return work({ ...snapshot, changeSeq: Number(head?.seq ?? 0) });
  });
}

/**
 * Export one dataset in its own snapshot (see inBulkSnapshot), telling `begin` the sequence number
 * first. Rows come in batches by key (keyset), so memory stays flat whatever the size; the next
 * batch is read only once the consumer has taken the last.
 */
export function exportDataset(handle: Pick<DbHandle, "readSnapshot">, dataset: BulkDataset, filter: BulkFilter, consumer: BulkConsumer, options: { batchSize?: number } = {}): Promise<{ rows: number; changeSeq: number }> {
  return inBulkSnapshot(handle, async (snapshot) => {
    await consumer.begin(snapshot.changeSeq);
    return { rows: await exportDatasetIn(snapshot.db, dataset, filter, consumer.rows, options), changeSeq: snapshot.changeSeq };
  });
}

/** The newest migration applied: the version of the database schema an export was taken from. */
export async function schemaVersionIn(tx: Database | Transaction): Promise<string> {
  const [row] = resultRows<{ tag: string }>(await tx.execute(sql`select tag from schema_migrations order by tag desc limit 1`));
  return row?.tag ?? "none";
}

/** A column as CSV text: as for the other formats, with booleans `true`/`false` and a list as its JSON text. */
function csvSelectOf(column: BulkColumn): string {
  if (column.type === "boolean") return `(${column.sql})::text`;
  if (column.type === "list") return `to_json(${column.sql})::text`;
  return selectOf(column);
}

const dialect = new PgDialect();
/** drizzle SQL as one text with its values inlined as literals (COPY takes no parameters); the values are checked filter values and keys. */
const inlined = (query: SQL) => dialect.sqlToQuery(query.inlineParams()).sql;

/** The CSV header: the column names (plain identifiers, never quoted). */
export const csvHeaderOf = (dataset: BulkDataset) => `${dataset.columns.map((column) => column.name).join(",")}\r\n`;

/**
 * A dataset as CSV per RFC 4180, written by PostgreSQL itself (`COPY (select …) TO STDOUT WITH
 * CSV`, the fastest way out of the database) with CRLF record ends (CsvRecordEnds): the header, then
 * the rows in key order, chunk by chunk; `write` is awaited before the next chunk is read. The
 * server streams one COPY (pausing while `write` waits); PGlite, which answers a COPY whole, is
 * copied `pageSize` rows at a time between keys looked up first. Returns the number of rows.
 */
export async function exportDatasetCsvIn(snapshot: ReadSnapshot, dataset: BulkDataset, filter: BulkFilter, write: (chunk: Uint8Array) => void | Promise<void>, options: { pageSize?: number; onRows?: (rows: number) => void } = {}): Promise<number> {
  const pageSize = options.pageSize ?? 20_000;
  const records = new CsvRecordEnds();
  await write(Buffer.from(csvHeaderOf(dataset)));
  const columns = dataset.columns.map((column) => `${csvSelectOf(column)} as "${column.name}"`).join(", ");
  const key = sql.raw(dataset.key.sql);
  const keyValue = (value: string) => (dataset.key.type === "integer" ? sql`${value}::bigint` : sql`${value}`);
  const where = conditions(dataset, filter);
  const whereOf = (bounds: SQL[]) => whereClause([...where, ...bounds]);
  const select = (bounds: SQL[]) => inlined(sql`select ${sql.raw(columns)} from ${sql.raw(dataset.from)} ${whereOf(bounds)} order by ${key}`);
  const copy = async (text: string) => {
    for await (const chunk of snapshot.copyCsv(text)) {
      const rows = records.records;
      await write(records.convert(chunk));
      if (records.records !== rows) options.onRows?.(records.records);
    }
  };
  if (snapshot.copyStreams) {
    await copy(select([]));
    return records.records;
  }
  let after: string | null = null;
  for (;;) {
    const from: SQL[] = after === null ? [] : [sql`${key} > ${keyValue(after)}`];
    const [last] = resultRows<{ key: string }>(await snapshot.db.execute(sql`select (${key})::text as key from ${sql.raw(dataset.from)} ${whereOf(from)} order by ${key} offset ${pageSize - 1} limit 1`));
    await copy(select(last ? [...from, sql`${key} <= ${keyValue(last.key)}`] : from));
    if (!last) return records.records;
    after = last.key;
  }
}

/** The whole export of a dataset as one SELECT, unfiltered and in key order: what a `COPY (…) TO STDOUT` reference runs. */
export function datasetSelectText(dataset: BulkDataset): string {
  return `select ${dataset.columns.map((column) => `${csvSelectOf(column)} as "${column.name}"`).join(", ")} from ${dataset.from} order by ${dataset.key.sql}`;
}
