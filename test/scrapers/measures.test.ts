import { describe, expect, it } from "vitest";
import { findAmounts } from "../../scrapers/normalise/amounts.js";
import { analyseText } from "../../scrapers/normalise/analyse.js";
import { findMeasures, readAction, readActions } from "../../scrapers/normalise/measures.js";
import { findMunicipalityMentions } from "../../scrapers/normalise/municipalities.js";
import { splitSentences } from "../../scrapers/normalise/sentences.js";
import { classifyThemes, themesOfSentence } from "../../scrapers/normalise/themes.js";
import { keyTerms, scoreBacking } from "../../scrapers/normalise/document-links.js";

function measuresOf(text: string, publisher: string | null, date = "2024-03-01") {
  const sentences = splitSentences(text);
  return findMeasures({
    sentences,
    sentenceThemes: sentences.map((s) => themesOfSentence(s)),
    documentThemes: classifyThemes(text).map((t) => t.code),
    mentions: findMunicipalityMentions(text, date),
    amounts: findAmounts(text),
    quantities: [],
    dates: [],
    publisher,
    documentDate: date,
  });
}

describe("actions", () => {
  it.each([
    ["De stad trekt het budget voor huursubsidie op.", "increase"],
    ["Het budget gaat van 1,2 naar 1,8 miljoen euro.", "increase"],
    ["Het budget gaat van 900.000 naar 750.000 euro.", "reduce"],
    ["De gemeente schrapt de premie.", "cut"],
    ["De nachtopvang sluit eind maart de deuren.", "end"],
    ["Het OCMW breidt de schuldbemiddeling uit.", "expand"],
    ["De stad verlengt het winterplan.", "continue"],
    ["Gent lanceert een nieuwe sociale kruidenier.", "introduce"],
    ["De stad plant een evaluatie van het beleid.", "announce"],
    ["De stad Gent trekt 1,8 miljoen euro per jaar uit voor de huurpremie.", "introduce"],
    // Rules of a standing measure, not changes of it (issue 15).
    ["Het bedrag wordt verhoogd met 95 euro per kind ten laste.", "in_force"],
    ["Als uw inkomen lager is dan 1.400 euro, kan u een huurtoelage krijgen.", "in_force"],
    ["Een voorschot wordt enkel toegekend wanneer de aanvraag volledig is.", "in_force"],
    ["Toch huurt u een woning beter niet met het idee dat u die huurtoelage zal krijgen.", "in_force"],
    // Reported decisions and changes keep their action.
    ["Vanaf 1 januari verhoogt de stad de huurtoelage van 100 naar 130 euro per maand.", "increase"],
    ["De gemeenteraad keurt het reglement op de huurtoelage goed.", "introduce"],
    ["De stad kondigt aan dat u volgend jaar een energiepremie kan aanvragen.", "announce"],
    // Round 8 (real texts): abolition, indexation, intentions, purposes, a bare future tense, adjectives.
    ["Volgende toelagereglementen worden opgeheven: toelagereglement personen met een handicap.", "end"],
    ["Een dagprijsindexatie voor de ouderenvoorzieningen zal doorgevoerd worden vanaf 1 februari 2023.", "increase"],
    ["De thuiszorgtoelage (om langer in eigen woning te kunnen verblijven) verhoogt op jaarbasis van 300,00 euro naar 360,00 euro.", "increase"],
    ["We willen de huidige dienstverlening dus nog uitbreiden.", "announce"],
    ["In de toekomst brengen we ook de dienst Integratie in het Welzijnshuis.", "announce"],
    ["De sociale kruidenier komt er ter vervanging van de voedselpakketten.", "introduce"],
  ])("%s → %s", (sentence, action) => {
    expect(readAction(sentence, findAmounts(sentence))).toBe(action);
  });
  it("finds no action in a plain statement", () => {
    expect(readAction("De sociale kruidenier ligt aan de Kerkstraat.", [])).toBeNull();
  });
  it.each([
    // what a measure is for, not a plan
    "Met deze huurwaarborg wil het OCMW de eerste kosten helpen dragen.",
    "Dit loket wil de toegankelijkheid van het welzijnsveld bevorderen.",
    // a future tense describing how a service works
    "Deze treedt dan op als gevolmachtigde en zal alle betalingen verrichten.",
    // "uitgebreid" as an adjective
    "Het gamma aan sociale rechten is zo uitgebreid dat mensen niet weten waar ze recht op hebben.",
    // minutes approved, a regulation cited as the basis of what stands, a social inquiry started
    "Goedkeuring notulen en zittingsverslag OCMW-raad.",
    "Het reglement werd in 2017 goedgekeurd en is van kracht sinds 10 maart 2017.",
    "De maatschappelijk werker start een sociaal onderzoek.",
    // what happens in some situations is how a measure works; a name is not something new
    "Bij een ontoereikend basisinkomen keurt het OCMW in een aantal situaties aanvullende financiële steun goed.",
    "De sociale huisvestingsmaatschappij Nieuw Sint-Truiden verhuurt woningen aan personen met een bescheiden inkomen.",
  ])("finds no change in: %s", (sentence) => {
    // nothing, or the measure as it stands
    expect([null, "in_force"]).toContain(readAction(sentence, []));
  });
  it("reads a replacement as the end of what is replaced beside the new measure", () => {
    const sentence = "De sociale kruidenier komt er ter vervanging van de voedselpakketten.";
    expect(readActions(sentence, [])).toEqual(["introduce", "end"]);
  });
});

