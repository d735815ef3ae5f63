import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BulkColumn, BulkColumnType } from "../../db/bulk/datasets.js";

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

const quotedName = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quotedText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** How much memory DuckDB may use while a Parquet file is built; beyond it, it spills to its temporary directory. */
const DUCKDB_MEMORY_LIMIT = "128MB";
/**
 * The longest CSV record DuckDB will read: a document's text can be as long as the largest page
 * the fetcher accepts (20 MB), quoted.
 */
const MAX_RECORD_BYTES = 48 * 1024 * 1024;

/**
 * A Parquet file of typed columns from a bulk CSV file (db/bulk/export-dataset.ts, header and
 * CRLF records), written by DuckDB (`@duckdb/node-api`, loaded only when a Parquet file is asked
 * for) with a memory limit, spilling to a directory of its own: every column read as text, an
 * unquoted empty field as null and a quoted one (`""`) as an empty text, then cast to its type
 * (DECIMAL(14,2) for euro amounts, DATE, TIMESTAMP WITH TIME ZONE, LIST of VARCHAR, BIGINT,
 * DOUBLE, BOOLEAN) and written in ZSTD-compressed row groups, in the file's order.
 */
export async function writeParquetFromCsv(csvPath: string, columns: readonly BulkColumn[], parquetPath: string): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const workDir = mkdtempSync(join(tmpdir(), "vangnet-parquet-"));
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: DUCKDB_MEMORY_LIMIT, threads: "1", temp_directory: join(workDir, "spill") });
  const connection = await instance.connect();
  try {
    const types = `{${columns.map((column) => `${quotedText(column.name)}: 'VARCHAR'`).join(", ")}}`;
    const source = `read_csv(${quotedText(csvPath)}, header = true, auto_detect = false, columns = ${types}, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, max_line_size = ${MAX_RECORD_BYTES}, buffer_size = ${MAX_RECORD_BYTES * 2})`;
    const select = columns.map((column) => `${parquetCast[column.type](quotedName(column.name))} AS ${quotedName(column.name)}`).join(", ");
    await connection.run(`COPY (SELECT ${select} FROM ${source}) TO ${quotedText(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(workDir, { recursive: true, force: true });
  }
}
