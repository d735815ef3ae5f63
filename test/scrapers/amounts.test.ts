import { describe, expect, it } from "vitest";
import { findAmounts, isOfferPrice } from "../../scrapers/normalise/amounts.js";

describe("amounts of money", () => {
  it.each([
    ["De stad trekt 650.000 euro uit.", 650000, "unknown", "650.000 euro"],
    ["Het winterplan kost 1,8 miljoen euro per jaar.", 1800000, "year", "1,8 miljoen euro"],
    ["Een premie van € 1.200,50 voor elk gezin.", 1200.5, "unknown", "€ 1.200,50"],
    ["Toegekende subsidie: 18.870€", 18870, "unknown", "18.870€"],
    ["Budget: EUR 5 000 eenmalig.", 5000, "once", "EUR 5 000"],
    ["Een abonnement kost 35€/maand.", 35, "month", "35€"],
    ["De toelage bedraagt 150 euro per kind.", 150, "unknown", "150 euro"],
    ["jaarlijks 350.000 euro voor de nachtopvang", 350000, "year", "350.000 euro"],
    ["een investering van 2 miljard euro", 2e9, "unknown", "2 miljard euro"],
  ])("reads %s", (text, value, period, written) => {
    const [amount] = findAmounts(text);
    expect(amount).toMatchObject({ value, currency: "EUR", period, text: written });
    expect(text.slice(amount?.start, amount?.end)).toBe(written);
  });

  it("reads a change and a range", () => {
    expect(findAmounts("De toelage stijgt van 100 naar 150 euro per kind.")).toEqual([
      { value: 150, previous: 100, currency: "EUR", period: "unknown", per: "child", text: "100 naar 150 euro", start: 22, end: 39 },
    ]);
    expect(findAmounts("Elk koppel krijgt tussen 20.000 en 24.000 euro.")[0]).toMatchObject({ value: 24000, min: 20000, max: 24000, text: "20.000 en 24.000 euro" });
  });

  it.each([
    "Het Sociaal Huis ligt in de Kerkstraat 12 in Gent.",
    "In 2024 kwamen er 48 plaatsen bij.",
    "Bel 09 266 35 00 of mail ons.",
    "Rekeningnummer BE68 5390 0754 7034.",
    "Het dossier 2023/456 werd goedgekeurd met 20 stemmen voor.",
  ])("finds no amount in %s", (text) => {
    expect(findAmounts(text)).toEqual([]);
  });

  it("finds several amounts in order", () => {
    expect(findAmounts("Aalst krijgt 18.870€, Gent 22.500 €, samen 41.370 euro.").map((a) => a.value)).toEqual([18870, 22500, 41370]);
  });

  it("reads a change written with the currency twice as one amount", () => {
    const text = "De dagprijs gaat van 68,40 euro naar 71,20 euro.";
    expect(findAmounts(text)).toEqual([
      // A "dagprijs" is a price per day.
      { value: 71.2, previous: 68.4, currency: "EUR", period: "day", per: null, text: "68,40 euro naar 71,20 euro", start: 21, end: 47 },
    ]);
  });

  it("reads a change or range with the euro sign before each number", () => {
    const text = "De dagprijs stijgt van € 60,15 naar € 62,40; de bijdrage ligt tussen € 2,86 en € 36,82.";
    expect(findAmounts(text).map((a) => [a.text, a.value, a.previous, a.min, a.max])).toEqual([
      ["€ 60,15 naar € 62,40", 62.4, 60.15, undefined, undefined],
      ["€ 2,86 en € 36,82", 36.82, undefined, 2.86, 36.82],
    ]);
  });

  it("reads a period from an adjective a few words before the amount, within the clause", () => {
    expect(findAmounts("een jaarlijkse werkingstoelage van 12.000 euro")[0]?.period).toBe("year");
    expect(findAmounts("een eenmalige koopkrachtpremie van 150 euro")[0]?.period).toBe("once");
    expect(findAmounts("een maandelijkse aanvulling op het leefloon van 40 naar 60 euro")[0]?.period).toBe("month");
    expect(findAmounts("Het budget is jaarlijks herzien. Dit kost 500 euro.")[0]?.period).toBe("unknown");
    // Real pages (issue 15): the adjective further back in a long clause, per calendar year, per day of stay.
    expect(findAmounts("het jaarlijks belastbaar inkomen van je huishouden is lager dan 18.363,39 euro")[0]?.period).toBe("year");
    expect(findAmounts("een toelage van maximaal 150 euro per kalenderjaar")[0]?.period).toBe("year");
    expect(findAmounts("Was van persoonlijk linnen: € 2,00/verblijfsdag.")[0]?.period).toBe("day");
  });

  it("reads number words before miljoen or miljard", () => {
    const text = "De stad trekt een half miljoen euro uit, de provincie anderhalf miljoen € en Vlaanderen twee miljard euro. Zes miljoen bezoekers kwamen.";
    expect(findAmounts(text).map((a) => [a.text, a.value])).toEqual([
      ["een half miljoen euro", 500_000],
      ["anderhalf miljoen €", 1_500_000],
      ["twee miljard euro", 2_000_000_000],
    ]);
  });

  it("reads a period after netto or bruto", () => {
    expect(findAmounts("een inkomen onder 1.900 euro netto per maand")[0]?.period).toBe("month");
  });

  it.each([
    ["De toelage bedraagt 150 euro per kind.", "unknown", "child"],
    ["tot 95 euro per leerling", "unknown", "child"],
    ["De dagprijs is 62,05 euro/dag/persoon.", "day", "person"],
    ["10,00 euro per nacht en per persoon", "unknown", "night"],
    ["€ 2,50/maaltijd/persoon", "unknown", "meal"],
    ["verhoogd met 95 euro per persoon ten laste", "unknown", "dependant"],
    // a child that is a dependant is still counted per child (REAL.md: "per persoon ten laste" is the dependant unit)
    ["2 772 EUR per kind ten laste", "unknown", "child"],
    ["100 euro per jaar/per persoon", "year", "person"],
    ["met een maximum van 50,00 euro per rechthebbende", "unknown", "person"],
    ["Het jaarlijks lidgeld is 15 euro voor een alleenstaande en 20 euro voor een echtpaar.", "year", null],
    // the unit before the amount, in the same clause
    ["De kostprijs per maaltijd bedraagt € 7,50.", "unknown", "meal"],
    ["Per bijkomende inwonende persoon mag daar 4.744,94 euro worden bijgeteld.", "unknown", "person"],
    // a year heading a listed sum
    ["subsidies: • 2023: 63.439,89 EUR", "year", null],
    ["een premie van 250 euro per gezin per jaar", "year", "household"],
    ["18 euro per koppel", "unknown", "household"],
    ["een toelage van 0,14 euro per liter", "unknown", "litre"],
    ["0,35 euro per km", "unknown", "kilometre"],
    ["100 euro per schooljaar", "school_year", null],
    ["12 euro per uur", "hour", null],
    ["96.000 euro op jaarbasis", "year", null],
    ["300 euro per kwartaal", "quarter", null],
    ["De stad geeft 150 euro per maand.", "month", null],
  ])("reads whom %s is for: period %s, per %s", (text, period, per) => {
    expect(findAmounts(text)[0]).toMatchObject({ period, per });
  });
});

