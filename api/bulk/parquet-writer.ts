import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BulkColumn, BulkColumnType } from "../../db/bulk/datasets.js";
import type { BulkRow } from "../../db/bulk/export-dataset.js";

/** Each column type as Parquet holds it, through DuckDB's types: euro amounts DECIMAL(14,2), lists LIST. */
const parquetCast: Record<BulkColumnType, (column: string) => string> = {
  string: (c) => c,
  integer: (c) => `${c}::BIGINT`,
  number: (c) => `${c}::DOUBLE`,
  decimal: (c) => `${c}::DECIMAL(14,2)`,
  boolean: (c) => `${c}::BOOLEAN`,
  date: (c) => `${c}::DATE`,
  datetime: (c) => `${c}::TIMESTAMPTZ`,
  list: (c) => `from_json(${c}, '["VARCHAR"]')`,
};

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** How much memory DuckDB may use while a Parquet file is built; beyond it, it spills to its temporary directory. */
const DUCKDB_MEMORY_LIMIT = "128MB";

export interface ParquetFileWriter {
  append(rows: readonly BulkRow[]): Promise<void>;
  /** Write the Parquet file to `path` (ZSTD-compressed row groups) and release everything. */
  finish(path: string): Promise<void>;
  /** Release everything without writing (after an error). */
  abort(): void;
}

/**
 * A Parquet file of typed columns, written by DuckDB (`@duckdb/node-api`, loaded only when a
 * Parquet file is asked for): rows are appended as text to a staging table in a database file of
 * its own, with a memory limit so a large dataset spills to disk instead of growing the process,
 * then copied to Parquet with each column cast to its type (DECIMAL(14,2) for euro amounts, DATE,
 * TIMESTAMP WITH TIME ZONE, LIST of VARCHAR, BIGINT, DOUBLE, BOOLEAN).
 */
export async function openParquetWriter(columns: readonly BulkColumn[]): Promise<ParquetFileWriter> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const workDir = mkdtempSync(join(tmpdir(), "vangnet-parquet-"));
  const instance = await DuckDBInstance.create(join(workDir, "staging.duckdb"), { memory_limit: DUCKDB_MEMORY_LIMIT, threads: "1", temp_directory: join(workDir, "spill") });
  const connection = await instance.connect();
  const release = () => {
    connection.closeSync();
    instance.closeSync();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await connection.run(`create table staging (${columns.map((column) => `${quoted(column.name)} VARCHAR`).join(", ")})`);
  } catch (error) {
    release();
    throw error;
  }
  const appender = await connection.createAppender("staging");
  return {
    async append(rows) {
      for (const row of rows) {
        for (const column of columns) {
          const value = row[column.name];
          if (value === null || value === undefined) appender.appendNull();
          else appender.appendVarchar(Array.isArray(value) ? JSON.stringify(value) : String(value));
        }
        appender.endRow();
      }
      appender.flushSync();
    },
    async finish(path) {
      try {
        appender.closeSync();
        const select = columns.map((column) => `${parquetCast[column.type](quoted(column.name))} AS ${quoted(column.name)}`).join(", ");
        await connection.run(`COPY (SELECT ${select} FROM staging) TO '${path.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
      } finally {
        release();
      }
    },
    abort() {
      try {
        appender.closeSync();
      } catch {
        // already closed
      }
      release();
    },
  };
}
