import { describe, expect, it } from "vitest";
import { type Exchange, findExchanges } from "../../scrapers/normalise/exchanges.js";

/** NIS codes from db/reference/municipalities.json. */
const nisByName: Record<string, string> = {
  aalst: "41002",
  dendermonde: "42006",
  gent: "44021",
  "sint-niklaas": "46021",
  "heist-op-den-berg": "12014",
  nijlen: "12026",
  "beveren-kruibeke-zwijndrecht": "46030",
  beveren: "46003",
  leuven: "24062",
  mechelen: "12025",
  kortrijk: "34022",
  "sint-genesius-rode": "23101",
  "nazareth-de pinte": "44086",
  "merelbeke-melle": "44088",
  merelbeke: "44043",
  melle: "44040",
};

function resolve(name: string): string | null {
  return nisByName[name.trim().replace(/^(?:stad|gemeente)\s+/i, "").toLowerCase()] ?? null;
}

/** Every exchange's offsets point at its own text. */
function exchangesOf(text: string): Exchange[] {
  const { exchanges } = findExchanges(text, resolve);
  for (const e of exchanges) expect(text.slice(e.start, e.end)).toBe(e.text);
  return exchanges;
}

const listing = [
  "Uitwisselingsprogramma armoedebestrijding",
  "Editie 2024",
  "Aalst-Dendermonde: preventie van uithuiszettingen (Aalst deelt haar aanpak met de woonwinkel). Toegekende subsidie: 18.870€",
  "Gent-Sint-Niklaas: outreach naar gezinnen in armoede. Toegekende subsidie: 20.000€",
  "Heist-op-den-Berg – Nijlen: een sociale kruidenier opstarten. Toegekende subsidie: € 15.250",
  "Totaal toegekend: 54.120 euro",
  "Editie 2025",
  "Sint-Niklaas-Beveren-Kruibeke-Zwijndrecht: samen een schuldhulpteam uitbouwen. Toegekende subsidie: 21.500 euro",
  "Leuven en Mechelen: een buurtgerichte sociale dienst (Leuven deelt haar buurtteams). Subsidiebedrag: € 22.000",
  "Kortrijk/Gent: een lokale voedselstrategie",
  "Totaal toegekend: 45.000 euro",
].join("\n");

describe("a listing with headings, one item per line", () => {
  const { exchanges, totals } = findExchanges(listing, resolve);
  const lines = listing.split("\n");

  it("reads every item with its pair, topic, subsidy and headings", () => {
    const programme = "Uitwisselingsprogramma armoedebestrijding";
    expect(exchanges.map((e) => [e.municipalities, e.names, e.topic, e.subsidy, e.programme, e.edition])).toEqual([
      [["41002", "42006"], ["Aalst", "Dendermonde"], "preventie van uithuiszettingen", 18870, programme, "Editie 2024"],
      [["44021", "46021"], ["Gent", "Sint-Niklaas"], "outreach naar gezinnen in armoede", 20000, programme, "Editie 2024"],
      [["12014", "12026"], ["Heist-op-den-Berg", "Nijlen"], "een sociale kruidenier opstarten", 15250, programme, "Editie 2024"],
      [["46021", "46030"], ["Sint-Niklaas", "Beveren-Kruibeke-Zwijndrecht"], "samen een schuldhulpteam uitbouwen", 21500, programme, "Editie 2025"],
      [["24062", "12025"], ["Leuven", "Mechelen"], "een buurtgerichte sociale dienst", 22000, programme, "Editie 2025"],
      [["34022", "44021"], ["Kortrijk", "Gent"], "een lokale voedselstrategie", null, programme, "Editie 2025"],
    ]);
  });

  it("gives each item its whole line and offsets", () => {
    expect(exchanges.map((e) => e.text)).toEqual([lines[2], lines[3], lines[4], lines[7], lines[8], lines[9]]);
    for (const e of exchanges) expect(listing.slice(e.start, e.end)).toBe(e.text);
    expect(exchanges[0]?.start).toBe(listing.indexOf("Aalst-Dendermonde"));
  });

  it("checks each edition's total against its own items, flagging a mismatch", () => {
    const programme = "Uitwisselingsprogramma armoedebestrijding";
    expect(totals).toEqual([
      { programme, edition: "Editie 2024", stated: 54120, sum: 54120, mismatch: false, start: listing.indexOf("Totaal toegekend: 54"), end: listing.indexOf("Totaal toegekend: 54") + 29 },
      { programme, edition: "Editie 2025", stated: 45000, sum: 43500, mismatch: true, start: listing.indexOf("Totaal toegekend: 45"), end: listing.length },
    ]);
    expect(listing.slice(totals[0]?.start, totals[0]?.end)).toBe("Totaal toegekend: 54.120 euro");
  });
});