describe("amounts in real page layouts", () => {
  it("reads cells a flattened table glued together", () => {
    expect(findAmounts("Bewoners Opwijk67,55 euro2.025,00 Alle gebruikers33,01 euro").map((a) => a.value)).toEqual([67.55, 33.01]);
  });

  it("reads a decimal point and whole euros written as ,-", () => {
    expect(findAmounts("een toelage van 0.40 euro/liter")[0]).toMatchObject({ value: 0.4, per: "litre" });
    expect(findAmounts("incontinente personen (doktersattest): 50,- €")[0]).toMatchObject({ value: 50, text: "50,- €" });
  });

  it("reads a household price written as 'voor een echtpaar' and a yearly word far before the amount", () => {
    expect(findAmounts("Het jaarlijks lidgeld is 15 euro voor een alleenstaande en 20 euro voor een echtpaar.")[1]).toMatchObject({ value: 20, per: "household" });
    const text = "het jaarlijks bruto belastbaar van alle personen die ingeschreven zijn op hetzelfde adres, lager of gelijk is aan € 22.034,79";
    expect(findAmounts(text)[0]).toMatchObject({ value: 22034.79, period: "year" });
  });

  it("gives an increment per dependant the period of the amount it increments", () => {
    const [base, increment] = findAmounts("Je jaarlijks belastbaar inkomen is lager dan 20.000 euro per jaar, verhoogd met 3.622,34 euro per persoon ten laste.");
    expect(base).toMatchObject({ value: 20000, period: "year" });
    expect(increment).toMatchObject({ value: 3622.34, period: "year", per: "dependant" });
    // Not across a sentence end.
    const [, alone] = findAmounts("De grens is 20.000 euro per jaar. Er komt 3.622,34 euro per persoon ten laste bij.");
    expect(alone).toMatchObject({ period: "unknown", per: "dependant" });
  });
});

describe("offer prices", () => {
  it("keeps a care home's or social service's subscription", () => {
    expect(isOfferPrice("Telefoon op de kamer: abonnementsgeld van € 8,50 per maand.")).toBe(false);
    expect(isOfferPrice("Abonneer je nu: digitaal voor € 9,99 per maand.", "Het OCMW opent een aanspreekpunt.")).toBe(true);
  });

  it.each([
    ["Abonneer je nu: digitaal voor € 9,99 per maand.", ""],
    ["Word abonnee voor 1 euro de eerste maand.", ""],
    ["Een plaats op de tribune kost € 15.", ""],
    ["Koop je ticket voor € 12 aan de kassa.", ""],
    ["Probeer 3 maanden voor € 4,99 per maand.", "Nog geen abonnee?"],
    ["Het kansentarief geldt ook in de schouwburg, waar een gewoon ticket 12 euro kost.", ""],
    ["Op 21 september is er een benefietavond; kaarten kosten € 15 in voorverkoop.", ""],
  ])("%s is an offer, not a measure", (sentence, previous) => {
    expect(isOfferPrice(sentence, previous)).toBe(true);
  });
  it.each([
    "Met de UiTPAS aan kansentarief betaal je € 1,50 voor een zwembeurt.",
    "De stad trekt 1,2 miljoen euro uit voor huursubsidie.",
    "Een maaltijd in het sociaal restaurant kost € 2.",
    "Het OCMW betaalt de eerste maand huur, tot 900 euro.",
  ])("%s is not an offer", (sentence) => {
    expect(isOfferPrice(sentence)).toBe(false);
  });
});
