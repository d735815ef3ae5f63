import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layers hold because lint fails on a crossing: each boundary of eslint.config.js, tried on a
 * one-line module placed in the layer (nothing is written to disk).
 */
const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = value;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer boundaries (ESLint no-restricted-imports)", () => {
  it.each([
    ["api/resolvers/x.ts", 'import { value } from "../../scrapers/run-source.js";', /api\/ reads what scrapers stored/],
    ["api/x.ts", 'import { sql as value } from "drizzle-orm";', /SQL lives in db\//],
    ["scrapers/x.ts", 'import { value } from "../cli/logger.js";', /scrapers\/ are run by cli\//],
    ["scrapers/normalise/x.ts", 'import { eq as value } from "drizzle-orm";', /SQL lives in db\//],
    ["cli/commands/x.ts", 'import { eq as value } from "drizzle-orm";', /SQL lives in db\//],
    ["schema/x.ts", 'import { value } from "../db/client.js";', /schema\/ is the public contract/],
    ["schema/x.ts", 'import { value } from "../scrapers/source.js";', /schema\/ imports nothing of scrapers/],
    ["db/queries/x.ts", 'import { value } from "../../scrapers/normalise/analyse.js";', /db\/ takes what it needs from scrapers/],
  ])("%s: %s is refused", async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each([
    ["db/queries/x.ts", 'import { eq as value } from "drizzle-orm";'],
    ["scrapers/x.ts", 'import { value } from "../db/queries/documents.js";'],
    ["api/x.ts", 'import { value } from "../schema/change-events.js";'],
    ["cli/x.ts", 'import { value } from "../scrapers/run-source.js";'],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