describe("pairs", () => {
  it.each([
    ["Aalst-Dendermonde: preventie", ["Aalst", "Dendermonde"], ["41002", "42006"]],
    ["Aalst - Dendermonde: preventie", ["Aalst", "Dendermonde"], ["41002", "42006"]],
    ["Aalst – Dendermonde: preventie", ["Aalst", "Dendermonde"], ["41002", "42006"]],
    ["Aalst–Dendermonde: preventie", ["Aalst", "Dendermonde"], ["41002", "42006"]],
    ["Aalst en Dendermonde: preventie", ["Aalst", "Dendermonde"], ["41002", "42006"]],
    ["Aalst/Dendermonde: preventie", ["Aalst", "Dendermonde"], ["41002", "42006"]],
    ["stad Leuven en gemeente Mechelen: preventie", ["stad Leuven", "gemeente Mechelen"], ["24062", "12025"]],
    ["Sint-Genesius-Rode-Heist-op-den-Berg: preventie", ["Sint-Genesius-Rode", "Heist-op-den-Berg"], ["23101", "12014"]],
    ["Nazareth-De Pinte-Merelbeke-Melle: preventie", ["Nazareth-De Pinte", "Merelbeke-Melle"], ["44086", "44088"]],
    ["Beveren-Kruibeke-Zwijndrecht - Sint-Niklaas: preventie", ["Beveren-Kruibeke-Zwijndrecht", "Sint-Niklaas"], ["46030", "46021"]],
    ["Nijlen – Heist-op-den-Berg: preventie", ["Nijlen", "Heist-op-den-Berg"], ["12026", "12014"]],
  ])("reads %s in the order written", (text, names, municipalities) => {
    const [exchange] = exchangesOf(text);
    expect(exchange).toMatchObject({ names, municipalities, topic: "preventie", subsidy: null, start: 0, end: text.length });
  });

  it("asks the resolver and gives up when two splits both resolve", () => {
    const codes: Record<string, string> = { oost: "1", "oost-west": "2", "west-zuid": "3", zuid: "4" };
    const byCode = (name: string) => codes[name.toLowerCase()] ?? null;
    expect(findExchanges("Oost-West-Zuid: preventie", byCode).exchanges).toEqual([]);
    expect(findExchanges("Oost-West – Zuid: preventie", byCode).exchanges[0]?.municipalities).toEqual(["2", "4"]);
  });
});

