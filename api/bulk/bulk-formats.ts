import type { BulkColumn } from "../../db/bulk/datasets.js";
import type { BulkRow } from "../../db/bulk/export-dataset.js";

/**
 * The formats of `/bulk/{dataset}.{format}` and of snapshots. CSV is written by PostgreSQL
 * (db/bulk/export-dataset.ts, exportDatasetCsvIn): RFC 4180, a header row, CRLF record ends, fields
 * quoted when they hold a comma, quote or line break; UTF-8; dates and times in ISO 8601; booleans
 * `true`/`false`; a list as its JSON text (`["housing","food_aid"]`); null as an empty field and an
 * empty text as `""`. Parquet is made from that CSV (parquet-writer.ts).
 */
export const bulkFormats = {
  csv: { contentType: "text/csv; charset=utf-8; header=present" },
  ndjson: {
    contentType: "application/x-ndjson; charset=utf-8",
    /**
     * NDJSON: one JSON object per line with the GraphQL API's field names; euro amounts and other
     * decimals as numbers, dates and times as ISO strings, lists as arrays, null as null.
     */
    batch(columns: readonly BulkColumn[], rows: readonly BulkRow[]): string {
      const decimals = columns.filter((column) => column.type === "decimal").map((column) => column.name);
      let text = "";
      for (const row of rows) {
        const line: BulkRow = { ...row };
        for (const name of decimals) if (typeof line[name] === "string") line[name] = Number(line[name]);
        text += `${JSON.stringify(line)}\n`;
      }
      return text;
    },
  },
  /** The media type registered for Parquet (IANA, 2024). */
  parquet: { contentType: "application/vnd.apache.parquet" },
} as const;
export type BulkFormatName = keyof typeof bulkFormats;
