/**
 * The Dutch the benchmark seed writes with: a ranked vocabulary (function words first, then the
 * words of local-government texts, the policy words of scrapers/normalise/theme-lexicon.ts, and
 * compounds built from policy parts), drawn with Zipf frequencies so that the full-text index sees
 * the skew of real prose: a few words in every document, thousands of words in few.
 *
 * The two marker words of the search benchmarks are kept out of the vocabulary: the seed places
 * them itself, in a known share of the documents (test/bench/seed.ts).
 */
import type { ThemeCode } from "../../db/reference/taxonomies.js";
import { type Random, WeightedChoice, zipfWeights } from "./seed-random.js";

/** In about 0.1 % of documents. Its parts (zorg, budget, cheque) never meet elsewhere: no other word holds `cheque`. */
export const RARE_TERM = "zorgbudgetcheque";
/** In about 10 % of documents; no other word holds `leefloon` or its stem. */
export const COMMON_TERM = "leefloon";
/** No vocabulary word may contain these: they would add hits to the marker words. */
const RESERVED = [/leeflo/, /cheque/];

/** The most frequent words of Dutch prose, most frequent first. */
const FUNCTION_WORDS = `de het een van en in is op te dat voor met die zijn niet aan er om ook als door bij
of worden wordt naar uit tot over kan dit nog maar hun deze meer wel zo al ze we geen u onder werd na dan
waar heeft hebben had moet kunnen zal alle andere tussen omdat zoals zich sinds tegen binnen per elke ons
onze wie wat welke hoe toch nu eerst daarna verder bovendien daarom echter ongeveer extra nieuwe eerste
twee drie vier vijf tien zeer vooral enkel samen reeds steeds opnieuw zowel hierbij daarbij waarbij
waarvan hiervoor daarvoor hierdoor volgens via rond zonder vanaf gedurende tijdens zodat indien wanneer`;

/** Words of council decisions and municipal news, roughly by frequency. */
const COMMON_WORDS = `gemeente stad college gemeenteraad raad besluit beslissing reglement artikel ocmw bestuur
dienst diensten inwoners bewoners mensen gezinnen kinderen ouders jongeren ouderen senioren personen
aanvraag aanvragen ondersteuning steun hulp begeleiding project projecten partners organisaties
vereniging verenigingen werking budget kosten bedrag euro subsidie subsidies overeenkomst samenwerking
beleid beleidsplan meerjarenplan actie acties doelstelling kader decreet wet regelgeving goedkeuring
voorstel advies agenda zitting punt stemming vaststelling periode datum maand week dag termijn werkdagen
sociaal sociale lokale lokaal vlaamse federale welzijn zorg armoede kwetsbare betaalbare wonen woning
huur energie voedsel gezondheid onderwijs school scholen opvang werk vrije tijd cultuur sport jeugd buurt
wijk wijken centrum huis schepen burgemeester keurt goed beslist voorziet ontvangt krijgen krijgt
betaalt biedt helpt zorgt wil vraagt werkt blijft start loopt gaat komt maakt stelt neemt geeft houdt
brengt zoekt staat belangrijk nodig mogelijk duidelijk beschikbaar financiële maatschappelijke concrete
praktische jaarlijkse maandelijkse bijkomende aanvullende structurele tijdelijke nieuwe bestaande
huidige vorige volgende eigen grote kleine goede lage hoge gratis verschillende bepaalde volledige
bedragen uitgaven ontvangsten kredieten begroting jaarrekening aanpassing wijziging verlenging toekenning
kennisname bekrachtiging verslag evaluatie overleg vergadering oproep aanbod vraag nood behoefte
situatie probleem oplossing aanpak maatregel maatregelen regeling voorwaarden criteria doelgroep
aanvrager aanvragers rechthebbenden gebruikers deelnemers vrijwilligers medewerkers team
maatschappelijk werker consulent loketten afspraak afspraken informatie communicatie website brief
formulier attest bewijs inkomen inkomsten gezinsinkomen woonplaats adres grondgebied provincie
overheid minister regering agentschap partner netwerk platform zorgraad welzijnsraad adviesraad
sector openbaar dienstverlening toegang drempels rechten plichten kansen jaar jaren vandaag morgen
binnenkort onmiddellijk dringend voldoende telkens zeker opnieuw samenwerken investeren versterken
uitbreiden verhogen verlagen verlengen starten stoppen afschaffen invoeren toekennen goedkeuren
beslissen voorzien ondersteunen begeleiden informeren bereiken helpen vragen ontvangen betalen
wijzigen aanpassen organiseren coördineren opvolgen evalueren`;

