import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { bulkFormats } from "../../api/bulk/bulk-formats.js";
import { writeParquetFromCsv } from "../../api/bulk/parquet-writer.js";
import { changeCursorOfSeq } from "../../api/changes/change-json.js";
import type { DbHandle } from "../../db/client.js";
import type { BulkDataset } from "../../db/bulk/datasets.js";
import { exportDatasetCsvIn, exportDatasetIn, inBulkSnapshot, schemaVersionIn } from "../../db/bulk/export-dataset.js";
import { countDatasetRowsIn } from "../../db/bulk/dataset-counts.js";
import { dataPackageOf, type SnapshotFile } from "./data-package.js";

export type SnapshotFormat = "csv" | "ndjson" | "parquet";

/** How far a snapshot has got: rows read from the database so far, of all it will read (a dataset wanted as NDJSON and as CSV or Parquet is read twice). */
export interface SnapshotProgress {
  dataset: string;
  done: number;
  total: number;
}

export interface SnapshotOptions {
  out: string;
  datasets: readonly BulkDataset[];
  formats: readonly SnapshotFormat[];
  version: string;
  /** Called as rows are written (the rows are counted first in the snapshot, for a progress bar). */
  onProgress?: (progress: SnapshotProgress) => void;
  now?: () => Date;
}

export interface SnapshotManifest {
  vangnetVersion: string;
  schemaVersion: string;
  /** The change-log sequence every file is consistent with; follow `changes(after: changeCursor)`. */
  changeSeq: string;
  changeCursor: string;
  generatedAt: string;
  formats: SnapshotFormat[];
  datasets: { name: string; rows: number; files: Omit<SnapshotFile, "dataset" | "rows">[] }[];
}

/** Bytes and SHA-256 of a file, read as a stream. */
async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** One output file: written under a temporary name, hashed and counted on the way. */
class SnapshotFileWriter {
  private readonly hash = createHash("sha256");
  private readonly stream;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(`${path}.partial`);
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (!data.length) return;
    const chunk = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<string> {
    this.stream.end();
    await once(this.stream, "finish");
    return this.hash.digest("hex");
  }
}

/**
 * `vangnet export`: every dataset in every format from one snapshot of the database, so all files
 * agree with each other and with the change log at one sequence number; then `manifest.json`
 * (row counts, bytes, SHA-256, versions, the sequence) and `datapackage.json` (Frictionless).
 * CSV comes from PostgreSQL's COPY, NDJSON from rows read by key, Parquet from the CSV after the
 * snapshot's transaction has ended. Files are written under `.partial` names and renamed once
 * complete, the manifest last: a killed export leaves no file that looks finished.
 */
