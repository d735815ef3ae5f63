import { indexSpans } from "./span-index.js";
import { createHash } from "node:crypto";
import type { Amount } from "./amounts.js";
import { measureConfidence } from "./confidence.js";
import { concernsOnePerson } from "./individual-aid.js";
import type { MunicipalityMention } from "./municipalities.js";
import type { Quantity } from "./quantities.js";
import { type Sentence, foldText } from "./sentences.js";
import type { TextDate } from "./text-dates.js";
import type { ThemeCode } from "./theme-lexicon.js";
import { strongestThemesOfSentence } from "./themes.js";

export type MeasureAction = "introduce" | "expand" | "increase" | "reduce" | "cut" | "end" | "continue" | "announce" | "in_force";

/** A social measure read from one document: who does what on which theme, with how much, and where it says so. */
export interface Measure {
  municipality: string;
  theme: ThemeCode;
  action: MeasureAction;
  summary: string;
  amounts: Amount[];
  quantities: Quantity[];
  dates: TextDate[];
  startsOn: string | null;
  endsOn: string | null;
  /** The sentences that state it. */
  evidence: { text: string; start: number; end: number; confidence: number }[];
  /** What the reading of it rests on. */
  signals: MeasureSignals;
  /** The chance that municipality, theme and action are right (confidence.ts). */
  confidence: number;
  /** Identity across documents: the same municipality, theme, action and key figure (or year). */
  fingerprint: string;
}

/** What a measure was read from, for its confidence (confidence.ts) and its conditions (analyse.ts). */
export interface MeasureSignals {
  /** Some sentence names its theme itself (not only the document's main theme). */
  ownTheme: boolean;
  /** Some sentence names its municipality (not only the publisher). */
  namedMunicipality: boolean;
  /** Sentences that state it. */
  pieces: number;
  /** The theme is what the document is about first (its title or lead), or its strongest theme. */
  mainTheme: boolean;
  /** The page describes what exists (it addresses the reader, states rules or has information headings) and reports no decision. */
  describes: boolean;
  /** Some sentence stating it reports a decision, a date of effect or something new. */
  reported: boolean;
  /** It comes with an amount of money. */
  amount: boolean;
  /** The municipality is the document's publisher. */
  publisher: boolean;
  /** The rank of its theme among the document's themes (0 the strongest), or -1 when the document has not that theme. */
  themeRank: number;
  /** How many measures the document states in all. */
  measuresInDocument: number;
}

/**
 * Verbs and phrases that say what a municipality does, on folded text. The first action whose
 * cue matches wins, so the order matters: cutting or ending outranks a mere announcement, an
 * increase of an existing budget outranks "new".
 */