/** Policy words per theme, the evidence the theme lexicon reads (scrapers/normalise/theme-lexicon.ts). */
export const THEME_WORDS: Record<ThemeCode, readonly string[]> = {
  income_support: ["sociale bijstand", "koopkracht", "minimuminkomen", "referentiebudget", "inkomensgarantie", "toelage", "toelagen", "premie", "uitkering", "uitkeringen", "crisispremie", "steunpremie", "aanvullende financiële steun"],
  housing: ["huurpremie", "huursubsidie", "huurtoelage", "huurwaarborg", "woonloket", "woonwinkel", "woonbeleid", "woonmaatschappij", "renovatiepremie", "leegstand", "huisvesting", "huurwoning", "huurwoningen", "sociale woning", "conformiteitsattest", "woningkwaliteit", "aanpassingspremie"],
  evictions: ["uithuiszetting", "uithuiszettingen", "huurachterstal", "huurschuld", "vrederechter", "woonzekerheid"],
  homelessness: ["daklozen", "dakloosheid", "thuislozen", "nachtopvang", "winteropvang", "winterplan", "herstelbedden", "inloopcentrum", "daklozenopvang", "noodopvang", "crisisopvang", "noodwoning", "transitwoning", "straathoekwerk", "dak- en thuislozen", "housing first"],
  childcare_family: ["kinderopvang", "kinderarmoede", "kinderdagverblijf", "onthaalouders", "opvanggezin", "buitenschoolse opvang", "gezinsondersteuning", "opvoedingsondersteuning", "groeipakket", "consultatiebureau", "geboortepremie", "babykit", "luierpremie", "opvangplaatsen", "huis van het kind"],
  health: ["geestelijke gezondheid", "psycholoog", "psychologen", "tandzorg", "tandarts", "mondzorg", "wijkgezondheidscentrum", "huisarts", "huisartsen", "eerstelijnszorg", "gezondheidszorg", "verslavingszorg", "drughulp", "medicatie", "apotheek"],
  food_aid: ["voedselbank", "voedselhulp", "voedselbedeling", "voedselpakket", "voedselpakketten", "voedselverdeling", "voedselstrategie", "voedseloverschotten", "sociale kruidenier", "sociaal restaurant", "buurtrestaurant", "schoolmaaltijden", "soepbar", "foodsavers"],
  debt_energy: ["schuldbemiddeling", "schuldhulpverlening", "budgetbeheer", "budgetbegeleiding", "collectieve schuldenregeling", "afbetalingsplan", "budgetmeter", "energiearmoede", "energiefactuur", "energiefacturen", "energierekening", "energiescan", "energiesnoeier", "verwarmingstoelage", "energiefonds", "stookolie", "energiepremie", "waterfactuur"],
  work_activation: ["activering", "tewerkstelling", "sociale economie", "maatwerkbedrijf", "werkervaring", "leerwerkplek", "trajectbegeleiding", "werkzoekenden", "werklozen", "sollicitatie", "werkwinkel", "jobcoach", "jobbeurs", "arbeidsmarkt"],
  elderly_care: ["woonzorgcentrum", "woonzorgcentra", "assistentiewoning", "assistentiewoningen", "serviceflat", "dagverzorging", "dienstencentrum", "dementie", "personenalarm", "ouderenzorg", "seniorenzorg", "kortverblijf", "dagprijs", "thuiszorg", "gezinszorg", "mantelzorg", "mantelzorgpremie", "zorgbudget"],
  rights_access: ["rechtentoekenning", "rechtenverkenning", "onderbescherming", "buurtteam", "wijkteam", "outreach", "brugfiguur", "brugfiguren", "welzijnsloket", "welzijnsschakel", "eerstelijnsloket", "sociale kaart", "sociaal huis", "zitdag"],
  participation: ["uitpas", "vrijetijdsparticipatie", "sportparticipatie", "cultuurparticipatie", "participatiefonds", "vrijetijdspas", "kansentarief", "kansenpas", "schoolkosten", "schoolmateriaal", "schooluitstap", "maximumfactuur", "lidgeld", "speelpleinwerking"],
  disability: ["handicap", "beperking", "rolstoel", "integratietegemoetkoming", "persoonsvolgend budget", "zorgtoelage", "mindervaliden"],
  mobility: ["mindermobielen", "mindermobielencentrale", "rolstoeltaxi", "aangepast vervoer", "vervoersdienst", "mobiliteitspremie", "busabonnement", "fietsles", "fietsbieb", "deelfiets"],
  digital_inclusion: ["digipunt", "digitale inclusie", "digitale kloof", "digihulp", "digicoach", "computerles", "laptops", "smartphone"],
  integration_language: ["inburgering", "taalles", "taallessen", "taalcoach", "taalondersteuning", "conversatietafel", "nieuwkomers", "anderstaligen", "vluchtelingen"],
  other: ["huisvuilophaling", "afvalbelasting", "restafval", "huisvuilzakken", "diftar"],
};

