import type { BulkColumn, BulkColumnType, BulkDataset } from "../../db/bulk/datasets.js";

/** A file of a snapshot, as the manifest and the Data Package describe it. */
export interface SnapshotFile {
  dataset: string;
  format: "csv" | "ndjson" | "parquet";
  path: string;
  bytes: number;
  sha256: string;
  rows: number;
}

/** Frictionless Table Schema types (https://specs.frictionlessdata.io/table-schema/#types-and-formats). */
const tableSchemaType: Record<BulkColumnType, string> = {
  string: "string",
  integer: "integer",
  number: "number",
  decimal: "number",
  boolean: "boolean",
  date: "date",
  datetime: "datetime",
  list: "array",
};

function fieldOf(column: BulkColumn): Record<string, unknown> {
  return {
    name: column.name,
    type: tableSchemaType[column.type],
    description: column.description,
    ...(column.type === "boolean" ? { trueValues: ["true"], falseValues: ["false"] } : {}),
    ...(column.unit ? { unit: column.unit } : {}),
  };
}

/**
 * The snapshot as a Frictionless Tabular Data Package (https://specs.frictionlessdata.io/): one
 * resource per CSV file, with its size, SHA-256, a table schema (every column with its type and
 * description, euro amounts with unit EUR, the primary key) and foreign keys between the datasets
 * of the snapshot. NDJSON and Parquet files are listed in the manifest only.
 */
export function dataPackageOf(datasets: readonly BulkDataset[], files: readonly SnapshotFile[], meta: { created: string; version: string; changeSeq: number }): Record<string, unknown> {
  const exported = new Set(files.filter((file) => file.format === "csv").map((file) => file.dataset));
  const resources = files
    .filter((file) => file.format === "csv")
    .map((file) => {
      const dataset = datasets.find((d) => d.name === file.dataset) as BulkDataset;
      const foreignKeys = dataset.columns
        .filter((column) => column.references && exported.has(column.references.dataset))
        .map((column) => ({ fields: column.name, reference: { resource: column.references?.dataset, fields: column.references?.column } }));
      return {
        name: dataset.name,
        title: dataset.name,
        description: dataset.description,
        path: file.path,
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        bytes: file.bytes,
        hash: `sha256:${file.sha256}`,
        dialect: { delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', doubleQuote: true, header: true },
        schema: { fields: dataset.columns.map(fieldOf), primaryKey: dataset.primaryKey, missingValues: [""], ...(foreignKeys.length ? { foreignKeys } : {}) },
      };
    });
  return {
    profile: "tabular-data-package",
    name: "vangnet",
    title: "Vangnet: the local social safety net in Flanders",
    description: `Council decisions, press releases and the social measures read from them, consistent with the change log at sequence ${meta.changeSeq}.`,
    version: meta.version,
    created: meta.created,
    resources,
  };
}
