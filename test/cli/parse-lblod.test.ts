import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

/** `vangnet parse lblod` on pages that are no LBLOD publication (test/fixtures/lblod-quirks). */
const fixture = (name: string) => join(import.meta.dirname, "../fixtures/lblod-quirks", name);

describe("vangnet parse lblod on input it cannot read", () => {
  it.each([
    ["empty.html", "the page is empty (0 bytes)"],
    ["pdf-saved-as-notulen.html", "the body is a PDF document, not a text page"],
    ["no-rdfa.html", "no LBLOD content: expected RDFa sessions, agenda items, decisions or publication links, found none"],
  ])("%s: says why on standard error, prints nothing and exits 1", async (name, reason) => {
    const { code, stdout, stderr } = await runCli(["parse", "lblod", fixture(name)]);
    expect(stderr).toBe(`vangnet parse lblod: ${fixture(name)}: ${reason}\n`);
    expect(stdout).toBe("");
    expect(code).toBe(1);
  });

  it("prints a page it can read, with the repairs it needed, and exits 0", async () => {
    const { code, stdout } = await runCli(["parse", "lblod", fixture("iri-with-space.html")]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { agendaItems: unknown[]; repairs: { kind: string; count: number }[] };
    expect(printed.agendaItems).toHaveLength(2);
    expect(printed.repairs).toMatchObject([{ kind: "iri", count: 6 }]);
  });
});
