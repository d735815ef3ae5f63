/**
 * A child process of its own (parquet-writer.ts starts it): turns one bulk CSV file into Parquet
 * with DuckDB, so that DuckDB's native memory is never the API process's and is all given back
 * when the conversion ends. Arguments: one JSON text `{ csvPath, parquetPath, columns }`. Exit
 * code 0 when the file is written; otherwise the reason on stderr.
 */
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

/** How much memory DuckDB may use for its data; beyond it, it spills to its temporary directory. */
const DUCKDB_MEMORY_LIMIT = "64MB";
/**
 * The longest CSV record DuckDB reads, and its read buffer: a document's text can be as long as
 * the largest page the fetcher accepts (20 MB), and a few quotes doubled.
 */
const MAX_RECORD_BYTES = 24 * 1024 * 1024;
/** Rows per Parquet row group: what DuckDB holds before it writes one out. */
const ROW_GROUP_ROWS = 20_000;

/**
 * Every column read as text (an unquoted empty field as null, a quoted one `""` as an empty text),
 * cast to its type and written in ZSTD-compressed row groups, in the file's order (one thread).
 */
async function convert({ csvPath, parquetPath, columns }: { csvPath: string; parquetPath: string; columns: BulkColumn[] }): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const workDir = mkdtempSync(join(tmpdir(), "vangnet-parquet-"));
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: DUCKDB_MEMORY_LIMIT, threads: "1", temp_directory: join(workDir, "spill") });
  const connection = await instance.connect();
  try {
    const types = `{${columns.map((column) => `${quotedText(column.name)}: 'VARCHAR'`).join(", ")}}`;
    const source = `read_csv(${quotedText(csvPath)}, header = true, auto_detect = false, columns = ${types}, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, max_line_size = ${MAX_RECORD_BYTES}, buffer_size = ${MAX_RECORD_BYTES})`;
    const select = columns.map((column) => `${parquetCast[column.type](quotedName(column.name))} AS ${quotedName(column.name)}`).join(", ");
    await connection.run(`COPY (SELECT ${select} FROM ${source}) TO ${quotedText(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(workDir, { recursive: true, force: true });
  }
}

try {
  await convert(JSON.parse(process.argv[2] ?? "{}") as Parameters<typeof convert>[0]);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