const actionCues: [MeasureAction, RegExp][] = [
  [
    "end",
    /\bstop(?:t|pen|gezet)\b|\bstopzetting|\bbeeindig|\bafgeschaft|\bschaft\b.{0,60}\baf\b|\bafschaffing|\bsluit\b(?! (?:een |het |de )?(?:akkoord|overeenkomst|samenwerking|handen))|\b(?:te )?sluiten\b(?! (?:een |het |de )?(?:akkoord|overeenkomst|samenwerking))|\bverdwijnt|\bniet langer\b|\bgesloten\b|\bsluiting\b|\bopgeheven\b|\bopheffing|\bopheffen\b|\bheft\b.{0,60}\bop\b/,
  ],
  ["cut", /\bschrapt?\b|\bschrappen\b|\bgeschrapt|\bbespa(?:ar|r)|\bbesparing|\bsnoei|\bafgebouwd|\bafbouw|\binkrimp|\bingekrompen/],
  // "lager dan", "hoger dan", "minder dan": a comparison in a condition, not a change.
  ["reduce", /\bverlaa?g|\bvermindert|\bverminderd|\bvermindering|\bdaalt\b|\bgedaald|\blager\b(?! (?:is |ligt |zijn )?dan\b)|\bminder\b(?! (?:is |bedraagt )?dan\b)/],
  ["increase", /indexering|indexatie|\bverhoog|\bverhoging|\boptrek|\bopgetrokken|\btrekt?\b.{0,80}\bop\b|\bverdubbel|\bstijgt\b|\bstijgen\b|\bgestegen|\bhoger\b(?! (?:is |ligt |zijn )?dan\b)|\bmeer geld|\bextra budget|\bbijkomend budget|\bmeer middelen/],
  ["expand", /\bbreidt?\b.{0,80}\buit\b|\buitbreid|(?<!\b(?:zo|zeer|heel|erg|te|een|het|de|ruim|breed) )\buitgebreid|\buitbouw|\bextra\b|\bbijkomende\b|(?<!^\s*)\bbijkomend\b|\bmeer (?:plaatsen|bedden|teams|woningen)|\been tweede\b|\bverruim|\bkreeg\b.{0,60}\bbij\b|\bkrijgt\b.{0,60}\bbij\b/],
  ["continue", /\bverleng|\bzet\b.{0,60}\bvoort\b|\bvoortgezet|\bvoortzetting|\bblijft\b|\bbehoudt|\bbehouden|\bbestendig|\bopnieuw\b|\book dit jaar\b|\bverder(?:zetten| gezet)|\bloopt\b.{0,40}\blanger\b|\bkrijgt een vervolg/],
  [
    "introduce",
    /\bvoert?\b.{0,80}\bin\b|\bingevoerd|\binvoering|\blanceert|\bgelanceerd|\bstart(?:t|en)?\b|(?<!\bsinds (?:de )?)\bopstart|\bopent\b|\bgeopend|\bopening\b|\brichtt?\b.{0,60}\b(?:op|in)\b|\bopgericht|\bintroduceert|\bnieuwe?\b|\bpilootproject|\bproefproject|\bkomt er\b|\bstelt?\b.{0,80}\bter beschikking\b|\bter beschikking gesteld\b|\bkeurt?\b.{0,160}\bgoed\b|\bgoedgekeurd|\bgoedkeuring|\bkent?\b.{0,60}\btoe\b|(?<!\b(?:wordt|worden) )\btoegekend|\binvesteert|\bgeinvesteerd|\bvoorziet|\bvoortaan\b|\bverleent\b|\bkeert?\b.{0,80}\buit\b|\bgeeft\b|\bgaat in\b(?!.{0,60}\b(?:aanvraag|volgend op)\b)|\bin werking\b|\bslaan\b.{0,160}\bde handen in elkaar|\bsluiten\b.{0,20}\b(?:akkoord|overeenkomst|samenwerking)|\bvervangt\b|\btrekt\b.{0,80}\buit\b|\buitgetrokken\b|\bmaakt\b.{0,60}\bvrij\b/,
  ],
  ["announce", /\bkondigt?\b.{0,80}\baan\b|\baangekondigd|\bplant\b|\bplannen\b|\bwil\b|\bzal\b|\bzullen\b|\btegen 20\d\d|\bvolgend jaar|\bkomend jaar|\bin de toekomst\b|\bbinnenkort\b/],
];

/**
 * A second action in the same sentence, stated by its own verb: "zet X voort en breidt Y uit",
 * "schaft X af en vervangt hem door Y".
 */
const secondaryCues: [MeasureAction, RegExp][] = [
  ["continue", /\bzet\b.{0,60}\bvoort\b|\bverlengt\b/],
  ["expand", /\bbreidt?\b.{0,60}\buit\b/],
  ["increase", /\bverhoogt\b/],
  ["introduce", /\bvervangt?\b.{0,40}\bdoor\b/],
  // "komt er ter vervanging van de voedselpakketten": what it replaces ends.
  ["end", /\bter vervanging van\b/],
];

/**
 * A rule of a standing measure: a condition ("als uw inkomen…", "op voorwaarde dat…") or a
 * calculation ("het bedrag wordt verhoogd met 95 euro per kind ten laste"). Such a sentence
 * describes how the measure works, not a change of it, unless it reports a decision or a start.
 */