describe("subsidies and topics", () => {
  it.each([
    ["Kortrijk-Leuven: armoedetoets in het beleid. Subsidie: 23.750 euro", "armoedetoets in het beleid", 23750],
    ["Kortrijk-Leuven: armoedetoets in het beleid. Subsidie 23.750 euro", "armoedetoets in het beleid", 23750],
    ["Kortrijk-Leuven: armoedetoets in het beleid, 23.750 euro", "armoedetoets in het beleid", 23750],
    ["Kortrijk-Leuven: armoedetoets in het beleid, met een subsidie van 23.750 euro", "armoedetoets in het beleid", 23750],
    ["Kortrijk-Leuven: armoedetoets in het beleid (subsidie: 23.750 euro)", "armoedetoets in het beleid", 23750],
    ["Kortrijk-Leuven: armoedetoets in het beleid. Toegekende subsidie: 23.750", "armoedetoets in het beleid", 23750],
    ["Kortrijk-Leuven: armoedetoets (Kortrijk werkt al met 10.000 euro). Toegekende subsidie: 23.750€", "armoedetoets", 23750],
    ["Kortrijk-Leuven: een huurpremie van 100 euro per maand uitwerken", "een huurpremie van 100 euro per maand uitwerken", null],
    ["Kortrijk-Leuven: armoedetoets in het beleid", "armoedetoets in het beleid", null],
  ])("%s", (text, topic, subsidy) => {
    expect(exchangesOf(text)).toMatchObject([{ topic, subsidy, text }]);
  });

  it("leaves prose after the item out of it", () => {
    const text = "Kortrijk-Leuven: armoedetoets. De stad Kortrijk investeert zelf nog 5.000 euro.";
    expect(exchangesOf(text)).toMatchObject([{ text: "Kortrijk-Leuven: armoedetoets.", topic: "armoedetoets", subsidy: null, end: 30 }]);
  });

  it("takes a subsidy on the next line into the item", () => {
    const text = "Leuven-Mechelen: een gedeelde schuldhulpdienst\nToegekende subsidie: 22.000 euro\nMeer info bij de VVSG.";
    expect(exchangesOf(text)).toMatchObject([{ topic: "een gedeelde schuldhulpdienst", subsidy: 22000, start: 0, end: 79 }]);
  });

  it("needs a topic", () => {
    expect(exchangesOf("Kortrijk-Leuven: 23.750 euro")).toEqual([]);
  });
});

describe("bullets and one paragraph", () => {
  it("strips bullets at line start", () => {
    const text = "• Aalst – Dendermonde: preventie van uithuiszettingen\n- Gent - Sint-Niklaas: outreach;\n* Leuven en Mechelen: buurtteams\n2. Kortrijk/Gent: voedselstrategie";
    const exchanges = exchangesOf(text);
    expect(exchanges.map((e) => e.text)).toEqual([
      "Aalst – Dendermonde: preventie van uithuiszettingen",
      "Gent - Sint-Niklaas: outreach",
      "Leuven en Mechelen: buurtteams",
      "Kortrijk/Gent: voedselstrategie",
    ]);
    expect(exchanges[1]?.municipalities).toEqual(["44021", "46021"]);
  });

  it("splits items separated by semicolons, with an edition before them and a total after", () => {
    const text =
      "Editie 2024: Aalst-Dendermonde: preventie van uithuiszettingen (18.870 euro); Gent – Sint-Niklaas: outreach naar gezinnen (20.000 euro); Leuven en Mechelen: buurtteams (15.000 euro). In totaal werd 53.870 euro toegekend.";
    const { exchanges, totals } = findExchanges(text, resolve);
    expect(exchanges.map((e) => [e.text, e.topic, e.subsidy, e.edition])).toEqual([
      ["Aalst-Dendermonde: preventie van uithuiszettingen (18.870 euro)", "preventie van uithuiszettingen", 18870, "Editie 2024"],
      ["Gent – Sint-Niklaas: outreach naar gezinnen (20.000 euro)", "outreach naar gezinnen", 20000, "Editie 2024"],
      ["Leuven en Mechelen: buurtteams (15.000 euro).", "buurtteams", 15000, "Editie 2024"],
    ]);
    for (const e of exchanges) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(exchanges[0]?.start).toBe(13);
    expect(totals).toEqual([{ programme: null, edition: "Editie 2024", stated: 53870, sum: 53870, mismatch: false, start: 183, end: text.length }]);
  });

  it("splits items separated by sentences and by bullets within a line", () => {
    const sentences = "Aalst-Dendermonde: preventie. Toegekende subsidie: 18.870€. Gent-Sint-Niklaas: outreach. Toegekende subsidie: 20.000€.";
    expect(exchangesOf(sentences).map((e) => [e.text, e.subsidy])).toEqual([
      ["Aalst-Dendermonde: preventie. Toegekende subsidie: 18.870€.", 18870],
      ["Gent-Sint-Niklaas: outreach. Toegekende subsidie: 20.000€.", 20000],
    ]);
    const bullets = "Dit zijn de koppels • Aalst-Dendermonde: preventie • Gent - Sint-Niklaas: outreach";
    expect(exchangesOf(bullets).map((e) => e.text)).toEqual(["Aalst-Dendermonde: preventie", "Gent - Sint-Niklaas: outreach"]);
  });

  it("does not cut inside a pair written with a spaced hyphen", () => {
    expect(exchangesOf("Aalst - Gent: preventie - Leuven - Mechelen: buurtteams").map((e) => e.names)).toEqual([
      ["Aalst", "Gent"],
      ["Leuven", "Mechelen"],
    ]);
  });
});

