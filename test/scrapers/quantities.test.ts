import { describe, expect, it } from "vitest";
import { findQuantities } from "../../scrapers/normalise/quantities.js";

describe("counts", () => {
  it.each([
    ["De stad voorziet 120 extra opvangplaatsen.", 120, "places", "120 extra opvangplaatsen"],
    ["Er komen 48 kinderopvangplaatsen bij.", 48, "places", "48 kinderopvangplaatsen"],
    ["Er komen 35 herstelbedden bij.", 35, "beds", "35 herstelbedden"],
    ["De nachtopvang heeft 20 noodbedden.", 20, "beds", "20 noodbedden"],
    ["De stad richt negen buurtteams op.", 9, "teams", "negen buurtteams"],
    ["Er komen acht nieuwe buurtteams.", 8, "teams", "acht nieuwe buurtteams"],
    ["Er komt één buurtteam in elk district.", 1, "teams", "één buurtteam"],
    ["Het OCMW hielp 1.200 gezinnen.", 1200, "households", "1.200 gezinnen"],
    ["Vorig jaar kregen 400 huishoudens een premie.", 400, "households", "400 huishoudens"],
    ["In Gent sliepen 350 daklozen op straat.", 350, "persons", "350 daklozen"],
    ["Er namen 75 deelnemers deel.", 75, "persons", "75 deelnemers"],
    ["Vijfentwintig cliënten kregen hulp.", 25, "persons", "Vijfentwintig cliënten"],
    ["Er zijn honderdtwintig mensen ingeschreven.", 120, "persons", "honderdtwintig mensen"],
    ["De gemeente telt 1.500 inwoners.", 1500, "persons", "1.500 inwoners"],
    ["Er worden 30 kinderen opgevangen.", 30, "children", "30 kinderen"],
    ["Er worden 40 assistentiewoningen gebouwd.", 40, "homes", "40 assistentiewoningen"],
    ["De stad bouwt 15 sociale woningen.", 15, "homes", "15 sociale woningen"],
    ["Er komen 60 betaalbare huurwoningen.", 60, "homes", "60 betaalbare huurwoningen"],
    ["De voedselbank deelde 2.000 voedselpakketten uit.", 2000, "parcels", "2.000 voedselpakketten"],
    ["Het sociaal restaurant serveert 250 warme maaltijden.", 250, "meals", "250 warme maaltijden"],
    ["Er worden 5 000 maaltijden geleverd.", 5000, "meals", "5 000 maaltijden"],
    ["Er worden twee miljoen maaltijden geleverd.", 2_000_000, "meals", "twee miljoen maaltijden"],
    ["De voedselbank verdeelde 1,5 miljoen kilogram voedsel.", 1_500_000, "kilograms", "1,5 miljoen kilogram"],
    ["Er werd 80 kg voedsel ingezameld.", 80, "kilograms", "80 kg"],
    ["Er werd 2,5 ton groenten ingezameld.", 2500, "kilograms", "2,5 ton"],
    ["Het aantal daalde met 3 procent.", 3, "percent", "3 procent"],
    ["Slechts 12% van de rechthebbenden vraagt de premie aan.", 12, "percent", "12%"],
    ["Het team telt 3 voltijdse equivalenten.", 3, "fte", "3 voltijdse equivalenten"],
    ["Er komen 2 maatschappelijk werkers bij.", 2, "staff", "2 maatschappelijk werkers"],
    ["De winteropvang telde 4.500 overnachtingen.", 4500, "nights", "4.500 overnachtingen"],
  ])("reads %s", (text, value, unit, written) => {
    const found = findQuantities(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ value, unit, text: written });
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(written);
  });

  it("reads a denominator and keeps its number out of the counts", () => {
    expect(findQuantities("De stad haalt 48 plaatsen per 100 kinderen.")).toEqual([
      { value: 48, unit: "places", per: "per 100 kinderen", text: "48 plaatsen per 100 kinderen", start: 14, end: 42 },
    ]);
    expect(findQuantities("Een maatschappelijk werker werkt 20 uur per week.")[0]).toMatchObject({ value: 20, unit: "hours", per: "per week", text: "20 uur per week" });
    expect(findQuantities("Er is 1 bed per duizend inwoners.")[0]).toMatchObject({ value: 1, unit: "beds", per: "per duizend inwoners" });
  });

  it("does not read 'per' with a date as a denominator", () => {
    expect(findQuantities("Er komen 20 plaatsen per 1 januari.")).toEqual([
      { value: 20, unit: "places", text: "20 plaatsen", start: 9, end: 20 },
    ]);
  });

  it("reads a change", () => {
    expect(findQuantities("De dekking stijgt van 31 naar 44 plaatsen per 100 kinderen.")).toEqual([
      { value: 44, previous: 31, unit: "places", per: "per 100 kinderen", text: "31 naar 44 plaatsen per 100 kinderen", start: 22, end: 58 },
    ]);
    expect(findQuantities("Het aanbod gaat van 31 plaatsen naar 44 plaatsen.")).toEqual([
      { value: 44, previous: 31, unit: "places", text: "31 plaatsen naar 44 plaatsen", start: 20, end: 48 },
    ]);
    expect(findQuantities("We gaan van 12 teams naar 15.")).toEqual([
      { value: 15, previous: 12, unit: "teams", text: "12 teams naar 15", start: 12, end: 28 },
    ]);
    expect(findQuantities("Het gaat van acht naar negen buurtteams.")[0]).toMatchObject({ value: 9, previous: 8, unit: "teams" });
    expect(findQuantities("De inzameling groeit van 1,2 naar 1,5 miljoen kilogram.")[0]).toMatchObject({ value: 1_500_000, previous: 1_200_000, unit: "kilograms" });
    expect(findQuantities("De permanentie gaat van 20 naar 30 uur.")[0]).toMatchObject({ value: 30, previous: 20, unit: "hours" });
  });

  it.each([
    ["Er komen tussen 20 en 30 bedden.", "20 en 30 bedden"],
    ["Er komen 20 tot 30 bedden.", "20 tot 30 bedden"],
    ["Er komen 20 à 30 bedden.", "20 à 30 bedden"],
    ["Er komen 20-30 bedden.", "20-30 bedden"],
    ["Er komen van 20 tot 30 bedden.", "20 tot 30 bedden"],
  ])("reads a range in %s", (text, written) => {
    expect(findQuantities(text)).toEqual([{ value: 30, min: 20, max: 30, unit: "beds", text: written, start: text.indexOf(written), end: text.indexOf(written) + written.length }]);
  });

  it("keeps counts joined by 'en' apart when no 'tussen' opens a range", () => {
    expect(findQuantities("Er kwamen 20 gezinnen en 30 kinderen.").map((q) => [q.value, q.unit, q.min])).toEqual([
      [20, "households", undefined],
      [30, "children", undefined],
    ]);
  });

  it("finds several counts in order", () => {
    expect(findQuantities("Aalst kreeg 12 bedden, Gent 20 bedden en 3 buurtteams.").map((q) => [q.value, q.unit])).toEqual([
      [12, "beds"],
      [20, "beds"],
      [3, "teams"],
    ]);
  });

  it("reads a four-digit number as a count when the noun follows it directly", () => {
    expect(findQuantities("De voedselbank deelt tot 2000 voedselpakketten uit.")[0]).toMatchObject({ value: 2000, unit: "parcels", text: "2000 voedselpakketten" });
  });

  it.each([
    "De stad trekt 650.000 euro uit.",
    "Een premie van € 1.200 per gezin.",
    "Het budget bedraagt € 2.000 per 100 gezinnen.",
    "De raad keurde het plan goed in 2024.",
    "In 2024 kwamen er 48 bij.",
    "De stad wil tegen 2030 nieuwe woningen bouwen.",
    "Op 12 maart opent de nachtopvang.",
    "De vergadering begint om 20 uur.",
    "De vergadering begint om 20.30 uur.",
    "Het loket is open van 9 tot 12 uur.",
    "Het Sociaal Huis ligt in 9000 Gent.",
    "Het loket ligt in de Kerkstraat 12.",
    "Het loket ligt in de Kerkstraat 12 woningen verder.",
    "Bel 09 266 35 00 of mail ons.",
    "Artikel 3 van het reglement wordt geschrapt.",
    "Het dossier 2024/123 werd goedgekeurd.",
    "Agendapunt 5 gaat over de nachtopvang.",
    "65-plussers krijgen korting.",
    "Vanaf 65 jaar heb je recht op de premie.",
    "Een buurtteam start in de wijk.",
    "Duizenden gezinnen wachten op een woning.",
    "Het loket is op de 3de verdieping.",
  ])("finds no count in %s", (text) => {
    expect(findQuantities(text)).toEqual([]);
  });
});
