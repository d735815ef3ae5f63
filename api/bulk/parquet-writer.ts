import { spawn } from "node:child_process";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { BulkColumn } from "../../db/bulk/datasets.js";

/** Bytes of the converter's stderr kept for the error message. */
const MAX_ERROR_BYTES = 4_096;

/**
 * A Parquet file of typed columns from a bulk CSV file (db/bulk/export-dataset.ts: a header, CRLF
 * records), written by DuckDB (`@duckdb/node-api`) in a child process (parquet-convert.ts) with
 * its memory limited, so the API process neither grows nor keeps what DuckDB allocated: euro
 * amounts DECIMAL(14,2), DATE, TIMESTAMP WITH TIME ZONE, LIST of VARCHAR, BIGINT, DOUBLE, BOOLEAN.
 */
export function writeParquetFromCsv(csvPath: string, columns: readonly BulkColumn[], parquetPath: string): Promise<void> {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = fileURLToPath(new URL(`./parquet-convert${extension}`, import.meta.url));
  // From the TypeScript sources (tests, `npm run bench`) the child needs tsx; the build runs JavaScript.
  const loader = extension === ".ts" ? ["--import", "tsx"] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...loader, entry, JSON.stringify({ csvPath, parquetPath, columns })], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < MAX_ERROR_BYTES) stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`the Parquet conversion of ${csvPath} failed (${signal ?? `exit code ${code}`}): ${stderr.trim().slice(0, MAX_ERROR_BYTES) || "no message"}`));
    });
  });
}
