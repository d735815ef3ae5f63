import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, runCli, VANGNET_BIN } from "../helpers/run-cli.js";

const text =
  "Borsbeek en de stad Gent trekken het budget voor huursubsidie op van 1,2 naar 1,8 miljoen euro per jaar. " +
  "Abonneer je nu voor € 9,99 per maand.";

function runWithStdin(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VANGNET_BIN, ...args], { env: cleanEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("vangnet analyse", () => {
  it("prints municipalities, themes and amounts of a file as JSON, resolving merged municipalities by --date", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vangnet-analyse-"));
    const file = join(dir, "text.txt");
    writeFileSync(file, text);
    const { code, stdout, stderr } = await runCli(["analyse", file, "--date", "2026-02-01"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    // Borsbeek merged into Antwerpen on 2025-01-01.
    expect(result.municipalities.map((m: { nis: string }) => m.nis).sort()).toEqual(["11002", "44021"]);
    expect(result.themes.map((t: { code: string }) => t.code)).toEqual(["housing"]);
    expect(result.themes[0].evidence.text).toBe(text.split(". ")[0] + ".");
    // The subscription price is no amount; the change is one amount of 1 800 000 euro, up from 1 200 000.
    expect(result.amounts).toEqual([
      { value: 1_800_000, currency: "EUR", period: "year", text: "1,2 naar 1,8 miljoen euro", start: 69, end: 94, previous: 1_200_000 },
    ]);
    expect(text.slice(69, 94)).toBe("1,2 naar 1,8 miljoen euro");
    expect(result.measures.map((m: { municipality: string; theme: string; action: string }) => [m.municipality, m.theme, m.action])).toEqual([
      ["11002", "housing", "increase"],
      ["44021", "housing", "increase"],
    ]);
    for (const key of ["quantities", "dates", "exchanges", "pii"]) expect(Array.isArray(result[key])).toBe(true);
  });

  it("reads standard input with -", async () => {
    const { code, stdout } = await runWithStdin(["analyse", "-", "--date", "2023-05-01"], "Borsbeek opent een sociale kruidenier.");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.municipalities).toEqual([{ nis: "11007", name: "Borsbeek", mentions: 1 }]);
    expect(result.themes.map((t: { code: string }) => t.code)).toEqual(["food_aid"]);
  });

  it("rejects a bad date, a bad NIS code and a missing file with exit 2", async () => {
    expect((await runCli(["analyse", "-", "--date", "2024-02-31"])).stderr).toContain("--date must be a date YYYY-MM-DD");
    expect((await runCli(["analyse", "-", "--municipality", "Gent"])).code).toBe(2);
    const missing = await runCli(["analyse", "/nonexistent/file.txt"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read /nonexistent/file.txt");
  });
});
