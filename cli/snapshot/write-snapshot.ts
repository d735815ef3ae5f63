import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { bulkFormats, type BulkFormatName } from "../../api/bulk/bulk-formats.js";
import { openParquetWriter } from "../../api/bulk/parquet-writer.js";
import { changeCursorOfSeq } from "../../api/changes/change-json.js";
import type { Database } from "../../db/client.js";
import type { BulkDataset } from "../../db/bulk/datasets.js";
import { exportDatasetIn, inBulkSnapshot, schemaVersionIn } from "../../db/bulk/export-dataset.js";
import { dataPackageOf, type SnapshotFile } from "./data-package.js";

export type SnapshotFormat = BulkFormatName | "parquet";

export interface SnapshotOptions {
  out: string;
  datasets: readonly BulkDataset[];
  formats: readonly SnapshotFormat[];
  version: string;
  /** Rows written so far of a dataset, for a progress line. */
  onProgress?: (dataset: string, rows: number) => void;
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

  async write(text: string): Promise<void> {
    if (!text) return;
    const chunk = Buffer.from(text, "utf8");
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
 * Files are written under `.partial` names and renamed once complete, the manifest last: a killed
 * export leaves no file that looks finished.
 */
export async function writeSnapshot(db: Database, options: SnapshotOptions): Promise<SnapshotManifest> {
  mkdirSync(options.out, { recursive: true });
  const now = options.now ?? (() => new Date());
  const written: SnapshotFile[] = [];
  const { changeSeq, schemaVersion } = await inBulkSnapshot(db, async (tx, seq) => {
    for (const dataset of options.datasets) {
      const textFormats = options.formats.filter((format): format is BulkFormatName => format !== "parquet");
      const writers = textFormats.map((format) => ({ format, writer: new SnapshotFileWriter(join(options.out, `${dataset.name}.${format}`)) }));
      const parquetPath = join(options.out, `${dataset.name}.parquet`);
      const parquet = options.formats.includes("parquet") ? await openParquetWriter(dataset.columns) : null;
      try {
        for (const { format, writer } of writers) await writer.write(bulkFormats[format].header(dataset.columns));
        let rows = 0;
        await exportDatasetIn(tx, dataset, {}, async (batch) => {
          for (const { format, writer } of writers) await writer.write(bulkFormats[format].batch(dataset.columns, batch));
          await parquet?.append(batch);
          rows += batch.length;
          options.onProgress?.(dataset.name, rows);
        });
        for (const { format, writer } of writers) {
          const sha256 = await writer.close();
          written.push({ dataset: dataset.name, format, path: `${dataset.name}.${format}`, bytes: writer.bytes, sha256, rows });
        }
        if (parquet) {
          await parquet.finish(`${parquetPath}.partial`);
          written.push({ dataset: dataset.name, format: "parquet", path: `${dataset.name}.parquet`, ...(await fileDigest(`${parquetPath}.partial`)), rows });
        }
      } catch (error) {
        parquet?.abort();
        for (const { writer } of writers) rmSync(`${writer.path}.partial`, { force: true });
        rmSync(`${parquetPath}.partial`, { force: true });
        throw error;
      }
    }
    return { changeSeq: seq, schemaVersion: await schemaVersionIn(tx) };
  });
  for (const file of written) renameSync(join(options.out, `${file.path}.partial`), join(options.out, file.path));
  const generatedAt = now().toISOString();
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