describe("measures as they stand (in_force)", () => {
  it("gives an information page one standing measure on its subject, not on the themes of its eligibility list", () => {
    const page = "Sociaal tarief kinderopvang. Wie een leefloon ontvangt of in schuldbemiddeling is, kan een korting krijgen op de factuur van de kinderopvang. Je krijgt 50% korting op het tarief van de buitenschoolse kinderopvang.";
    expect(measuresOf(page, "44085").map((m) => [m.municipality, m.theme, m.action])).toEqual([["44085", "childcare_family", "in_force"]]);
  });
  it("reads a page with information headings as describing: a procedure's verbs are no change", () => {
    const page = "Verlenen huurwaarborgen Bij het aangaan van een nieuw huurcontract kan het OCMW tussenkomen bij de betaling van de huurwaarborg. Het OCMW geeft de voorkeur aan een bankwaarborg. Achteraf wordt de bankwaarborg bij het OCMW geschrapt. Voorwaarden Voor personen met beperkte financiële inkomsten Kosten Deze steunverlening is gratis.";
    expect(measuresOf(page, "34025").map((m) => [m.theme, m.action])).toEqual([["housing", "in_force"]]);
  });
  it("gives a second scheme the page presents beside its subject its own standing measure", () => {
    const page = "Mantelzorgtoelage Mensen die thuis een zorgbehoevende oudere verzorgen, kunnen een mantelzorgtoelage aanvragen. De maatschappelijk werker onderzoekt of je er recht op hebt. De toelage bedraagt 50 euro per maand. De gemeente voorziet eveneens in een toelage voor gehandicapte bejaarden.";
    expect(measuresOf(page, "11053").map((m) => [m.theme, m.action]).sort()).toEqual([["disability", "in_force"], ["elderly_care", "in_force"]]);
  });
  it("keeps the measure as it stands beside an announced change", () => {
    const page = "De sociale kruidenier biedt voeding aan voor wie het financieel moeilijk heeft. Daarom wil de stad bijkomende acties rond voedselhulp ondernemen.";
    expect(measuresOf(page, "46014").map((m) => [m.theme, m.action]).sort()).toEqual([["food_aid", "announce"], ["food_aid", "in_force"]]);
  });
  it("gives a news lead that names no municipality yet to the first one the text names", () => {
    const text = "Er zijn twee digipunten geopend waar digihelpers mensen bijstaan. De Torhoutse digipunten bevinden zich in de bibliotheek.";
    expect(measuresOf(text, null).map((m) => [m.municipality, m.theme, m.action])).toContainEqual(["31033", "digital_inclusion", "introduce"]);
  });
  it("does not give a measure to a place named to locate another, or to an organisation named after places", () => {
    const news = "In Sint-Martens-Latem bij Gent worden de sociale premies voortaan inkomensafhankelijk. Vanaf dan zal het OCMW over de premies beslissen.";
    expect(measuresOf(news, null).map((m) => m.municipality)).not.toContain("44021");
    const decision = "De OCMW-raad keurt de samenwerkingsovereenkomst in het kader van de ketenaanpak dak- en thuislozen met CAW Boom-Mechelen-Lier goed.";
    expect(measuresOf(decision, "11005").map((m) => [m.municipality, m.theme, m.action])).toEqual([["11005", "homelessness", "introduce"]]);
  });
  it("reads no measure in a faction's proposal, nor in a change dated years before the text", () => {
    const news = "Op de jongste gemeenteraad stelde de CD&V-fractie voor om de gemeentelijke geboortepremie opnieuw in te voeren. De geboortepremie werd in 2013 afgeschaft.";
    expect(measuresOf(news, "45060", "2018-03-01")).toEqual([]);
    // the opposition fearing a cut does not make the cut a proposal
    const cut = "Het bestuur bespaart een half miljoen euro op de thuiszorg voor ouderen. De oppositie vreest langere wachtlijsten.";
    expect(measuresOf(cut, "42025").map((m) => [m.theme, m.action])).toEqual([["elderly_care", "cut"]]);
  });
  it("reads the objectives of a policy plan as announcements", () => {
    const plan = "Beleidsdoelstelling 2: sociale gemeente. De werking van het lokaal dienstencentrum wordt uitgebreid met twee antennepunten.";
    expect(measuresOf(plan, "23081").map((m) => [m.theme, m.action])).toEqual([["elderly_care", "announce"]]);
  });
  it("reads relief from the household-waste charge as a measure of theme other, not of the people it is granted to", () => {
    const page = "De stad verleent een jaarlijkse tussenkomst in de kosten voor huisvuilophaling verleend aan onthaalmoeders, erkend door Kind en Gezin, en aan incontinentiepatiënten. Voorwaarden: u woont in de stad.";
    expect(measuresOf(page, "12025").map((m) => [m.theme, m.action])).toEqual([["other", "in_force"]]);
  });
  it("reads meals on a service centre's page as elderly care, and an amended regulation as continued", () => {
    const centre = "Het lokaal dienstencentrum De Schakel biedt senioren activiteiten aan. Vanaf 1 januari verhoogt de prijs voor een warme maaltijd van 7 naar 8 euro.";
    expect(analyseText({ text: centre, date: "2025-06-01", publisher: "11025" }).measures.map((m) => [m.theme, m.action])).toEqual([["elderly_care", "increase"]]);
    const amended = "De raad voor maatschappelijk welzijn keurt de aanpassing van het reglement voedselbedeling goed.";
    expect(measuresOf(amended, "23098").map((m) => [m.theme, m.action])).toEqual([["food_aid", "continue"]]);
  });
  it("reads a premium paid since a date years before the text as standing", () => {
    const page = "Huisvestingspremie Vanaf 01/01/2002 kent de gemeente een huisvestingspremie toe aan bejaarden die een woning aanpassen.";
    expect(measuresOf(page, "73066", "2022-01-01").map((m) => [m.theme, m.action])).toEqual([["housing", "in_force"]]);
  });
  it("reads a change about the sentence's strongest theme only", () => {
    const sentence = "De schuldbemiddeling, een vorm van financiële steun, wordt vanaf 1 september afgeschaft.";
    expect(measuresOf(sentence, "31033").map((m) => [m.theme, m.action])).toEqual([["debt_energy", "end"]]);
  });
  it("drops a Flemish scheme the OCMW only helps people apply for", () => {
    const page = "Aanvraag huursubsidie Heb je een beperkt inkomen en huur je een woning? De Vlaamse overheid voorziet een financiële tussenkomst. Het aanvraagformulier bezorg je aan het Agentschap Wonen in Vlaanderen.";
    expect(measuresOf(page, "71004")).toEqual([]);
  });
  it("reports the change, not also the measure as it stands, when a page says both", () => {
    const text = "Vanaf 1 januari verhoogt de gemeente de huurtoelage van 100 naar 130 euro per maand. Je krijgt de huurtoelage als je huur lager is dan 750 euro.";
    expect(measuresOf(text, "34041").map((m) => [m.theme, m.action])).toEqual([["housing", "increase"]]);
  });
});

