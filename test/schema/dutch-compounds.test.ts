import { describe, expect, it } from "vitest";
import { dutchCompoundSplitter, searchTermsOf } from "../../schema/dutch-compounds.js";

/** Expected parts are Dutch word formation as a reader splits it, not the splitter's output. */
describe("Dutch compounds for search", () => {
  const splitter = dutchCompoundSplitter();
  const terms = (text: string) => searchTermsOf(text).split(" ");

  it.each([
    ["kinderopvangplaatsen", ["kinder", "opvang", "plaatsen"]],
    ["schuldhulpverlening", ["schuld", "hulp", "verlening"]],
    ["huurpremies", ["huur", "premies"]],
    ["mantelzorgtoelage", ["mantel", "zorg", "toelage"]],
    ["verwarmingstoelagen", ["verwarmings", "toelagen"]],
    ["woonzorgcentrum", ["woon", "zorg", "centrum"]],
    ["huurwaarborglening", ["huur", "waarborg", "lening"]],
  ])("splits %s into its parts", (word, parts) => {
    expect(splitter.atoms(word)).toEqual(parts);
  });

  it.each(["kinderen", "diensten", "minister", "kantoren", "kwetsbare", "aanvullende", "zorgvuldig", "voorwaarden", "ondersteuning", "schepenen"])(
    "leaves %s whole: a plural, a derivation or a simple word is no compound",
    (word) => {
      expect(splitter.atoms(word)).toBeNull();
    },
  );

  it("indexes a compound's parts and their runs, so kinderopvang finds kinderopvangplaatsen", () => {
    expect(terms("Er komen 40 kinderopvangplaatsen bij.")).toEqual(expect.arrayContaining(["kinderopvang", "opvang", "opvangplaatsen", "plaatsen", "kinder"]));
  });

  it("completes the elliptical X- en Y: dak- en thuislozen gives daklozen", () => {
    expect(terms("Een premie voor dak- en thuislozen.")).toContain("daklozen");
    expect(terms("Geboorte-, adoptie- en luierpremies")).toEqual(expect.arrayContaining(["geboortepremies", "adoptiepremies"]));
    expect(terms("Budgetbegeleiding of –beheer is mogelijk.")).toContain("budgetbeheer");
  });

  it("adds the other grammatical number, which the Dutch stemmer keeps apart: huurpremies gives huurpremie", () => {
    expect(terms("De huurpremies worden verhoogd.")).toEqual(expect.arrayContaining(["huurpremie", "huur"]));
    expect(terms("De dagprijs stijgt.")).toContain("dagprijzen");
  });

  it("does not index parts shorter than four letters, nor split names and abbreviations", () => {
    expect(terms("Wij leveren bulkpropaangas.")).not.toContain("gas");
    expect(terms("Kom naar de Vuurmolen in Hamme.")).not.toContain("molen");
    expect(terms("Kom naar de Vuurmolen in Hamme.")).not.toContain("molens");
    // At the start of a sentence a capital is no name.
    expect(terms("Verhaal. Schuldhulpverlening helpt.")).toContain("schuldhulp");
  });

  it("gives nothing for a text without compounds or nouns", () => {
    expect(searchTermsOf("Dit is goed, en dat ook.")).toBe("");
  });
});
