import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { redactLblodPage } from "../../scrapers/normalise/pii-fields.js";
import { parseLblodPage } from "../../scrapers/parsers/lblod/parse-page.js";

/**
 * Redaction on the seven real publications in ../shared/samples/lblod (never copied into the
 * project). Read by hand (grep for "mevrouw", "de heer", "geboren", "wonende", "rijksregister",
 * "betrokkene", "cliënt"): they name office holders ("de heer David Coppens, voorzitter
 * gemeenteraad" in the Aalst minutes) and programmes ("Housing First", "Buitenschoolse Opvang"),
 * but no aid recipient, birth date, home address or register number. So redaction must change
 * nothing on them.
 */
const samplesDir = process.env.VANGNET_SAMPLES_DIR ?? join(import.meta.dirname, "../../../shared/samples/lblod");
const available = existsSync(samplesDir);
if (!available) console.warn(`\n[vangnet] ${samplesDir} is absent: the redaction conformance tests on real publications are skipped.\n`);

describe.runIf(available)("redaction of real LBLOD publications", () => {
  const files = available ? readdirSync(samplesDir).filter((f) => f.endsWith(".html")) : [];

  it.each(files)("changes nothing in %s, which names no aid recipient", async (file) => {
    const page = await parseLblodPage(readFileSync(join(samplesDir, file), "utf8"), `https://example.org/${file}`);
    expect(redactLblodPage(page)).toEqual(page);
  });

  it("keeps the office holders and programme names of the Aalst minutes", async () => {
    const page = await parseLblodPage(readFileSync(join(samplesDir, "aalst-onlinesmartcities-notulen.html"), "utf8"), "https://example.org/aalst");
    const text = JSON.stringify(redactLblodPage(page));
    expect(text).toContain("de heer David Coppens, voorzitter gemeenteraad");
    expect(text).toContain("Opstart van Housing First trajecten");
    expect(text).toContain("Buitenschoolse Opvang");
  });
});
