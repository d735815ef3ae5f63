import { describe, expect, it } from "vitest";
import { namesOfMunicipality } from "../../db/reference/municipality-names.js";
import { readMunicipalityReference } from "../../db/reference/load.js";
import { MunicipalityFinder, countMentions } from "../../scrapers/normalise/municipalities.js";

const finder = new MunicipalityFinder(readMunicipalityReference());
const found = (text: string, date: string | null = "2024-05-01") => finder.findMentions(text, date).map((m) => [m.text, m.nis]);

describe("municipality names", () => {
  const official = new Set(["Gent", "Asse", "As", "Antwerpen", "Brugge", "Aalst"]);
  it("makes the adjective by the Dutch rules, with exceptions", () => {
    expect(namesOfMunicipality("Gent", official).map((n) => n.name)).toEqual(["Gent", "Gentse"]);
    expect(namesOfMunicipality("Antwerpen", official).map((n) => n.name)).toEqual(["Antwerpen", "Antwerpse"]);
    expect(namesOfMunicipality("Brugge", official).map((n) => n.name)).toEqual(["Brugge", "Brugse"]);
    expect(namesOfMunicipality("Aalst", official).map((n) => n.name)).toEqual(["Aalst", "Aalsterse"]);
    expect(namesOfMunicipality("Oostende", official).map((n) => n.name)).toEqual(["Oostende", "Oostendse"]);
  });
  it("gives ambiguous names no adjective and never another municipality's name", () => {
    expect(namesOfMunicipality("As", official).map((n) => n.name)).toEqual(["As"]);
  });
});

describe("finding municipalities in text", () => {
  it("reads names, stad/gemeente/OCMW forms and adjectives", () => {
    expect(found("De stad Gent en de gemeente Zele werken samen met OCMW Aalst en de Leuvense en Kortrijkse diensten.")).toEqual([
      ["Gent", "44021"],
      ["Zele", "42028"],
      ["Aalst", "41002"],
      ["Leuvense", "24062"],
      ["Kortrijkse", "34022"],
    ]);
  });

  it("keeps hyphenated names whole and finds both halves of a pair", () => {
    expect(found("Sint-Niklaas, Heist-op-den-Berg en Oud-Heverlee; Aalst-Dendermonde.")).toEqual([
      ["Sint-Niklaas", "46021"],
      ["Heist-op-den-Berg", "12014"],
      ["Oud-Heverlee", "24086"],
      ["Aalst", "41002"],
      ["Dendermonde", "42006"],
    ]);
  });

  it("resolves merged municipalities by the document's date", () => {
    expect(found("Borsbeek breidt uit.", "2023-06-01")).toEqual([["Borsbeek", "11007"]]);
    expect(found("Borsbeek breidt uit.", "2026-02-01")).toEqual([["Borsbeek", "11002"]]);
    expect(found("In Hasselt en Tielt.", "2024-12-31")).toEqual([["Hasselt", "71022"], ["Tielt", "37015"]]);
    expect(found("In Hasselt en Tielt.", "2025-01-01")).toEqual([["Hasselt", "71072"], ["Tielt", "37022"]]);
    expect(found("Nazareth-De Pinte start.", "2023-01-01")).toEqual([["Nazareth-De Pinte", "44086"]]);
  });

  it("skips common words, surnames, provinces and street names", () => {
    expect(found("We planten een boom. Boom en geel licht. Schepen Van Hasselt opende de provincie Antwerpen aan de Leuvensesteenweg.")).toEqual([]);
    expect(found("Het OCMW van Boom en de stad Geel helpen mee.")).toEqual([["Boom", "11005"], ["Geel", "13008"]]);
    expect(found("Schepen Brecht Vermeulen stelde het plan voor.")).toEqual([]);
  });

  it("counts mentions per municipality, most mentioned first", () => {
    const mentions = finder.findMentions("Gent helpt. De Gentse aanpak werkt ook in Leuven. Gent blijft.", "2024-01-01");
    expect(countMentions(mentions)).toEqual([
      { nis: "44021", name: "Gent", mentions: 3 },
      { nis: "24062", name: "Leuven", mentions: 1 },
    ]);
  });

  it("resolves a name as written to a NIS code", () => {
    expect(finder.resolveName("stad Aalst", "2024-01-01")).toBe("41002");
    expect(finder.resolveName("Beveren-Kruibeke-Zwijndrecht", "2025-03-01")).toBe("46030");
    expect(finder.resolveName("Brussel", "2024-01-01")).toBeNull();
  });
});