export async function writeSnapshot(handle: Pick<DbHandle, "readSnapshot">, options: SnapshotOptions): Promise<SnapshotManifest> {
  mkdirSync(options.out, { recursive: true });
  const now = options.now ?? (() => new Date());
  const wants = (format: SnapshotFormat) => options.formats.includes(format);
  const partialOf = (dataset: BulkDataset, format: SnapshotFormat) => join(options.out, `${dataset.name}.${format}.partial`);
  // The CSV a Parquet file is made from, when no CSV file is asked for.
  const scratchCsvOf = (dataset: BulkDataset) => join(options.out, `.${dataset.name}.csv.scratch`);
  const written: SnapshotFile[] = [];
  const rowsOf = new Map<string, number>();
  const cleanUp = () => {
    for (const dataset of options.datasets) {
      for (const format of options.formats) rmSync(partialOf(dataset, format), { force: true });
      rmSync(scratchCsvOf(dataset), { force: true });
      rmSync(`${scratchCsvOf(dataset)}.partial`, { force: true });
    }
  };
  try {
    const { changeSeq, schemaVersion } = await inBulkSnapshot(handle, async (snapshot) => {
      const passes = (wants("csv") || wants("parquet") ? 1 : 0) + (wants("ndjson") ? 1 : 0);
      let total = 0;
      if (options.onProgress) for (const rows of (await countDatasetRowsIn(snapshot.db, options.datasets)).values()) total += rows * passes;
      let before = 0;
      const progress = (dataset: BulkDataset) => (rows: number) => options.onProgress?.({ dataset: dataset.name, done: before + rows, total: Math.max(total, before + rows) });
      for (const dataset of options.datasets) {
        if (wants("csv") || wants("parquet")) {
          const writer = new SnapshotFileWriter(wants("csv") ? join(options.out, `${dataset.name}.csv`) : scratchCsvOf(dataset));
          const rows = await exportDatasetCsvIn(snapshot, dataset, {}, (chunk) => writer.write(chunk), { onRows: progress(dataset) });
          const sha256 = await writer.close();
          if (!wants("csv")) renameSync(`${scratchCsvOf(dataset)}.partial`, scratchCsvOf(dataset));
          else written.push({ dataset: dataset.name, format: "csv", path: `${dataset.name}.csv`, bytes: writer.bytes, sha256, rows });
          rowsOf.set(dataset.name, rows);
          before += rows;
        }
        if (wants("ndjson")) {
          const writer = new SnapshotFileWriter(join(options.out, `${dataset.name}.ndjson`));
          let rows = 0;
          const onRows = progress(dataset);
          await exportDatasetIn(snapshot.db, dataset, {}, async (batch) => {
            await writer.write(bulkFormats.ndjson.batch(dataset.columns, batch));
            rows += batch.length;
            onRows(rows);
          });
          const sha256 = await writer.close();
          written.push({ dataset: dataset.name, format: "ndjson", path: `${dataset.name}.ndjson`, bytes: writer.bytes, sha256, rows });
          if (rowsOf.has(dataset.name) && rowsOf.get(dataset.name) !== rows) throw new Error(`${dataset.name}: ${rowsOf.get(dataset.name)} rows as CSV but ${rows} as NDJSON in one snapshot`);
          rowsOf.set(dataset.name, rows);
          before += rows;
        }
      }
      return { changeSeq: snapshot.changeSeq, schemaVersion: await schemaVersionIn(snapshot.db) };
    });
    // Parquet after the transaction: the CSV holds the snapshot, the database is free again.
    if (wants("parquet")) {
      for (const dataset of options.datasets) {
        const csv = wants("csv") ? partialOf(dataset, "csv") : scratchCsvOf(dataset);
        await writeParquetFromCsv(csv, dataset.columns, partialOf(dataset, "parquet"));
        if (!wants("csv")) rmSync(csv, { force: true });
        written.push({ dataset: dataset.name, format: "parquet", path: `${dataset.name}.parquet`, ...(await fileDigest(partialOf(dataset, "parquet"))), rows: rowsOf.get(dataset.name) ?? 0 });
      }
    }
    return finishSnapshot(options, written, { changeSeq, schemaVersion, generatedAt: now().toISOString() });
  } catch (error) {
    cleanUp();
    throw error;
  }
}

/** Rename the complete files, then write the Data Package and, last, the manifest. */
function finishSnapshot(options: SnapshotOptions, written: SnapshotFile[], { changeSeq, schemaVersion, generatedAt }: { changeSeq: number; schemaVersion: string; generatedAt: string }): SnapshotManifest {
  for (const file of written) renameSync(join(options.out, `${file.path}.partial`), join(options.out, file.path));
  const manifest: SnapshotManifest = {
    vangnetVersion: options.version,
    schemaVersion,
    changeSeq: String(changeSeq),
    changeCursor: changeCursorOfSeq(changeSeq),
    generatedAt,
    formats: [...options.formats],
    datasets: options.datasets.map((dataset) => {
      const files = written.filter((file) => file.dataset === dataset.name);
      return { name: dataset.name, rows: files[0]?.rows ?? 0, files: files.map(({ format, path, bytes, sha256 }) => ({ format, path, bytes, sha256 })) };
    }),
  };
  writeFileSync(join(options.out, "datapackage.json"), `${JSON.stringify(dataPackageOf(options.datasets, written, { created: generatedAt, version: options.version, changeSeq }), null, 2)}\n`);
  writeFileSync(join(options.out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
