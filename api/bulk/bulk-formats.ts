import { stringify } from "csv-stringify/sync";
import type { BulkColumn } from "../../db/bulk/datasets.js";
import type { BulkRow } from "../../db/bulk/export-dataset.js";

/** A format of `/bulk/{dataset}.{format}`: its content type and how a batch of rows is written. */
export interface BulkFormat {
  contentType: string;
  /** Text before the first row (the CSV header). */
  header(columns: readonly BulkColumn[]): string;
  batch(columns: readonly BulkColumn[], rows: readonly BulkRow[]): string;
}

/**
 * CSV per RFC 4180 (csv-stringify): a header row, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break; UTF-8; dates and times in ISO 8601; booleans `true`/`false`; a list
 * as its JSON text (`["housing","food_aid"]`); null as an empty field.
 */
const csv: BulkFormat = {
  contentType: "text/csv; charset=utf-8; header=present",
  header: (columns) => stringify([columns.map((column) => column.name)], { record_delimiter: "\r\n" }),
  batch: (columns, rows) =>
    stringify(
      rows.map((row) => columns.map((column) => csvField(row[column.name] ?? null))),
      { record_delimiter: "\r\n" },
    ),
};

function csvField(value: BulkRow[string]): string {
  if (value === null) return "";
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * NDJSON: one JSON object per line with the GraphQL API's field names; euro amounts and other
 * decimals as numbers, dates and times as ISO strings, lists as arrays, null as null.
 */
const ndjson: BulkFormat = {
  contentType: "application/x-ndjson; charset=utf-8",
  header: () => "",
  batch: (columns, rows) => {
    const decimals = columns.filter((column) => column.type === "decimal").map((column) => column.name);
    let text = "";
    for (const row of rows) {
      const line: BulkRow = { ...row };
      for (const name of decimals) if (typeof line[name] === "string") line[name] = Number(line[name]);
      text += `${JSON.stringify(line)}\n`;
    }
    return text;
  },
};

export const bulkFormats = { csv, ndjson } as const;
export type BulkFormatName = keyof typeof bulkFormats;