/** First parts and heads that Dutch policy texts join into compounds (`woon` + `premie`). */
const COMPOUND_FIRSTS = `kinder woon zorg huur energie voedsel schuld budget school jeugd senioren buurt wijk gezins welzijns
armoede inkomens opvang gezondheids water vervoers taal sport cultuur vakantie winter nood crisis
thuis dag nacht eerstelijns ouderen jongeren studie werk leer speel vrijetijds mantel`;
const COMPOUND_HEADS = `premie toelage fonds plan loket dienst centrum huis werking project beleid kosten team
begeleiding ondersteuning aanbod reglement subsidie budget pas kaart netwerk punt werkers coach
middelen regeling traject verlening partner overleg aanvraag consulent factuur tarief`;

const wordsOf = (list: string) => list.split(/\s+/u).filter(Boolean);

/** What a token of the vocabulary is: its text and whether it belongs to a theme. */
export interface Vocabulary {
  /** Every word (or short phrase), most frequent first. */
  words: readonly string[];
  /** Draws an index into `words` with Zipf frequencies. */
  anyWord: WeightedChoice;
  /** Draws an index into `contentWords` (no function words), with Zipf frequencies: for titles. */
  contentWords: readonly string[];
  anyContentWord: WeightedChoice;
}

/**
 * The ranked vocabulary: function words first, then common words with a policy word after every
 * third, then the compounds of policy parts. A few thousand entries; no reserved word among them.
 */
export function buildVocabulary(): Vocabulary {
  const common = wordsOf(COMMON_WORDS);
  const policy = Object.values(THEME_WORDS).flat();
  const interleaved: string[] = [];
  for (let i = 0, p = 0; i < common.length || p < policy.length; i++) {
    if (i < common.length) interleaved.push(common[i] as string);
    if (i % 3 === 2 && p < policy.length) interleaved.push(policy[p++] as string);
  }
  const compounds: string[] = [];
  const firsts = wordsOf(COMPOUND_FIRSTS);
  const heads = wordsOf(COMPOUND_HEADS);
  // Diagonal order, so that the more frequent ranks hold compounds of many different parts.
  for (let d = 0; d < firsts.length + heads.length; d++) {
    for (let f = 0; f <= d && f < firsts.length; f++) {
      const h = d - f;
      if (h < heads.length) compounds.push(`${firsts[f]}${heads[h]}`);
    }
  }
  const functionWords = wordsOf(FUNCTION_WORDS);
  const words = [...new Set([...functionWords, ...interleaved, ...compounds])];
  const reserved = words.find((word) => RESERVED.some((pattern) => pattern.test(word)));
  if (reserved) throw new Error(`the vocabulary holds "${reserved}", which would add hits to a marker word`);
  const contentWords = words.filter((word) => !functionWords.includes(word));
  return {
    words,
    anyWord: new WeightedChoice(zipfWeights(words.length, 1.05)),
    contentWords,
    anyContentWord: new WeightedChoice(zipfWeights(contentWords.length, 0.9)),
  };
}

/** A word of the vocabulary, Zipf-distributed. */
export function drawWord(vocabulary: Vocabulary, random: Random): string {
  return vocabulary.words[vocabulary.anyWord.draw(random)] as string;
}

/** A word for a title: no function words. */
export function drawContentWord(vocabulary: Vocabulary, random: Random): string {
  return vocabulary.contentWords[vocabulary.anyContentWord.draw(random)] as string;
}