const ruleCue = /\b(?:als|indien|wanneer|zolang|mits)\b|\bop voorwaarde\b|\bvoorwaarden?\b|\b(?:verhoogd|verminderd|vermeerderd|verlaagd) met\b|\bper (?:kind|persoon) ten laste\b|\bten laste\b|\b(?:jaarlijks|automatisch|wordt|worden) (?:\S+ )?geindexeerd\b|\bmoet(?:en)?\b.{0,60}\b(?:verlengd|hernieuwd|aangevraagd|ingediend|betaald|terugbetaald) (?:worden|te worden)\b/;
/** A sentence that reports a decision or a start: its cues keep their action even amid rules. */
const decisionCue = /\bkeurt?\b.{0,160}\bgoed\b|\bgoedgekeurd|\bbesluit\b|\bbesliste\b|\bbesloot\b|\bbesloten\b|\bheeft beslist|\bsinds \d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 20\d\d\b.{0,40}\bniet langer\b|(?<!\b(?:geldig|geldt|toepassing)(?: \S+)? )\bvanaf (?:\d|1 (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december))|\bvoortaan\b|\bvan \S+ naar\b/;
/** An intention of a policy maker ("wil", "plant"); not the reader's wish ("wie een premie wil aanvragen"). */
const intention = /(?<!\bwie\b.{0,60})\b(?:wil|willen)\b|\bplant\b|\bplannen\b|\bkondigt?\b.{0,80}\baan\b|\baangekondigd/;
/** What a measure is for: "met deze maatregel wil het OCMW vermijden", "wil de toegankelijkheid bevorderen". */
const purpose = /\b(?:met (?:deze|dit|die|de)\b.{0,40}|hiermee |daarmee |zo )(?:wil|willen)\b|\b(?:wil|willen)\b.{0,80}\b(?:bevorderen|vermijden|voorkomen|helpen|ondersteunen|bereiken|verbeteren|stimuleren|versterken|verkleinen|bestrijden|tegengaan|aanpakken|dragen|zorgen)\b/;
/** An announcement said in so many words: "kondigt aan", "plant". */
const declared = /\bkondigt?\b|\baangekondigd|\bplant\b|\bplannen\b/;
/** Announcement cues other than a bare future tense ("zal", "zullen"). */
const otherAnnouncement = /\bkondigt?\b.{0,80}\baan\b|\baangekondigd|\bplant\b|\bplannen\b|\bwil\b|\bwillen\b|\btegen 20\d\d|\bvolgend jaar|\bkomend jaar|\bin de toekomst\b|\bbinnenkort\b/;
const futureTime = /\bvanaf\b|\bin 20\d\d\b|\btegen\b|\bbinnenkort\b|\bweldra\b|\bvolgende?\b|\bkomende?\b|\bdit jaar\b|\bin het (?:voorjaar|najaar)\b|\bna de zomer\b|\b(?:eind|begin|midden) 20\d\d\b/;
const policyMaker = /\b(?:stad|gemeente|ocmw|bestuur|stadsbestuur|gemeentebestuur|college|schepen|burgemeester|gemeenteraad|raad|we|wij|regering|minister)\b/;
/** A measure kept as before, even on a page that describes: "net als voorgaande jaren … opnieuw". */
const continuedCue = /\bopnieuw\b|\bnet als (?:de )?(?:voorgaande|vorige) jaren\b|\book dit jaar\b|\bverlengd\b|\bverlengt\b/;
/** Mentions of municipalities that may act: not one named only to locate another ("Sint-Martens-Latem bij Gent"). */
function actorMentions(sentences: readonly Sentence[], mentions: readonly MunicipalityMention[]): MunicipalityMention[] {
  const mentionsAt = indexSpans(mentions);
  const dropped = new Set<MunicipalityMention>();
  for (const sentence of sentences) {
    const within = mentionsAt.within(sentence);
    for (const mention of within) {
      const before = sentence.text.slice(Math.max(0, mention.start - sentence.start - 40), mention.start - sentence.start);
      // "CAW Boom-Mechelen-Lier": an organisation named after places is not the municipality.
      if (organisationName.test(before) || (within.length > 1 && locative.test(before))) dropped.add(mention);
    }
  }
  return mentions.filter((mention) => !dropped.has(mention));
}

const organisationName = /\b(?:caw|vzw|zorgbedrijf|welzijnsvereniging|ziekenhuis|az|woonmaatschappij|huisvestingsmaatschappij|politiezone|brandweerzone)\s+(?:\p{L}+-)*$/iu;
/** Words that locate a place by another one: "bij Gent", "vlak bij Brugge", "aan de grens met Lanaken". */
const locative = /\b(?:bij|nabij|vlakbij|naast|richting|grens met|in de buurt van|in de regio)\s+(?:het |de )?$/i;
/** A sentence addressing the reader ("je", "u"): an information page describing what exists. */
const addressesReader = /\b(?:je|jij|jouw|u|uw)\b/;
/** Cues of something new starting, which keep `introduce` even on a page that describes. */
const newCue = /\bnieuwe?\b|\bopent\b(?!.{0,40}rekening)|(?<!rekening.{0,40})\bgeopend\b|\bstart(?:t|en)? (?:met|een|de|het|in|op|vanaf)\b|\blanceert|\bgelanceerd|\bopgericht|\bpilootproject|\bproefproject|\bkomt er (?:een|nog)\b|\ber komt (?:een|nog)\b/;
/** A sentence presenting a further scheme beside the page's subject: "eveneens", "daarnaast" with a grant or service. */
const anotherScheme = /\b(?:eveneens|daarnaast|bovendien|tevens)\b.{0,80}\b(?:toelage|premie|tegemoetkoming|tussenkomst|dienst|dienstverlening|aanbod|korting|tarief)/;
/** Headings of an information page ("Wat?", "Voor wie?", "Voorwaarden", "Procedure", "Kostprijs"). */
const infoHeading = /\b(?:Wat\?|Voor wie|Voorwaarden|Procedure|Kostprijs|Kosten|Omschrijving|Hoe aanvragen|Wie komt in aanmerking|Meer info(?:rmatie)?|VOORWAARDEN|PROCEDURE)\b/gu;
/** Words of a standing measure: what one gets, pays or may ask. */
const standingCue = /\bkan (?:het|de) (?:ocmw|gemeente|stad|sociale dienst)\b|\b(?:ondersteuning|steun|hulp) (?:bij|voor|in)\b|\bbiedt\b|\baanbieden\b|\baanbod\b|\bbedraagt\b|\bbedragen\b|\bkrijg(?:t|en)?\b|\bontvang(?:t|en)?\b|\brecht op\b|\bkan (?:je|u)\b|\bkunt\b|\baanvragen\b|\bwordt (?:toegekend|uitbetaald|gegeven|terugbetaald)\b|\bkost\b|\bbetaal|\btarief\b|\bpremie\b|\btoelage\b|\btegemoetkoming\b|\btussenkomst\b|\bkorting\b/;

