import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCursorOfSeq } from "../../api/changes/change-json.js";
import { bulkDatasets } from "../../db/bulk/datasets.js";
import { MIGRATIONS_FOLDER } from "../../db/migrate.js";
import { latestChangeSeq } from "../../db/queries/change-log.js";
import { syncSources } from "../../db/queries/sources.js";
import { takeSnapshot } from "../../cli/snapshot/take-snapshot.js";
import { type SnapshotManifest, type SnapshotProgress, writeSnapshot } from "../../cli/snapshot/write-snapshot.js";
import { startTestApi } from "../helpers/test-api.js";
import { writeRelease } from "../helpers/document-writes.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");

/** Rows of a DuckDB query, as plain JSON values: how a researcher reads the Parquet files. */
async function readParquet(query: string): Promise<Record<string, string>[]> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(query)).getRowObjectsJson() as Record<string, string>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The Table Schema types (Frictionless Table Schema v1). */
const TABLE_SCHEMA_TYPES = ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"];

interface Field {
  name: string;
  type: string;
  description?: string;
  unit?: string;
}
interface Resource {
  name: string;
  path: string;
  profile: string;
  bytes: number;
  hash: string;
  schema: { fields: Field[]; primaryKey: string[]; foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[] };
}

/** A researcher's snapshot: files from one snapshot, with checksums, counts and a Data Package. */
describe(`vangnet export snapshots (${testDriver})`, () => {
  let db: TestDb;
  let out: string;
  let manifest: SnapshotManifest;
  const progress: SnapshotProgress[] = [];
  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [{ id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} }]);
    const release = (uri: string, nis: string, title: string, text: string) =>
      db.db.transaction((tx) => writeRelease(tx, { uri, sourceId: "news:test", municipalityNis: nis, content: { title, lead: null, text, publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW));
    await release("https://stad.gent/huurpremie", "44021", "Huurpremie, \"verhoogd\"", "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand.\nVoor huurders met een laag inkomen.");
    await release("https://www.brugge.be/kinderopvang", "31005", "Kinderopvang", "Brugge opent 40 extra plaatsen in de kinderopvang.");
    out = mkdtempSync(join(tmpdir(), "vangnet-snapshot-"));
    manifest = await writeSnapshot(db, { out, datasets: bulkDatasets, formats: ["csv", "ndjson", "parquet"], version: "0.1.0", now: () => NOW, onProgress: (step) => progress.push(step) });
  });
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await db?.close();
  });

  it("states the change-log sequence and cursor it is consistent with, and the versions", async () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const lastMigration = journal.entries.at(-1)?.tag;
    expect(manifest.changeSeq).toBe(String(await latestChangeSeq(db.db)));
    expect(manifest.changeCursor).toBe(changeCursorOfSeq(manifest.changeSeq));
    expect(manifest).toMatchObject({ vangnetVersion: "0.1.0", schemaVersion: lastMigration, generatedAt: NOW.toISOString(), formats: ["csv", "ndjson", "parquet"] });
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toEqual(manifest);
  });

  it("reports its progress against the rows it will read: each dataset twice (CSV and Parquet from one COPY, NDJSON by key), up to the total", () => {
    const total = manifest.datasets.reduce((sum, dataset) => sum + 2 * dataset.rows, 0);
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((step) => step.total))).toEqual(new Set([total]));
    expect(progress.map((step) => step.done)).toEqual(progress.map((step) => step.done).sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ dataset: "sources", done: total, total });
    expect(new Set(progress.map((step) => step.dataset))).toEqual(new Set(manifest.datasets.filter((dataset) => dataset.rows > 0).map((dataset) => dataset.name)));
  });

  it("every file's bytes, SHA-256 and rows match the manifest, and the rows match the database", async () => {
    expect(manifest.datasets.map((d) => d.name)).toEqual(bulkDatasets.map((d) => d.name));
    for (const dataset of manifest.datasets) {
      for (const file of dataset.files) {
        const content = readFileSync(join(out, file.path));
        expect(content.length, file.path).toBe(file.bytes);
        expect(createHash("sha256").update(content).digest("hex"), file.path).toBe(file.sha256);
        const rows =
          file.format === "csv"
            ? (parse(content, { columns: true }) as unknown[]).length
            : file.format === "ndjson"
              ? content.toString("utf8").split("\n").filter(Boolean).length
              : Number((await readParquet(`select count(*)::VARCHAR as n from read_parquet('${join(out, file.path)}')`))[0]?.n);
        expect(rows, file.path).toBe(dataset.rows);
      }
    }
    const count = async (table: string) => Number((await db.rows<{ n: string }>(`select count(*)::text as n from ${table}`))[0]?.n);
    const rowsOf = (name: string) => manifest.datasets.find((d) => d.name === name)?.rows;
    expect(rowsOf("documents")).toBe(2);
    expect(rowsOf("municipalities")).toBe(312);
    expect(rowsOf("measures")).toBe(await count("measures"));
    expect(rowsOf("measure_amounts")).toBe(await count("measure_amounts"));
    const gent = (parse(readFileSync(join(out, "documents.csv")), { columns: true }) as Record<string, string>[]).find((row) => row.uri === "https://stad.gent/huurpremie");
    expect(gent?.title).toBe('Huurpremie, "verhoogd"');
    expect(gent?.text).toBe("De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand.\nVoor huurders met een laag inkomen.");
  });

  it("writes Parquet with typed columns, read back by DuckDB equal to the CSV", async () => {
    const types = await readParquet(`select column_name, column_type from (describe select * from read_parquet('${join(out, "measure_amounts.parquet")}'))`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({ id: "BIGINT", measureId: "BIGINT", value: "DECIMAL(14,2)", min: "DECIMAL(14,2)", period: "VARCHAR" });
    const documentTypes = await readParquet(`select column_name, column_type from (describe select * from read_parquet('${join(out, "documents.parquet")}'))`);
    expect(Object.fromEntries(documentTypes.map((t) => [t.column_name, t.column_type]))).toMatchObject({ publishedAt: "TIMESTAMP WITH TIME ZONE", themes: "VARCHAR[]", piiRedacted: "BOOLEAN", revision: "BIGINT" });
    const measures = await readParquet(`select column_name, column_type from (describe select * from read_parquet('${join(out, "measures.parquet")}'))`);
    expect(measures.find((t) => t.column_name === "announcedOn")?.column_type).toBe("DATE");
    // Values equal the CSV's, text with quotes and line breaks included.
    const fromParquet = await readParquet(`select id::VARCHAR as id, title, "text", strftime(publishedAt AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%g') || 'Z' as publishedAt, to_json(themes)::VARCHAR as themes from read_parquet('${join(out, "documents.parquet")}') order by id`);
    const fromCsv = (parse(readFileSync(join(out, "documents.csv")), { columns: true }) as Record<string, string>[]).map((row) => ({ id: row.id, title: row.title, text: row.text, publishedAt: row.publishedAt, themes: row.themes }));
    expect(fromParquet).toEqual(fromCsv);
    const amounts = await readParquet(`select "value"::VARCHAR as v, period from read_parquet('${join(out, "measure_amounts.parquet")}')`);
    expect(amounts).toContainEqual({ v: "150.00", period: "month" });
  });

  it("writes a Data Package that keeps the Frictionless table-schema rules", () => {
    const dataPackage = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as { profile: string; name: string; resources: Resource[] };
    expect(dataPackage.profile).toBe("tabular-data-package");
    expect(dataPackage.name).toMatch(/^[a-z0-9._-]+$/);
    const resources = new Map(dataPackage.resources.map((resource) => [resource.name, resource]));
    expect(resources.size).toBe(bulkDatasets.length);
    for (const resource of dataPackage.resources) {
      expect(resource.name).toMatch(/^[a-z0-9._-]+$/);
      expect(resource.profile).toBe("tabular-data-resource");
      const content = readFileSync(join(out, resource.path));
      expect(resource.bytes).toBe(content.length);
      expect(resource.hash).toBe(`sha256:${createHash("sha256").update(content).digest("hex")}`);
      const names = resource.schema.fields.map((field) => field.name);
      expect(new Set(names).size, resource.name).toBe(names.length);
      // The CSV header is the schema's field list, in order.
      expect(content.toString("utf8").split("\r\n")[0], resource.name).toBe(names.join(","));
      for (const field of resource.schema.fields) {
        expect(TABLE_SCHEMA_TYPES, `${resource.name}.${field.name}`).toContain(field.type);
        expect(field.description, `${resource.name}.${field.name}`).toBeTruthy();
      }
      for (const key of resource.schema.primaryKey) expect(names, resource.name).toContain(key);
      for (const foreignKey of resource.schema.foreignKeys ?? []) {
        expect(names).toContain(foreignKey.fields);
        const target = resources.get(foreignKey.reference.resource);
        expect(target, `${resource.name} → ${foreignKey.reference.resource}`).toBeDefined();
        expect(target?.schema.fields.map((field) => field.name)).toContain(foreignKey.reference.fields);
      }
    }
    const amounts = resources.get("measure_amounts");
    expect(amounts?.schema.fields.find((field) => field.name === "value")).toMatchObject({ type: "number", unit: "EUR" });
    expect(amounts?.schema.foreignKeys).toContainEqual({ fields: "measureId", reference: { resource: "measures", fields: "id" } });
    expect(resources.get("document_themes")?.schema.primaryKey).toEqual(["documentId", "theme"]);
  });
});

