import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, runCli } from "../helpers/run-cli.js";

/** `vangnet export` as a researcher runs it, on an embedded database of its own. */
describe("vangnet export", () => {
  const root = mkdtempSync(join(tmpdir(), "vangnet-export-cli-"));
  const env = cleanEnv({ VANGNET_DATA_DIR: join(root, "data") });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes the chosen datasets, the manifest and the Data Package, and says where to follow the changes", async () => {
    const out = join(root, "snapshot");
    const result = await runCli(["export", "--out", out, "--datasets", "municipalities,themes", "--format", "csv"], env);
    expect(result.stderr).toContain("municipalities: 312 rows\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: 2 datasets consistent with change 0; follow changes\(after: "[A-Za-z0-9_-]+"\)\n$/);
    expect(readdirSync(out).sort()).toEqual(["datapackage.json", "manifest.json", "municipalities.csv", "themes.csv"]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { datasets: { name: string; rows: number }[] };
    expect(manifest.datasets.map((d) => [d.name, d.rows])).toEqual([
      // Both taxonomy versions: v1's 12 themes and v2's 17 (db/reference/taxonomies.ts).
      ["themes", 29],
      ["municipalities", 312],
    ]);
    expect(readFileSync(join(out, "municipalities.csv"), "utf8").split("\r\n")[0]).toBe("nis,name,provinceCode,validFrom,validTo,successorNis");
  });

  it("refuses an unknown dataset or format, or no --out, with the usage", async () => {
    const unknown = await runCli(["export", "--out", join(root, "x"), "--datasets", "documents,nope"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^vangnet: unknown dataset "nope"; the datasets are documents, council_decisions/);
    expect(existsSync(join(root, "x", "manifest.json"))).toBe(false);
    const format = await runCli(["export", "--out", join(root, "x"), "--format", "xlsx"], env);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format takes csv, ndjson and\/or parquet, got "xlsx"/);
    const noOut = await runCli(["export"], env);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out DIR is required[\s\S]*Usage: vangnet export/);
  });
});