/**
 * Names of statuses, services and rates whose words look like changes: "verhoogde
 * tegemoetkoming" (a status), "verminderd tarief" (a rate), "Minder Mobielen Centrale" (a
 * service), "afbouw van uw schulden" (what debt help does), "bestendig(e) hulp" (lasting).
 */
const namedThings = /\bverhoogde (?:verzekerings)?tegemoetkoming\b|\b(?:individueel )?verminderde? (?:tarief|tarieven|bijdrage|prijs)\b|\bminder mobiel(?:en|e)?\b|\bafbouw van (?:uw|je|jouw|de|hun|zijn|haar) schulden\b|\bbestendige?\b|\bgoedkeuring (?:van )?(?:de |het )?(?:notulen|zittingsverslag|verslag|agenda|dagorde)\b|\bnieuwe? (?:huurcontract|huurwoning|woning|woonst|pand|adres|aanvraag|aanvragen|aanmelding|aanmeldingen|job|werk|school|schooljaar|lid|leden|klant|klanten|client|clienten|bewoner|bewoners|inwoner|inwoners)\b|\bstart(?:t|en)? (?:een |het |de )?(?:sociaal |financieel )?(?:onderzoek|procedure|dossier|gesprek)\b/g;
const amendment = /\b(?:wijziging|aanpassing|herziening|actualisatie|actualisering|verlenging|hernieuwing)\b.{0,60}reglement|reglement\w*\b.{0,80}\b(?:gewijzigd|aangepast|herzien|geactualiseerd|verlengd|hernieuwd)\b|\b(?:aanpassing|wijziging)\b \w*reglement/;
const planCue = /\bmeerjarenplan\w*|\bbeleidsplan|\bbeleidsdoelstelling|\bactieplan|\bop termijn\b/;
/** A proposal of a council faction or member ("stelde de CD&V-fractie voor", "pleitte de fractie ervoor"): no decision of the municipality. */
const isProposal = (folded: string) => faction.test(folded) && proposes.test(folded);
const faction = /fractie|\boppositie\w*|\braadslid\b|\braadsleden\b/;
const proposes = /\bstel(?:t|de|den)?\b.{0,80}\bvoor\b|\bpleit\w*|\bvoorstel\b/;
/** A regulation cited as the legal basis of what stands ("werd goedgekeurd en is van kracht sinds"): no decision reported. */
const legalBasis = /\bvan kracht\b|\blaatst gewijzigd\b|\bin werking sinds\b|\bgeldig sinds\b|\bin (?:een aantal|bepaalde|sommige) (?:situaties|gevallen)\b/;

/** A sentence folded for reading cues: names ("Nieuw Sint-Truiden") and named things blanked out. */
function foldForCues(sentence: string): string {
  return withoutNamedThings(foldText(sentence.replace(/(?<=\S\s)Nieuwe?(?= \p{Lu})/gu, (name) => " ".repeat(name.length))));
}

function withoutNamedThings(folded: string): string {
  const named = folded.replace(namedThings, " ");
  return legalBasis.test(named) ? named.replace(/\bgoedgekeurd\b|\bgoedkeuring\b|\bvastgesteld\b|\bgewijzigd\b|\bkeurt?\b.{0,160}\bgoed\b/g, " ") : named;
}

/** The action a sentence states, or null when it states none. */
export function readAction(sentence: string, amounts: readonly Amount[]): MeasureAction | null {
  return readActions(sentence, amounts)[0] ?? null;
}

