import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeSnapshot } from "../../cli/snapshot/take-snapshot.js";
import { createDb, type DbHandle } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { syncSources } from "../../db/queries/sources.js";
import { writeRelease } from "../helpers/document-writes.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";

// The README's Python recipe, run as a researcher would: pandas and pyarrow read the latest
// snapshot's Parquet files from the API, then the change feed brings them up to date. It needs
// python3 with pandas and pyarrow; without them it says so and does not run.
const python = spawnSync("python3", ["-c", "import pandas, pyarrow"], { encoding: "utf8" });
const pythonReady = python.status === 0;
if (!pythonReady) console.warn("\n[vangnet] python3 with pandas and pyarrow is absent: the README's Python recipe is not run.\n");

const NOW = new Date("2026-11-30T12:00:00Z");

/** The recipe's code block from README.md, pointed at `base`. */
function readmeRecipe(base: string): string {
  const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("**Recipe: a snapshot kept current by the change feed**"));
  const block = /```python\n([\s\S]*?)\n\s*```/.exec(section)?.[1];
  if (!block) throw new Error("README.md has no Python recipe after its heading");
  const code = block.replace(/^ {2}/gm, "");
  if (!code.includes('BASE = "http://localhost:4000"')) throw new Error("the recipe no longer sets BASE as expected");
  return code.replace('BASE = "http://localhost:4000"', `BASE = ${JSON.stringify(base)}`);
}

/** Run Python code (asynchronously: the API it calls runs in this process) and parse its last line as JSON. */
async function runPython(code: string): Promise<Record<string, unknown>> {
  const child = spawn("python3", ["-c", code], { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const [status] = (await once(child, "close")) as [number | null];
  if (status !== 0) throw new Error(`python3 failed (${status}):\n${stderr}`);
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null") as Record<string, unknown>;
}

describe.skipIf(!pythonReady)("the README's Python recipe (pandas, pyarrow)", () => {
  let db: DbHandle;
  let api: TestApi;
  let dir: string;
  const release = (uri: string, title: string, text: string) =>
    db.db.transaction((tx) => writeRelease(tx, { uri, sourceId: "news:test", municipalityNis: "44021", content: { title, lead: null, text, publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW));

  beforeAll(async () => {
    db = await createDb({ dataDir: "memory://" });
    await migrate(db);
    await syncSources(db.db, [{ id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} }]);
    await release("https://stad.gent/huurpremie", "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand.");
    await release("https://stad.gent/kruidenier", "Sociale kruidenier", "Gent opent een sociale kruidenier voor gezinnen in armoede.");
    dir = mkdtempSync(join(tmpdir(), "vangnet-recipe-"));
    await takeSnapshot(db, { dir, keep: 2, version: "0.1.0" });
    // After the snapshot: one new document and one changed title.
    await release("https://stad.gent/nachtopvang", "Nachtopvang", "Gent opent een nachtopvang voor daklozen.");
    await release("https://stad.gent/huurpremie", "Huurpremie verhoogd", "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand.");
    api = await startTestApi(db, { snapshotDir: dir });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads the snapshot's typed Parquet files with pandas", async () => {
    const types = await runPython(`
import json, pandas as pd
docs = pd.read_parquet(${JSON.stringify(`${api.url}/bulk/snapshots/latest/documents.parquet`)})
amounts = pd.read_parquet(${JSON.stringify(`${api.url}/bulk/snapshots/latest/measure_amounts.parquet`)})
print(json.dumps({"rows": len(docs), "publishedAt": str(docs["publishedAt"].dtype), "id": str(docs["id"].dtype),
  "themes": [list(t) for t in docs["themes"]], "value": type(amounts["value"].iloc[0]).__name__, "values": [str(v) for v in amounts["value"]]}))`);
    expect(types.rows).toBe(2);
    expect(types.publishedAt).toMatch(/^datetime64\[(us|ns), UTC\]$/);
    expect(types.id).toBe("int64");
    expect(types.themes).toContainEqual(["housing"]);
    // DECIMAL(14,2) arrives as Python's Decimal, cents exact.
    expect(types.value).toBe("Decimal");
    expect(types.values).toContain("150.00");
  });

  it("loads the latest snapshot and follows the change feed to the live state", async () => {
    const state = await runPython(`${readmeRecipe(api.url)}
print(json.dumps({"uris": sorted(docs.index), "titles": {uri: str(row["title"]) for uri, row in docs.iterrows()}}))`);
    expect(state.uris).toEqual(["https://stad.gent/huurpremie", "https://stad.gent/kruidenier", "https://stad.gent/nachtopvang"]);
    expect(state.titles).toEqual({ "https://stad.gent/huurpremie": "Huurpremie verhoogd", "https://stad.gent/kruidenier": "Sociale kruidenier", "https://stad.gent/nachtopvang": "Nachtopvang" });
  });
});
