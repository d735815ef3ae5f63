import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirInUseError, lockDataDir } from "../../db/data-dir-lock.js";

describe("the PGlite data-directory lock", () => {
  it("lets one holder in, refuses a second live process, and is released", () => {
    const dir = mkdtempSync(join(tmpdir(), "vangnet-lock-"));
    const release = lockDataDir(dir);
    // Pretend another live process (our parent) holds it.
    writeFileSync(join(dir, "vangnet.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${process.ppid}`));
    release();
    expect(existsSync(join(dir, "vangnet.lock"))).toBe(false);
  });

  it("takes over a lock left by a process that was killed", () => {
    const dir = mkdtempSync(join(tmpdir(), "vangnet-lock-"));
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid as number;
    writeFileSync(join(dir, "vangnet.lock"), String(dead));
    const release = lockDataDir(dir);
    release();
  });
});
