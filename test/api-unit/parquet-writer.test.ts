import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeParquetFromCsv } from "../../api/bulk/parquet-writer.js";
import type { BulkColumn } from "../../db/bulk/datasets.js";

const columns: BulkColumn[] = [
  { name: "id", sql: "t.id", type: "integer", description: "id" },
  { name: "value", sql: "t.value", type: "decimal", description: "euro", unit: "EUR" },
];

describe("the Parquet converter (a child process)", () => {
  const dir = mkdtempSync(join(tmpdir(), "vangnet-parquet-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a file that starts and ends with PAR1", async () => {
    writeFileSync(join(dir, "ok.csv"), "id,value\r\n1,-12.50\r\n2,\r\n");
    await writeParquetFromCsv(join(dir, "ok.csv"), columns, join(dir, "ok.parquet"));
    const bytes = readFileSync(join(dir, "ok.parquet"));
    expect([bytes.subarray(0, 4).toString("latin1"), bytes.subarray(-4).toString("latin1")]).toEqual(["PAR1", "PAR1"]);
  });

  it("fails with DuckDB's reason and the file it read, leaving no Parquet file", async () => {
    writeFileSync(join(dir, "bad.csv"), "id,value\r\n1,twaalf euro\r\n");
    await expect(writeParquetFromCsv(join(dir, "bad.csv"), columns, join(dir, "bad.parquet"))).rejects.toThrow(/the Parquet conversion of .*bad\.csv failed \(exit code 1\): .*twaalf euro/s);
    expect(existsSync(join(dir, "bad.parquet"))).toBe(false);
  });
});
