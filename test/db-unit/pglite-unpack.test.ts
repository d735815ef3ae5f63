import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { beforeAll, describe, expect, it } from "vitest";
import { unpackPgliteTemplate } from "../../db/pglite-unpack.js";

/**
 * A new PGlite directory starts from the build's template, unpacked in a child process (issue 16:
 * the memory unpacking takes must not stay with `vangnet serve`). A small template of our own
 * stands in for the build's.
 */
describe("unpacking the PGlite template into a new data directory", () => {
  let root: string;
  let template: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "vangnet-unpack-"));
    const db = await PGlite.create();
    await db.exec("create table marker (answer int); insert into marker values (42);");
    const dump = await db.dumpDataDir("gzip");
    await db.close();
    template = join(root, "template.tar.gz");
    writeFileSync(template, Buffer.from(await dump.arrayBuffer()));
  }, 60_000);

  const answerIn = async (dataDir: string) => {
    const db = await PGlite.create(dataDir);
    try {
      return (await db.query<{ answer: number }>("select answer from marker")).rows[0]?.answer;
    } finally {
      await db.close();
    }
  };

  it("fills the directory with the template's database and leaves no staging directory", async () => {
    const dataDir = join(root, "fresh");
    mkdirSync(dataDir);
    await unpackPgliteTemplate(dataDir, template, "8MB");
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
    expect(existsSync(`${dataDir}.unpacking`)).toBe(false);
    expect(await answerIn(dataDir)).toBe(42);
  }, 60_000);

  it("unpacks again over a directory a killed process left without PG_VERSION, keeping the files of others", async () => {
    const dataDir = join(root, "half");
    mkdirSync(join(dataDir, "base"), { recursive: true });
    writeFileSync(join(dataDir, "base", "leftover"), "half-written");
    writeFileSync(join(dataDir, "vangnet.lock"), "lock of the process that opens it");
    mkdirSync(`${dataDir}.unpacking`);
    await unpackPgliteTemplate(dataDir, template, undefined);
    expect(readdirSync(join(dataDir, "base"))).not.toContain("leftover");
    expect(existsSync(join(dataDir, "vangnet.lock"))).toBe(true);
    expect(await answerIn(dataDir)).toBe(42);
  }, 60_000);

  it("says which directory could not be made from a template that is not one, and leaves it without PG_VERSION", async () => {
    const dataDir = join(root, "broken");
    mkdirSync(dataDir);
    const notATemplate = join(root, "not-a-template.tar.gz");
    writeFileSync(notATemplate, "this is not a gzip file");
    await expect(unpackPgliteTemplate(dataDir, notATemplate, undefined)).rejects.toThrow(`could not unpack the database template into ${dataDir}`);
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(false);
  }, 60_000);
});
