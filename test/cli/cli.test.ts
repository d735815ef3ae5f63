import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, runCli } from "../helpers/run-cli.js";

describe("vangnet command line", () => {
  it("prints the usage with --help and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const command of ["start", "serve", "worker", "migrate"]) expect(stdout).toContain(command);
  });

  it.each(["start", "serve", "worker", "migrate"])("has --help for %s", async (command) => {
    const { code, stdout } = await runCli([command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: vangnet ${command}`);
  });

  it("exits 2 with the usage on an unknown command", async () => {
    const { code, stderr, stdout } = await runCli(["scrap"]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "scrap"');
    expect(stderr).toContain("Usage: vangnet <command>");
    expect(stdout).toBe("");
  });

  it("exits 2 with the command's usage on an unknown option", async () => {
    const { code, stderr } = await runCli(["migrate", "--force"]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe("vangnet: unknown option --force");
    expect(stderr).toContain("Usage: vangnet migrate");
    const missing = await runCli(["scrape", "--since"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("vangnet: option --since needs a value (--since VALUE)");
    expect(missing.stderr).toContain("Usage: vangnet scrape");
    const extra = await runCli(["migrate", "now"]);
    expect(extra.stderr.split("\n")[0]).toBe('vangnet: unexpected argument "now"');
  });

  it("names a busy port and how to choose another, without a stack trace", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const dataDir = join(mkdtempSync(join(tmpdir(), "vangnet-port-")), "data");
      const busy = await runCli(["serve", "--port", String(port), "--host", "127.0.0.1"], cleanEnv({ VANGNET_DATA_DIR: dataDir }));
      expect(busy.code).toBe(1);
      expect(busy.stderr.trim()).toBe(
        `vangnet: port ${port} on 127.0.0.1 is already in use by another process; choose another with --port N (or the PORT variable), or stop that process`,
      );
      expect(existsSync(join(dataDir, "vangnet.lock"))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it("exits 2 on a missing command and on a bad --port", async () => {
    expect((await runCli([])).code).toBe(2);
    const badPort = await runCli(["serve", "--port", "eighty"]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a number from 0 to 65535, got "eighty"');
  });

  it("names the variable when the configuration is invalid", async () => {
    const { code, stderr } = await runCli(["migrate"], { ...process.env, DATABASE_URL: "", PORT: "abc" });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT="abc"');
  });

  it("names the file, the entry, the source and the field of a sources file mistake, in one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vangnet-cli-sources-"));
    const sourcesFile = join(dir, "sources.yaml");
    writeFileSync(sourcesFile, "sources:\n  - id: news:new\n    kind: listing\n    name: New\n    startUrl: http://127.0.0.1:9/nieuws\n    config: { list: { item: 3 } }\n");
    const { code, stderr } = await runCli(["sources"], cleanEnv({ VANGNET_SOURCES_FILE: sourcesFile, VANGNET_DATA_DIR: join(dir, "data") }));
    expect(code).toBe(1);
    expect(stderr).toBe(
      `vangnet: ${sourcesFile}: entry 0 (source "news:new", kind listing): invalid configuration: config.list.item: Invalid input: expected string, received number\n`,
    );
  });

  it("prints the version", async () => {
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
