import { describe, expect, it } from "vitest";
import { foldText, splitSentences } from "../../scrapers/normalise/sentences.js";
import { classifyDocumentThemes, classifyThemes, themesOfSentence } from "../../scrapers/normalise/themes.js";

const codes = (text: string) => classifyThemes(text).map((t) => t.code);

describe("sentences", () => {
  it("splits at sentence ends and line breaks, not at abbreviations or numbers", () => {
    const text = "De stad geeft o.a. 1.200,50 euro. Art. 3 blijft. Nieuw!\nArtikel 2. De raad beslist. Volgende regel";
    expect(splitSentences(text).map((s) => s.text)).toEqual(["De stad geeft o.a. 1.200,50 euro.", "Art. 3 blijft.", "Nieuw!", "Artikel 2. De raad beslist.", "Volgende regel"]);
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
  it("folds accents and case without moving offsets", () => {
    expect(foldText("Financiële Één")).toBe("financiele een");
    expect(foldText("Financiële").length).toBe("Financiële".length);
  });
});

describe("themes", () => {
  it("reads compounds and inflections", () => {
    expect(codes("De gemeentelijke huursubsidies worden verhoogd.")).toEqual(["housing"]);
    expect(codes("Er komen 120 nieuwe kinderopvangplaatsen bij.")).toEqual(["childcare_family"]);
    expect(codes("Het plan tegen dak- en thuisloosheid voorziet extra nachtopvang.")).toEqual(["homelessness"]);
    expect(codes("Wie een leefloon ontvangt, krijgt aanvullende financiële steun.")).toEqual(["income_support"]);
  });
  it("reads words by their context: a care home's night care, the Sociaal Huis as a place, the people a measure is for", () => {
    expect(codes("Kortverblijf en nachtopvang, verbonden aan WZC De Oase: de dagprijs bedraagt 67,55 euro.")).toEqual(["elderly_care"]);
    const sentence = "In het Sociaal Huis richt de stad een sociale kruidenier in.";
    expect(themesOfSentence({ text: sentence, start: 0, end: sentence.length })).toEqual(["food_aid"]);
    const target = "De sociale kruidenier richt zich op inwoners die in collectieve schuldenregeling zitten.";
    expect(themesOfSentence({ text: target, start: 0, end: target.length })).toEqual(["food_aid"]);
  });
  it("reads a premium for people under an income limit, on no other theme, as income support", () => {
    expect(codes("Premie nutsvoorzieningen Het stadsbestuur geeft een premie van 100 euro. Het gezinsinkomen mag niet hoger zijn dan 25.630,67 euro.")).toEqual(["income_support"]);
    expect(codes("De premie voor een nieuwe fiets bedraagt 100 euro.")).toEqual([]);
  });
  it("reads plurals that change the stem and the OCMW's general service", () => {
    expect(codes("Het stadsbestuur maakt geld vrij voor onthaalmoeders en kinderdagverblijven.")).toEqual(["childcare_family"]);
    expect(codes("OCMW - Algemene sociale dienst: elke inwoner moet een leven kunnen leiden dat beantwoordt aan de menselijke waardigheid.")).toEqual(["rights_access"]);
  });
  it("does not assign a theme on a single weak word", () => {
    expect(codes("De wegenwerken in de Kerkstraat duren tot het einde van de maand.")).toEqual([]);
    expect(codes("Ouders kunnen hun kinderen inschrijven voor de sportkampen.")).toEqual([]);
  });
  it("assigns two themes when both are substantial, with a score and the sentence as evidence", () => {
    const text = "De stad versterkt de schuldbemiddeling. Daarnaast start een sociale kruidenier met voedselpakketten.";
    const themes = classifyThemes(text);
    expect(themes.map((t) => t.code).sort()).toEqual(["debt_energy", "food_aid"]);
    const food = themes.find((t) => t.code === "food_aid");
    expect(food?.evidence).toEqual({ field: "text", text: "Daarnaast start een sociale kruidenier met voedselpakketten.", start: 40, end: 100 });
    expect(text.slice(food?.evidence.start, food?.evidence.end)).toBe(food?.evidence.text);
    expect(food?.score).toBeGreaterThan(0.6);
    expect(food?.score).toBeLessThanOrEqual(1);
  });
  it("reads the title too and says when the evidence is there", () => {
    const [theme] = classifyDocumentThemes("Meer plaatsen in de nachtopvang", "De winter komt eraan. De stad opent de deuren vroeger.");
    expect(theme?.code).toBe("homelessness");
    expect(theme?.evidence).toEqual({ field: "title", text: "Meer plaatsen in de nachtopvang", start: 0, end: 31 });
  });
});