describe("measures", () => {
  it("groups a municipality, theme and action with its amounts and evidence", () => {
    const text = "De stad Gent trekt het budget voor huursubsidie op van 1,2 naar 1,8 miljoen euro per jaar. Het weer was mooi.";
    const [measure, ...rest] = measuresOf(text, "44021");
    expect(rest).toEqual([]);
    expect(measure).toMatchObject({ municipality: "44021", theme: "housing", action: "increase" });
    expect(measure?.amounts.map((a) => [a.value, a.previous, a.period])).toEqual([[1_800_000, 1_200_000, "year"]]);
    expect(measure?.evidence).toHaveLength(1);
    expect(text.slice(measure?.evidence[0]?.start, measure?.evidence[0]?.end)).toBe(measure?.summary);
    expect(measure?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it("uses the publisher when a sentence names no municipality, and gives the same fingerprint for the same measure", () => {
    const a = measuresOf("Het OCMW breidt de schuldbemiddeling uit met 250.000 euro.", "24062");
    const b = measuresOf("Leuven zal de schuldbemiddeling uitbreiden: 250.000 euro extra.", null, "2024-05-01");
    expect(a.map((m) => [m.municipality, m.theme, m.action])).toEqual([["24062", "debt_energy", "expand"]]);
    expect(b.map((m) => [m.municipality, m.theme, m.action])).toEqual([["24062", "debt_energy", "expand"]]);
    expect(a[0]?.fingerprint).toBe(b[0]?.fingerprint);
  });

  it("finds nothing without a municipality or without a theme", () => {
    expect(measuresOf("De schuldbemiddeling wordt uitgebreid.", null)).toEqual([]);
    expect(measuresOf("De stad Gent vernieuwt de Kerkstraat voor 2 miljoen euro.", "44021")).toEqual([]);
  });
});

describe("measures of a council decision", () => {
  it("are read from the operative part only, not from the motivation before it", () => {
    const motivation = "Vorig jaar verhoogde de gemeente de huurpremie van 50 naar 75 euro per maand.";
    const operative = "Artikel 1. De gemeenteraad voert een huurpremie van 100 euro per maand in.";
    const text = `${motivation}\n\n${operative}`;
    const all = analyseText({ text, date: "2024-03-01", publisher: "24062" });
    const decided = analyseText({ text, date: "2024-03-01", publisher: "24062", measuresFrom: text.indexOf(operative) });
    expect(all.measures.map((m) => m.action).sort()).toEqual(["increase", "introduce"]);
    expect(decided.measures.map((m) => [m.action, m.amounts.map((a) => a.value)])).toEqual([["introduce", [100]]]);
    // Amounts and themes still cover the whole text.
    expect(decided.amounts.map((a) => a.value)).toEqual([75, 100]);
  });

  it("take what the operative part enacts as introduced, even without an action verb", () => {
    const text = "Artikel 1. Huurders met een laag inkomen krijgen een huursubsidie van 150 euro per maand.";
    // Without an operative part the same sentence describes the subsidy as it stands (issue 15).
    expect(analyseText({ text, date: "2024-03-01", publisher: "24055", measuresFrom: 0 }).measures.map((m) => [m.municipality, m.theme, m.action])).toEqual([["24055", "housing", "in_force"]]);
    const decided = analyseText({ text: `Motivering.\n\n${text}`, date: "2024-03-01", publisher: "24055", measuresFrom: 13 });
    expect(decided.measures.map((m) => [m.municipality, m.theme, m.action])).toEqual([["24055", "housing", "introduce"]]);
  });
});

describe("press release backed by a decision", () => {
  const release = { title: "Huursubsidie stijgt", text: "De stad verhoogt de huursubsidie voor huurders op de private huurmarkt.", date: "2024-03-10", themeCodes: ["housing"] };
  const decision = { title: "Reglement huursubsidie", text: "De gemeenteraad keurt het gewijzigde reglement huursubsidie voor huurders op de private huurmarkt goed.", date: "2024-02-26", themeCodes: ["housing"] };
  it("scores shared themes, key terms and closeness in time", () => {
    const score = scoreBacking(release, decision);
    expect(score).toBeGreaterThan(0.6);
    expect(score).toBeLessThanOrEqual(1);
    expect([...keyTerms(release.text)]).toContain("huursubsidie");
  });
  it("gives 0 without a shared theme or outside the window", () => {
    expect(scoreBacking(release, { ...decision, themeCodes: ["food_aid"] })).toBe(0);
    expect(scoreBacking(release, { ...decision, date: "2023-06-01" })).toBe(0);
    expect(scoreBacking(release, { ...decision, date: "2024-04-01" })).toBe(0);
  });
});

describe("individual aid is not a municipal measure", () => {
  it.each([
    "Het comité kent aan [naam verwijderd] een huurwaarborg van 1.200 euro toe.",
    "Het comité kent een leefloon van 1.310 euro per maand toe aan Fatima Benali.",
    "Het BCSD kent aan betrokkene een leefloon van 1.310 euro per maand toe.",
    "Het BCSD verleent een tussenkomst in de energiefactuur van 320 euro aan [naam verwijderd], geboren op [geboortedatum verwijderd].",
  ])("%s", (sentence) => {
    expect(measuresOf(sentence, "44021")).toEqual([]);
  });

  it("keeps the measure stated beside such a decision", () => {
    const text = "Het comité kent aan [naam verwijderd] een huurwaarborg van 1.200 euro toe. De stad Gent verhoogt de huurpremie van 100 naar 150 euro per maand.";
    expect(measuresOf(text, "44021").map((m) => [m.municipality, m.theme, m.action])).toEqual([["44021", "housing", "increase"]]);
  });
});