describe("what is not an exchange", () => {
  it.each([
    "Aalst en Dendermonde werken al jaren samen rond armoede.",
    "De samenwerking tussen Gent en Sint-Niklaas: een succes.",
    "Gent deelt haar aanpak met Sint-Niklaas: outreach naar gezinnen.",
    "Lees ook: Gent en Leuven investeren in buurtteams.",
    "Gepubliceerd op: 12-03-2024",
    "Aalst-Aalst: preventie van uithuiszettingen",
    "stad Gent en Gent: outreach",
    "Merelbeke-Melle: een nieuwe sociale dienst",
    "Beveren-Kruibeke-Zwijndrecht: een nieuwe sociale dienst",
    "Antwerpen-Gent: een stedennetwerk",
  ])("%s", (text) => {
    expect(findExchanges(text, resolve)).toEqual({ exchanges: [], totals: [] });
  });
});

describe("headings and totals", () => {
  it("keeps programmes and editions apart", () => {
    const text = [
      "In totaal trekt Vlaanderen 1 miljoen euro uit voor het programma.",
      "Uitwisselingsprogramma armoedebestrijding",
      "Oproep 2024",
      "Aalst-Dendermonde: preventie. Subsidie: 20.000 euro",
      "Tweede ronde:",
      "Gent-Nijlen: outreach. Subsidie: 22.000 euro",
      "Ronde 3",
      "Leuven-Kortrijk: buurtteams. Subsidie: 18.000 euro",
      "In totaal kregen de koppels 60.000 euro.",
      "Lerend netwerk woonzorg – editie 2025",
      "Mechelen-Gent: assistentiewoningen. Subsidie: 24.000 euro",
      "Totaal: 24.000",
      "Project\u00adoproep voedselstrategie",
      "Kortrijk-Aalst: een sociale kruidenier",
    ].join("\n");
    const { exchanges, totals } = findExchanges(text, resolve);
    expect(exchanges.map((e) => [e.programme, e.edition, e.topic])).toEqual([
      ["Uitwisselingsprogramma armoedebestrijding", "Oproep 2024", "preventie"],
      ["Uitwisselingsprogramma armoedebestrijding", "Tweede ronde", "outreach"],
      ["Uitwisselingsprogramma armoedebestrijding", "Ronde 3", "buurtteams"],
      ["Lerend netwerk woonzorg", "editie 2025", "assistentiewoningen"],
      ["Projectoproep voedselstrategie", null, "een sociale kruidenier"],
    ]);
    expect(totals.map((t) => [t.programme, t.edition, t.stated, t.sum, t.mismatch, text.slice(t.start, t.end)])).toEqual([
      ["Uitwisselingsprogramma armoedebestrijding", null, 60000, 60000, false, "In totaal kregen de koppels 60.000 euro."],
      ["Lerend netwerk woonzorg", "editie 2025", 24000, 24000, false, "Totaal: 24.000"],
    ]);
  });

  it("counts a missing subsidy as nothing, so the total is flagged", () => {
    const text = "2024\nAalst-Dendermonde: preventie, 20.000 euro\nGent-Nijlen: outreach\nTotaal: 42.000 euro";
    expect(findExchanges(text, resolve).totals).toMatchObject([{ programme: null, edition: "2024", stated: 42000, sum: 20000, mismatch: true }]);
  });

  it("treats a heading-like line without a programme word as no heading", () => {
    const text = "Uitwisselingsprogramma armoede\nTwaalf koppels leren van elkaar\nAalst-Gent: preventie";
    expect(findExchanges(text, resolve).exchanges[0]).toMatchObject({ programme: "Uitwisselingsprogramma armoede", edition: null });
  });
});