/** Every action a sentence states: the main one first, then those stated by a verb of their own. */
export function readActions(sentence: string, amounts: readonly Amount[]): MeasureAction[] {
  const folded = foldForCues(sentence);
  // "van 1,2 naar 1,8 miljoen euro": the change itself tells up or down.
  const change = amounts.find((a) => a.previous !== undefined);
  const direction: MeasureAction | null = change?.previous === undefined ? null : change.value >= change.previous ? "increase" : "reduce";
  let main: MeasureAction | null = null;
  for (const [action, cue] of actionCues) {
    if (!cue.test(folded)) continue;
    main = direction && (action === "expand" || action === "introduce" || action === "announce" || action === "continue") ? direction : action;
    break;
  }
  main ??= direction;
  // "We willen de dienstverlening uitbreiden": an intention announces the change it names.
  if ((main === "expand" || main === "increase" || main === "introduce") && intention.test(folded)) main = "announce";
  // "Met deze huurwaarborg wil het OCMW de kosten helpen dragen": a purpose, not a plan.
  if (main === "announce" && purpose.test(folded) && !declared.test(folded)) main = null;
  // "… en zal alle betalingen verrichten": a future tense alone describes how a service works;
  // it announces only with a time ("vanaf", "tegen 2027", "volgend jaar") or a policy maker as subject.
  if (main === "announce" && !otherAnnouncement.test(folded) && !futureTime.test(folded) && !policyMaker.test(folded)) main = null;
  // "Als je aanvraag goedgekeurd wordt": a rule about the reader's application, not a decision.
  const reports = decisionCue.test(folded) && !(addressesReader.test(folded) && ruleCue.test(folded));
  // A rule of a measure, or what the reader gets or may ask, states the measure as it stands.
  // "wil", "zal" about the reader ("dat u die toelage zal krijgen") announce nothing; "kondigt aan", "plant" do.
  const announces = main === "announce" && (!addressesReader.test(folded) || declared.test(folded) || /\btegen 20\d\d|\bvolgend jaar|\bkomend jaar/.test(folded));
  const changes = main === "end" || main === "cut" || announces || newCue.test(folded);
  // "Het OCMW kan extra steun voorzien", "ouders mogen een korting vragen": a possibility the
  // measure offers, not a change. Only a change verb is read so ("Inschrijven kan online" is nothing).
  // A modal in a purpose ("om langer thuis te kunnen wonen") or between brackets says nothing of the measure.
  const possibility = main !== null && /(?<!\bte )\b(?:kan|kunnen|mag|mogen|eventueel)\b/.test(folded.replace(/\([^)]*\)/g, " "));
  if (!reports && !changes && (ruleCue.test(folded) || addressesReader.test(folded) || possibility)) return ["in_force"];
  if (!main) return [];
  // A regulation amended or renewed ("aanpassing voedselreglement", "wijziging van het reglement"):
  // the measure goes on, unless the sentence says up or more.
  if (main === "introduce" && amendment.test(folded)) main = "continue";
  // A plan's objective ("Beleidsdoelstelling 2", "in het meerjarenplan") announces; a proposal decides nothing.
  if (isProposal(folded)) return [];
  if (planCue.test(folded) && main !== "in_force") main = "announce";
  const actions = [main];
  for (const [action, cue] of secondaryCues) {
    if (!actions.includes(action) && cue.test(folded)) actions.push(action);
  }
  return actions;
}

export interface MeasureInput {
  sentences: readonly Sentence[];
  /** Themes per sentence (strong terms only), parallel to `sentences`. */
  sentenceThemes: readonly ThemeCode[][];
  /** Themes of the whole document, best first. */
  documentThemes: readonly ThemeCode[];
  mentions: readonly MunicipalityMention[];
  amounts: readonly Amount[];
  quantities: readonly Quantity[];
  dates: readonly TextDate[];
  /** Publishing municipality (from the source), used when a sentence names none. */
  publisher: string | null;
  documentDate: string | null;
  /**
   * The action of a sentence that names a theme but no action of its own: the operative part of
   * a decision enacts what it says ("Huurders krijgen een huursubsidie van 150 euro"), so there
   * it is `introduce`; elsewhere such a sentence states no measure.
   */
  defaultAction?: MeasureAction;
}

/**
 * Measures of a document: each sentence with an action and a theme (its own, or else the
 * document's main theme) is a piece of evidence for every municipality it names (or the publisher,
 * or the one named last before it, or the first one named); pieces of the same municipality, theme
 * and action are one measure.
 */
