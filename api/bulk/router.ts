import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { finished, pipeline } from "node:stream/promises";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { type Request, type RequestHandler, type Response, Router } from "express";
import type { Logger } from "pino";
import type { DbHandle } from "../../db/client.js";
import { countBulkDatasets } from "../../db/bulk/dataset-counts.js";
import { type BulkDataset, bulkDataset, bulkDatasets } from "../../db/bulk/datasets.js";
import { type BulkFilter, exportDataset, exportDatasetCsvIn, inBulkSnapshot } from "../../db/bulk/export-dataset.js";
import { latestChangeSeq } from "../../db/queries/change-log.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import { sendJsonError } from "../http-errors.js";
import type { RateLimitGateOptions } from "../rate-limit.js";
import { bulkFormats, type BulkFormatName } from "./bulk-formats.js";
import { QueryParameterError } from "../query-parameters.js";
import { readBulkQuery } from "./bulk-query.js";
import { writeParquetFromCsv } from "./parquet-writer.js";
import { latestSnapshot, latestSnapshotFile } from "./snapshot-store.js";

const FORMAT_NAMES = Object.keys(bulkFormats) as BulkFormatName[];

/** Points an export spends of the caller's rate-limit budget: a large answer, as a GraphQL query of cost 4 901–5 000. */
export const BULK_EXPORT_POINTS = 50;

export interface BulkRouterOptions {
  db: () => DbHandle | undefined;
  /** Directory of scheduled snapshots; none served when absent. */
  snapshotDir?: string | undefined;
  /**
   * Most exports running at once (each holds a database connection for as long as its client
   * downloads); beyond, 503 with Retry-After. 3 when absent.
   */
  maxConcurrentExports?: number | undefined;
  municipalities: MunicipalityRegister;
  logger: Logger;
  createRateLimitGate?: (options: RateLimitGateOptions) => RequestHandler;
}


/** Write a chunk, waiting while the client (or the gzip stream) has not taken the last. */
async function write(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!chunk.length) return;
  if (out.destroyed) throw new ClientGone();
  if (!out.write(chunk)) {
    // One pair of listeners per wait, removed again (events.once in a race would leave the loser's).
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off("drain", done);
        out.off("close", done);
        resolve();
      };
      out.on("drain", done);
      out.on("close", done);
      // Closed before the listeners were there: no event will come.
      if (out.destroyed) done();
    });
  }
  if (out.destroyed) throw new ClientGone();
}

/** The client closed the connection during an export: it is abandoned, nothing to report. */
class ClientGone extends Error {
  constructor() {
    super("the client went away");
  }
}

/**
 * Bulk downloads: `/bulk/` lists the datasets; `/bulk/{dataset}.{csv|ndjson|parquet}` serves one from
 * the database in one snapshot, batch by batch (constant memory), gzipped when the client accepts
 * it, with the change-log sequence it is consistent with (`X-Vangnet-Change-Seq`) and an ETag from
 * it; `HEAD` answers the headers without running the export.
 */
