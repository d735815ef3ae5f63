import { describe, expect, it } from "vitest";
import { namesOfMunicipality } from "../../db/reference/municipality-names.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { countMentions, findMunicipalityMentions } from "../../scrapers/normalise/municipalities.js";

const found = (text: string, date: string | null = "2024-05-01") => findMunicipalityMentions(text, date).map((m) => [m.text, m.nis]);

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
    // an arrondissement named after two municipalities is neither of them
    expect(found("In de regio Halle-Vilvoorde stijgt de dagprijs; in Vilvoorde het meest.")).toEqual([["Vilvoorde", "23088"]]);
  });

  it("counts mentions per municipality, most mentioned first", () => {
    const mentions = findMunicipalityMentions("Gent helpt. De Gentse aanpak werkt ook in Leuven. Gent blijft.", "2024-01-01");
    expect(countMentions(mentions)).toEqual([
      { nis: "44021", name: "Gent", mentions: 3 },
      { nis: "24062", name: "Leuven", mentions: 1 },
    ]);
  });

  it("resolves a name as written to a NIS code", () => {
    const register = municipalityRegister();
    expect(register.resolve("stad Aalst", "2024-01-01")?.nis).toBe("41002");
    expect(register.resolve("Beveren-Kruibeke-Zwijndrecht", "2025-03-01")?.nis).toBe("46030");
    expect(register.resolve("Brussel", "2024-01-01")).toBeUndefined();
  });

  it("reads names as people write them: spaces for hyphens, St.-, capitals, accents", () => {
    // "Oud Turnhout" used to be read as Turnhout (13040), and "Sint Niklaas" as nothing.
    expect(found("Oud Turnhout investeert in een sociale kruidenier.", "2026-03-01")).toEqual([["Oud Turnhout", "13031"]]);
    expect(found("In Sint Niklaas, St.-Niklaas, St Niklaas en SINT-NIKLAAS.", "2026-03-01")).toEqual([
      ["Sint Niklaas", "46021"],
      ["St.-Niklaas", "46021"],
      ["St Niklaas", "46021"],
      ["SINT-NIKLAAS", "46021"],
    ]);
    expect(found("Nazareth De Pinte start; Puurs-St.-Amands volgt; Sint–Genesius–Rode ook.", "2026-03-01")).toEqual([
      ["Nazareth De Pinte", "44086"],
      ["Puurs-St.-Amands", "12041"],
      ["Sint–Genesius–Rode", "23101"],
    ]);
    expect(found("Het OCMW van Hoeïlaart en Zelzaté.")).toEqual([["Hoeïlaart", "23033"], ["Zelzaté", "43018"]]);
  });

  it("points at the name as written when an accent is a separate combining mark", () => {
    const text = "In Hoe\u0308ilaart en İzegem en Gent.";
    const mentions = findMunicipalityMentions(text, "2026-03-01");
    expect(mentions.map((m) => [m.nis, m.start, m.end, text.slice(m.start, m.end)])).toEqual([
      ["23033", 3, 13, "Hoe\u0308ilaart"],
      ["36008", 17, 23, "İzegem"],
      ["44021", 27, 31, "Gent"],
    ]);
  });

  it("tells the official spelling from another one", () => {
    const kinds = findMunicipalityMentions("Sint-Niklaas, Sint Niklaas en de Sint-Niklase aanpak.", "2026-03-01").map((m) => m.kind);
    expect(kinds).toEqual(["official", "alias", "adjective"]);
  });

  it("reads a name glued to a number in a flattened table, but never a name inside a word", () => {
    expect(found("Bewoners Opwijk67,55 euro Zele12,50 euro", "2026-03-01")).toEqual([["Opwijk", "23060"], ["Zele", "42028"]]);
    expect(found("Tarief 2024Opwijk: 12,50 euro", "2026-03-01")).toEqual([["Opwijk", "23060"]]);
    expect(found("Gentbrugge, Hasseltsesteenweg, Oud-Turnhoutlaan en Opwijkstraat.", "2026-03-01")).toEqual([]);
    // Letters of no Latin base touch a name as much as any other letter.
    expect(found("ØGent, Gentø, ßOpwijk, Opwijkж.", "2026-03-01")).toEqual([]);
  });

  it("reads a name in lower case only after stad, gemeente or OCMW, since it may be a word", () => {
    expect(found("Een lier, de landen van Europa en een oude boom in gent.")).toEqual([]);
    expect(found("De stad gent, gemeente lier en het ocmw boom.")).toEqual([["gent", "44021"], ["lier", "12021"], ["boom", "11005"]]);
  });

  it("reads an ambiguous name in capitals only after stad, gemeente or OCMW", () => {
    expect(found("DE BOOM IN HET PARK. GEEL LICHT.")).toEqual([]);
    expect(found("STAD GEEL EN GEMEENTE BOOM")).toEqual([["GEEL", "13008"], ["BOOM", "11005"]]);
  });
});