export function findMeasures(input: MeasureInput): Measure[] {
  const measures = new Map<string, Measure>();
  const amountsAt = indexSpans(input.amounts);
  const quantitiesAt = indexSpans(input.quantities);
  const mentionsAt = indexSpans(actorMentions(input.sentences, input.mentions));
  const datesAt = indexSpans(input.dates);
  // A page that describes (it addresses the reader or states rules) and reports no decision:
  // its "kent toe", "geeft", "voorziet" describe what exists, not something new.
  const folded = input.sentences.map((sentence) => foldForCues(sentence.text));
  const plan = planCue.test(folded[0] ?? "") && !folded.some((text) => decisionCue.test(text));
  const proposed = folded.some((text) => isProposal(text)) && !folded.some((text) => decisionCue.test(text));
  const documentYear = Number((input.documentDate ?? "").slice(0, 4)) || null;
  const background = (text: string) => documentYear !== null && [...text.matchAll(/\bin (19|20)(\d\d)\b/g)].some((m) => Number(m[1]! + m[2]!) < documentYear - 1);
  // "Vanaf 01/01/2002 wordt er een huisvestingspremie uitgekeerd": in force since long before the text.
  const standingSince = (text: string) =>
    documentYear !== null && [...text.matchAll(/\b(?:vanaf|sinds|met ingang van) (?:de |het )?(?:\d{1,2}[/.-]\d{1,2}[/.-]|\d{1,2} \p{L}+ )?((?:19|20)\d\d)\b/gu)].some((m) => Number(m[1]) < documentYear - 1);
  const headings = new Set(input.sentences.flatMap((sentence) => [...sentence.text.matchAll(infoHeading)].map((m) => m[0])));
  const describes = !folded.some((text) => decisionCue.test(text) && !standingSince(text)) && (folded.some((text) => addressesReader.test(text)) || folded.filter((text) => ruleCue.test(text)).length >= 2 || headings.size >= 2);
  // What the page is about is said first (its title or lead: "Sociaal tarief kinderopvang. Wie een
  // leefloon…"), when the page as a whole is about it too; else the page's strongest theme.
  const rank = (theme: ThemeCode) => {
    const at = input.documentThemes.indexOf(theme);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  const firstMention = [...input.mentions].sort((a, b) => a.start - b.start)[0];
  // Among the first themed sentence's strongest themes, the one the document ranks highest
  // ("Financiële tussenkomst in de schoolkosten": two strong terms, schoolkosten the page's theme).
  const firstThemed = input.sentences.find((_, i) => (input.sentenceThemes[i] ?? []).length > 0);
  const firstThemes = firstThemed ? strongestThemesOfSentence(firstThemed) : [];
  const firstTheme = [...firstThemes].sort((a, b) => rank(a) - rank(b))[0];
  const mainTheme = firstTheme && input.documentThemes.includes(firstTheme) ? firstTheme : input.documentThemes[0];
  input.sentences.forEach((sentence, i) => {
    // Aid granted to one person is a decision about that person, not a municipal measure.
    if (concernsOnePerson(sentence.text)) return;
    const amounts = amountsAt.within(sentence);
    const quantities = quantitiesAt.within(sentence);
    // A sentence's themes, strongest first; among equally strong ones the document's stronger first.
    const listed = input.sentenceThemes[i] ?? [];
    const strongest = listed.length > 1 ? strongestThemesOfSentence(sentence).sort((a, b) => rank(a) - rank(b)) : listed;
    const own = [...strongest, ...listed.filter((theme) => !strongest.includes(theme))];
    const read = readActions(sentence.text, amounts);
    const hasFigure = amounts.length > 0 || quantities.length > 0;
    // A sentence with a theme of its own that says what one gets or pays, without a change: the measure as it stands.
    const standing = own.length > 0 && (hasFigure || standingCue.test(folded[i] ?? "")) ? ["in_force" as const] : [];
    const stated = read.length > 0 ? read : input.defaultAction && own.length > 0 ? [input.defaultAction] : standing;
    // On a page that describes, a change verb describes too ("het OCMW kan bijkomende steun
    // voorzien"), unless the sentence reports a decision or a start.
    const reportsChange = (action: MeasureAction) =>
      (action === "introduce" ? newCue : action === "announce" ? otherAnnouncement : action === "continue" ? continuedCue : decisionCue).test(folded[i] ?? "");
    const since = standingSince(folded[i] ?? "");
    const described = describes || since ? [...new Set(stated.map((action) => (action === "in_force" || (reportsChange(action) && !since) ? action : "in_force")))] : stated;
    // A plan's objectives announce; a change dated years before the text is background; what a
    // faction proposes, before any decision, is no measure of the municipality.
    const actions = described
      .map((action) => (plan && action !== "in_force" ? ("announce" as const) : action))
      .filter((action) => action === "in_force" || (!background(folded[i] ?? "") && !(proposed && action !== "announce")));
    if (actions.length === 0) return;
    // A sentence that names no theme of its own speaks about the document's main theme.
    // A change is about one theme: the sentence's strongest, a second only when it is as strong.
    const themes = own.length > 0 ? own.slice(0, Math.max(1, Math.min(2, strongest.length))) : input.documentThemes.slice(0, 1);
    // A standing measure is the page's subject: other themes a sentence names are its conditions ("attest leefloon, budgetbeheer").
    // Unless the sentence presents another scheme of its own ("De gemeente voorziet eveneens in een
    // toelage voor gehandicapte bejaarden"): that is a second standing measure.
    const another = own[0] !== undefined && own[0] !== mainTheme && anotherScheme.test(folded[i] ?? "") && !ruleCue.test(folded[i] ?? "") ? [own[0]] : [];
    const themesOf = (action: MeasureAction) => (action === "in_force" ? [...(mainTheme ? [mainTheme] : []), ...another] : themes);
    const named = [...new Set(mentionsAt.within(sentence).map((m) => m.nis))];
    // Who acts in a sentence that names no municipality ("De stad verhoogt…"): the publisher, else
    // the one named last before it, else (a news lead before any name) the first one the text names.
    const earlier = input.publisher ? undefined : (mentionsAt.lastEndingBy(sentence.start) ?? firstMention);
    const municipalities = named.length > 0 ? named : input.publisher ? [input.publisher] : earlier ? [earlier.nis] : [];
    for (const municipality of municipalities) {
      for (const action of actions) {
        for (const theme of themesOf(action)) {
          const key = `${municipality}|${theme}|${action}`;
          const measure = measures.get(key) ?? newMeasure(municipality, theme, action, sentence);
          measure.amounts.push(...amounts);
          measure.quantities.push(...quantities);
          measure.dates.push(...datesAt.within(sentence));
          measure.evidence.push({ text: sentence.text, start: sentence.start, end: sentence.end, confidence: 0 });
          const signals = measure.signals;
          signals.ownTheme ||= own.includes(theme);
          signals.namedMunicipality ||= named.includes(municipality);
          signals.pieces++;
          signals.mainTheme = theme === mainTheme;
          signals.describes = describes;
          signals.reported ||= decisionCue.test(folded[i] ?? "") || newCue.test(folded[i] ?? "");
          signals.amount ||= amounts.length > 0;
          signals.publisher = municipality === input.publisher;
          signals.themeRank = input.documentThemes.indexOf(theme);
          measures.set(key, measure);
        }
      }
    }
  });
  introduceAdoptedRegulation(input, folded, measures, mainTheme);
  dropExecutedSchemes(folded, measures, mainTheme);
  // A measure the document reports a change of is not also listed as it stands (a change only
  // announced leaves the measure standing until then).
  const changed = new Set([...measures.values()].filter((m) => m.action !== "in_force" && m.action !== "announce").map((m) => `${m.municipality}|${m.theme}`));
  const kept = [...measures.values()].filter((m) => m.action !== "in_force" || !changed.has(`${m.municipality}|${m.theme}`));
  for (const measure of kept) measure.signals.measuresInDocument = kept.length;
  return kept.map((m) => finishMeasure(m, input.documentDate));
}

/**
 * Federal schemes that the OCMW only executes: the heating allowance of the Sociaal
 * Verwarmingsfonds ("verwarmingstoelage", "stookolietoelage", "stookoliefonds") and the federal
 * installation premium. A page that describes one states no measure of the municipality.
 */
const executedScheme = /\bverwarmingstoelage|\bstookolietoelage|\bstookoliefonds|\bverwarmingsfonds|\binstallatiepremie/;

/**
 * A page saying the Flemish or federal government grants the scheme ("De Vlaamse overheid voorziet
 * … een financiële tussenkomst", the Agentschap Wonen, the eviction fund), and nothing that makes it
 * the municipality's own, describes a scheme the OCMW helps people apply for.
 */
const higherScheme = /\b(?:de )?(?:vlaamse|federale) (?:overheid|regering)\b.{0,40}\b(?:voorziet|geeft|kent|betaalt|biedt|financiert)|\bagentschap wonen\b|\bfonds (?:ter )?bestrijding (?:van )?uithuiszetting/;
const localOwnership = /\beigen (?:reglement|middelen|budget|regeling)\b|\b(?:gemeentelijke|stedelijke)\b|\bgemeenteraad\b|\bocmw-raad\b|\braad voor maatschappelijk welzijn\b/;

function dropExecutedSchemes(folded: readonly string[], measures: Map<string, Measure>, mainTheme: ThemeCode | undefined): void {
  const subject = folded.find((text) => text.trim() !== "") ?? "";
  const higher = folded.some((text) => higherScheme.test(text)) && !folded.some((text) => localOwnership.test(text));
  for (const [key, measure] of measures) {
    if (measure.action !== "in_force") continue;
    const aboutScheme = (measure.theme === mainTheme && (executedScheme.test(subject) || higher)) || measure.evidence.every((piece) => executedScheme.test(foldText(piece.text)));
    if (aboutScheme) measures.delete(key);
  }
}

/** A regulation ("reglement", "toelagereglement", "retributiereglement") and its adoption ("keurt goed", "stelt vast"). */
const regulationWord = /reglement\b/;
/** What makes a regulation social: it grants, prices or helps (not a council's rules of procedure). */
const socialRegulation = /toelage|premie|tegemoetkoming|tussenkomst|\bsteun|tarief|tarieven|retributie|korting|sociale?\b|welzijn|\bhulp|\bocmw\b|\bbijzonder comite/;
const adoptionCue = /\bkeurt?\b.{0,160}\bgoed\b|\bgoedgekeurd\b|\bstelt?\b.{0,120}\bvast\b|\bvastgesteld\b|\bgoed te keuren\b|\bvast te stellen\b/;

/**
 * A council decision adopting a regulation introduces the measure it regulates: the rules it
 * states are the new measure (`introduce`, not `in_force`), and a regulation on no theme of the
 * taxonomy is still a measure, of theme `other`, stated by the sentence that names it.
 */
function introduceAdoptedRegulation(input: MeasureInput, folded: readonly string[], measures: Map<string, Measure>, mainTheme: ThemeCode | undefined): void {
  const naming = folded.findIndex((text) => regulationWord.test(text));
  if (naming < 0 || !folded.some((text) => adoptionCue.test(text))) return;
  if (!mainTheme && !socialRegulation.test(folded.join(" "))) return;
  // An amended or renewed regulation continues its measure rather than introducing it.
  const adopted: MeasureAction = folded.some((text) => amendment.test(text)) ? "continue" : "introduce";
  for (const [key, measure] of [...measures]) {
    if (measure.action !== "in_force") continue;
    measures.delete(key);
    const introduced = `${measure.municipality}|${measure.theme}|${adopted}`;
    const existing = measures.get(introduced);
    if (!existing) {
      measures.set(introduced, { ...measure, action: adopted });
      continue;
    }
    existing.amounts.push(...measure.amounts);
    existing.quantities.push(...measure.quantities);
    existing.dates.push(...measure.dates);
    existing.evidence.push(...measure.evidence.filter((piece) => !existing.evidence.some((e) => e.start === piece.start)));
    existing.signals.pieces += measure.signals.pieces;
  }
  const theme = mainTheme ?? "other";
  if ([...measures.values()].some((m) => m.theme === theme && (m.action === "introduce" || m.action === adopted))) return;
  const sentence = input.sentences[naming]!;
  const municipality = input.publisher ?? input.mentions.find((m) => m.start >= sentence.start)?.nis ?? input.mentions[0]?.nis;
  if (!municipality) return;
  const measure = newMeasure(municipality, theme, adopted, sentence);
  measure.evidence.push({ text: sentence.text, start: sentence.start, end: sentence.end, confidence: 0 });
  Object.assign(measure.signals, { ownTheme: theme !== "other", pieces: 1, mainTheme: true, reported: true, publisher: municipality === input.publisher, themeRank: input.documentThemes.indexOf(theme) });
  measures.set(`${municipality}|${theme}|${adopted}`, measure);
}

function newMeasure(municipality: string, theme: ThemeCode, action: MeasureAction, sentence: Sentence): Measure {
  const summary = sentence.text.length > 300 ? `${sentence.text.slice(0, 297).trimEnd()}…` : sentence.text;
  const signals: MeasureSignals = {
    ownTheme: false,
    namedMunicipality: false,
    pieces: 0,
    mainTheme: false,
    describes: false,
    reported: false,
    amount: false,
    publisher: false,
    themeRank: -1,
    measuresInDocument: 1,
  };
  return { municipality, theme, action, summary, amounts: [], quantities: [], dates: [], startsOn: null, endsOn: null, evidence: [], signals, confidence: 0, fingerprint: "" };
}

function finishMeasure(measure: Measure, documentDate: string | null): Measure {
  const start = measure.dates.find((d) => !/^(?:tot|t\.e\.m)/i.test(d.text));
  const end = measure.dates.find((d) => d !== start && (start === undefined || d.date > start.date));
  const key = measure.amounts.length > 0
    ? `eur:${Math.round(Math.max(...measure.amounts.map((a) => a.value)) * 100)}`
    : measure.quantities[0]
      ? `qty:${measure.quantities[0].value}:${measure.quantities[0].unit}`
      : `year:${(start?.date ?? documentDate ?? "").slice(0, 4)}`;
  const fingerprint = createHash("sha256").update(`${measure.municipality}|${measure.theme}|${measure.action}|${key}`).digest("hex").slice(0, 32);
  const confidence = measureConfidence(measure.action, measure.signals);
  // Each piece of evidence carries the measure's confidence as read from this document.
  const evidence = measure.evidence.map((piece) => ({ ...piece, confidence }));
  return { ...measure, evidence, confidence, startsOn: start?.date ?? null, endsOn: end?.date ?? null, fingerprint };
}