export function createBulkRouter(options: BulkRouterOptions): Router {
  const router = Router();
  const database = () => options.db() as DbHandle;
  const maxExports = options.maxConcurrentExports ?? 3;
  let running = 0;
  const ready: RequestHandler = (_req, res, next) => {
    if (options.db()) return next();
    sendJsonError(res, 503, "The database is not ready yet; try again in a moment.", "SERVICE_UNAVAILABLE", { "Retry-After": "2" });
  };
  const gate = (points: number): RequestHandler[] => (options.createRateLimitGate ? [ready, options.createRateLimitGate({ points, refuse: sendJsonError })] : [ready]);
  const baseUrlOf = (req: Request) => `${req.protocol}://${req.get("host") ?? "localhost"}`;

  /**
   * A Parquet file has its index at the end: the snapshot's CSV goes to a temporary file first,
   * DuckDB turns it into Parquet (with bounded memory), which is sent with its length and removed.
   */
  async function sendParquet(res: Response, dataset: BulkDataset, filter: BulkFilter, headersFor: (seq: number) => Record<string, string>): Promise<void> {
    const workDir = mkdtempSync(join(tmpdir(), "vangnet-bulk-"));
    const csvPath = join(workDir, `${dataset.name}.csv`);
    const path = join(workDir, `${dataset.name}.parquet`);
    try {
      const seq = await inBulkSnapshot(database(), async (snapshot) => {
        const file = createWriteStream(csvPath);
        try {
          await exportDatasetCsvIn(snapshot, dataset, filter, (chunk) => write(file, chunk));
        } finally {
          file.end();
          await finished(file);
        }
        return snapshot.changeSeq;
      });
      await writeParquetFromCsv(csvPath, dataset.columns, path);
      res.status(200).set({ ...headersFor(seq), "Content-Length": String(statSync(path).size) });
      await pipeline(createReadStream(path), res);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }

  // A snapshot file from disk is cheap: one point, and Express sends it with its length, ETag and ranges.
  router.get("/bulk/snapshots/latest/:file", ...gate(1), (req, res) => {
    const path = options.snapshotDir ? latestSnapshotFile(options.snapshotDir, String(req.params.file)) : undefined;
    if (!path) return sendJsonError(res, 404, options.snapshotDir ? `The latest snapshot has no file ${JSON.stringify(req.params.file)}; /bulk/ lists its files.` : "This server keeps no snapshots (VANGNET_SNAPSHOT_DIR is not set).", "NOT_FOUND");
    res.set({ "Content-Disposition": `attachment; filename="${basename(path)}"`, "Cache-Control": "no-cache" });
    const format = FORMAT_NAMES.find((name) => path.endsWith(`.${name}`));
    if (format) res.type(bulkFormats[format].contentType);
    res.sendFile(path);
  });

  // The landing page asks with HEAD whether bulk files are served: answered without counting rows.
  router.head(["/bulk", "/bulk/"], ...gate(1), (_req, res) => {
    res.status(200).type("application/json").set("Cache-Control", "no-cache").end();
  });

  router.get(["/bulk", "/bulk/"], ...gate(1), async (req, res) => {
    try {
      const { counts, changeSeq } = await countBulkDatasets(database().db);
      const base = baseUrlOf(req);
      const snapshot = options.snapshotDir ? latestSnapshot(options.snapshotDir) : undefined;
      res.set("Cache-Control", "no-cache").json({
        changeSeq: String(changeSeq),
        latestSnapshot: snapshot
          ? {
              generatedAt: snapshot.manifest.generatedAt,
              changeSeq: snapshot.manifest.changeSeq,
              changeCursor: snapshot.manifest.changeCursor,
              manifest: `${base}/bulk/snapshots/latest/manifest.json`,
              dataPackage: `${base}/bulk/snapshots/latest/datapackage.json`,
              files: snapshot.manifest.datasets.flatMap((dataset) => dataset.files.map((file) => ({ dataset: dataset.name, rows: dataset.rows, ...file, url: `${base}/bulk/snapshots/latest/${file.path}` }))),
            }
          : null,
        formats: FORMAT_NAMES,
        datasets: bulkDatasets.map((dataset) => ({
          name: dataset.name,
          description: dataset.description,
          rows: counts.get(dataset.name) ?? 0,
          links: Object.fromEntries(FORMAT_NAMES.map((format) => [format, `${base}/bulk/${dataset.name}.${format}`])),
          filters: Object.keys(dataset.filterOn).flatMap((filter) => (filter === "date" ? ["since", "until"] : filter === "themes" ? ["theme"] : filter === "municipality" ? ["municipality", "province"] : [filter])),
          columns: dataset.columns.map(({ name, type, description, unit }) => ({ name, type, description, ...(unit ? { unit } : {}) })),
        })),
      });
    } catch (error) {
      options.logger.error({ err: error }, "could not list the bulk datasets");
      sendJsonError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
    }
  });

  router.all("/bulk/:file", ...gate(BULK_EXPORT_POINTS), async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return sendJsonError(res, 405, "Bulk files are read with GET or HEAD.", "METHOD_NOT_ALLOWED", { Allow: "GET, HEAD" });
    const match = /^([a-z_]+)\.([a-z]+)$/.exec(String(req.params.file));
    const dataset = match ? bulkDataset(match[1] as string) : undefined;
    if (!match || !dataset) return sendJsonError(res, 404, `No dataset ${JSON.stringify(req.params.file)}; /bulk/ lists them: ${bulkDatasets.map((d) => d.name).join(", ")}.`, "NOT_FOUND");
    const formatName = match[2] as BulkFormatName;
    if (!FORMAT_NAMES.includes(formatName)) return sendJsonError(res, 404, `No format ${JSON.stringify(formatName)}; the formats are ${FORMAT_NAMES.join(", ")}.`, "NOT_FOUND");
    const parquet = formatName === "parquet";
    let canonical: string;
    let filter;
    try {
      ({ filter, canonical } = readBulkQuery(req.query as Record<string, unknown>, dataset, options.municipalities));
    } catch (error) {
      if (error instanceof QueryParameterError) return res.status(400).set("Cache-Control", "no-store").json({ error: "bad_parameter", parameter: error.parameter, message: error.message });
      throw error;
    }
    // Parquet compresses its own columns.
    const gzip = !parquet && req.acceptsEncodings("gzip", "identity") === "gzip";
    const etagOf = (seq: number) => `W/"${seq}-${Buffer.from(`${dataset.name}.${formatName}?${canonical}`).toString("base64url")}"`;
    const headersFor = (seq: number) => ({
      "Content-Type": bulkFormats[formatName].contentType,
      "Content-Disposition": `attachment; filename="vangnet-${dataset.name}${canonical ? "-filtered" : ""}-seq${seq}.${formatName}"`,
      "X-Vangnet-Change-Seq": String(seq),
      ETag: etagOf(seq),
      "Cache-Control": "no-cache",
      Vary: "Accept-Encoding",
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    });
    // A GET takes a place before it asks the database anything: on PGlite a running export holds
    // the only connection, and the refusal must not wait for it.
    if (req.method === "GET") {
      if (running >= maxExports) {
        return sendJsonError(res, 503, `${running} exports are running, the most this server runs at once; try again in a moment${options.snapshotDir ? ", or download the latest snapshot (/bulk/ lists its files)" : ""}.`, "SERVICE_UNAVAILABLE", { "Retry-After": "10" });
      }
      running++;
      // The place is free again once the answer is sent or the client has gone, whichever is first.
      let released = false;
      const release = () => {
        if (!released) running--;
        released = true;
      };
      res.once("finish", release);
      res.once("close", release);
    }
    try {
      // The export would be consistent with the log's head as it is now: HEAD and conditional GETs need nothing more.
      const head = await latestChangeSeq(database().db);
      if (req.method === "HEAD") return res.status(200).set(headersFor(head)).end();
      if (req.get("if-none-match") === etagOf(head)) return res.status(304).set({ ETag: etagOf(head), "X-Vangnet-Change-Seq": String(head) }).end();
      if (parquet) return await sendParquet(res, dataset, filter, headersFor);
      let out: Writable = res;
      const begin = (seq: number) => {
        res.status(200).set(headersFor(seq));
        if (gzip) {
          const compressor = createGzip();
          compressor.pipe(res);
          res.once("close", () => compressor.destroy());
          out = compressor;
        }
      };
      if (formatName === "csv") {
        await inBulkSnapshot(database(), async (snapshot) => {
          begin(snapshot.changeSeq);
          await exportDatasetCsvIn(snapshot, dataset, filter, (chunk) => write(out, chunk));
        });
      } else {
        await exportDataset(database(), dataset, filter, { begin, rows: (batch) => write(out, bulkFormats.ndjson.batch(dataset.columns, batch)) });
      }
      out.end();
    } catch (error) {
      if (res.destroyed || error instanceof ClientGone) return;
      options.logger.error({ err: error, dataset: dataset.name }, "a bulk export failed");
      if (res.headersSent) res.destroy(error as Error);
      else sendJsonError(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
    }
  });

  return router;
}