/** Nightly snapshots: a directory each, the newest served at /bulk/snapshots/latest/, old ones pruned. */
describe(`scheduled snapshots (${testDriver})`, () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), "vangnet-snapshots-"));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.close();
  });

  // Two whole snapshots (every dataset in three formats): more than the default 30 s on a loaded 2-core machine.
  it("takes a snapshot into a directory named by time and sequence, keeps the newest, removes what a killed run left", { timeout: 120_000 }, async () => {
    mkdirSync(join(dir, "2026-01-01T00-00-00Z-seq0.partial"));
    const first = await takeSnapshot(db, { dir, keep: 1, version: "0.1.0", now: () => new Date("2026-11-29T03:30:00Z") });
    expect(first.name).toBe(`2026-11-29T03-30-00Z-seq${await latestChangeSeq(db.db)}`);
    const second = await takeSnapshot(db, { dir, keep: 1, version: "0.1.0", now: () => new Date("2026-11-30T03:30:00Z") });
    expect(second.removed).toEqual([first.name]);
    expect(readdirSync(dir)).toEqual([second.name]);
    expect(readdirSync(join(dir, second.name)).sort()).toContain("documents.parquet");
  });

  it("serves the latest snapshot's files and lists them with their sizes in /bulk/", async () => {
    const api = await startTestApi(db, { snapshotDir: dir });
    try {
      const listing = (await (await fetch(`${api.url}/bulk/`)).json()) as { latestSnapshot: { generatedAt: string; files: { path: string; bytes: number; url: string }[] } };
      expect(listing.latestSnapshot.generatedAt).toBe("2026-11-30T03:30:00.000Z");
      const csv = listing.latestSnapshot.files.find((file) => file.path === "municipalities.csv");
      expect(csv?.url).toBe(`${api.url}/bulk/snapshots/latest/municipalities.csv`);
      const [name] = readdirSync(dir);
      const onDisk = readFileSync(join(dir, name as string, "municipalities.csv"));
      expect(csv?.bytes).toBe(onDisk.length);
      const served = await fetch(csv?.url as string);
      expect(served.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
      expect(Buffer.from(await served.arrayBuffer()).equals(onDisk)).toBe(true);
      expect((await fetch(`${api.url}/bulk/snapshots/latest/manifest.json`)).status).toBe(200);
      for (const bad of ["nope.csv", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2Fmanifest.json"]) expect((await fetch(`${api.url}/bulk/snapshots/latest/${bad}`)).status, bad).toBe(404);
    } finally {
      await api.close();
    }
  });
});
