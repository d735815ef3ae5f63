import { municipalityRegister } from "../../db/reference/municipality-register.js";
import { ambiguousNames } from "../../db/reference/municipality-names.js";

/**
 * The words around a name that tell whose name it is: a title of a private person, an office or a
 * staff role (named on purpose), an organisation, a municipality, the words of individual aid.
 * Read by `pii-names.ts`; every list here is Dutch as BCSD decisions, minutes and press texts
 * write it.
 */

const GAP = String.raw`[^\S\n]+`;

/** Titles of a private person, and the roles a BCSD decision gives the person it is about. */
const TITLE = String.raw`(?:mevrouw|mevr\.?|mw\.?|mej\.?|juffrouw|(?:de${GAP})?heer|dhr\.?|meneer|mijnheer|cli[eë]nte?|betrokkene|aanvrager|aanvraagster|verzoeker|verzoekster|begunstigde|rechthebbende|studente?|leerling|minderjarige|bewoner|bewoonster|huurder|huurster|weduwe|echtgeno(?:ot|te)|gezin|familie)`;
const titleWord = new RegExp(String.raw`^${TITLE}$`, "iu");
const titleBefore = new RegExp(String.raw`(?:^|[^\p{L}])${TITLE}${GAP}$`, "iu");

/** Offices and staff roles: a name with one of these beside it is named on purpose. */
const OFFICE = String.raw`(?:burgemeester|schepenen|schepen|voorzitster|(?:onder)?voorzitter|(?:gemeente|ocmw-)?raadsleden|(?:gemeente|ocmw-)?raadslid|fractieleider|gedeputeerde|gouverneur|minister|staatssecretaris|parlementslid|volksvertegenwoordiger|senator|(?:algemeen|financieel|adjunct-algemeen)${GAP}directeur|directeur|secretaris|notulist|diensthoofd|co[oö]rdinator|teamleider|teamverantwoordelijke|(?:maatschappelijk${GAP})?werkers?|(?:maatschappelijk|sociaal)${GAP}assistente?|assistente?|trajectbegeleider|begeleider|begeleidster|consulente?|stafmedewerker|beleidsmedewerker|medewerkers?|medewerkster|woordvoerder|woordvoerster|persverantwoordelijke|juriste?|deskundige|verslaggever|contactpersoon|ambtenaar|kabinetschef|dokter|arts|advocaat|notaris|bewindvoerder|schuldbemiddelaar|auteur|journalist|redacteur|lid|leden)`;
const officeWord = new RegExp(String.raw`^(?:[\p{L}]+-)?${OFFICE}$`, "iu");
/** An office before the name, or the words that introduce whoever proposes a decision ("op voorstel van X"). */
const officeBefore = new RegExp(
  String.raw`(?:(?:^|[^\p{L}])(?:[\p{L}]+-)?${OFFICE}[\s,:]*(?:${TITLE}${GAP})?|(?:op${GAP}voorstel|op${GAP}initiatief|namens)(?:${GAP}van)?${GAP})$`,
  "iu",
);
const officeAfter = new RegExp(String.raw`^\s*[,(–-]?\s*(?:de${GAP}|het${GAP}|als${GAP})?(?:[\p{L}]+-)?${OFFICE}(?![\p{L}])`, "iu");

/** Capitalised words that open sentences and titles, not names. */
const openers = new Set(
  "het een dit deze die dat zij hij ze wij we er zo ook maar en of als in aan voor met bij na om tot uit over vanaf sinds wie wat waar hoe dan daar hier omdat want nadat indien tijdens volgens zitting artikel art punt agendapunt besluit beslissing stemming aanwezig verontschuldigd afwezig goedkeuring kennisname contact bijlage individuele individueel financiële financiele".split(" "),
);
/** Words of organisations, bodies and places: a name holding one is not a person's. */
const institutions = new Set(
  "stad gemeente ocmw sociaal sociale huis dienst diensten comité comite raad college vzw cvba bv nv centrum kruis rode fonds vereniging regering overheid vlaamse vlaams vlaanderen belgische belgië federale provincie kind gezin school kerk club team bank kantoor agentschap ministerie welzijn zaken werk wonen zorg huisvesting maatschappij bijzonder woonzorgcentrum lokaal lokale bestuur gemeenteraad politie rechtbank vredegerecht project programma".split(" "),
);
/** Acronyms of bodies and numbers, written in capitals like a surname. */
const acronyms = new Set("OCMW BCSD RMW CAW VVSG RIZIV VDAB FOD POD CPAS SVK CGG WZC LDC DVC BTW IBAN RRN KBC NV BV VZW CVBA UZ AZ GAS".split(" "));
/** Endings of compound organisation and street names ("Welzijnsschakels", "Verhuurkantoor", "Kerkstraat"). */
const institutionEnding = /(?:huis|centrum|dienst|kantoor|fonds|werk|opbouw|schakels|kring|bank|punt|raad|zorg|netwerk|platform|vereniging|school|maatschappij|bond|partners|groep|instituut|federatie|straat|laan|steenweg|plein|dreef|markt|kaai)$/;

/** Words of individual social aid: a name in such a sentence may belong to its recipient. */
const aidSentence =
  /steun|leefloon|hulp|toelage|tussenkomst|bijstand|premie|uitkering|schuld|opvang|toegekend|toe te kennen|toegestaan|\bkent\b.{0,80}\btoe\b|\bkennen\b.{0,80}\btoe\b|verleen|geweigerd|weiger|aanvraag|aangevraagd|dossier|cli[eë]nt|voorschot|waarborg|lening|betrokkene|geboren|wonende|woonachtig|gedomicilieerd|leefgeld|budgetbeheer|budgetbegeleiding|bemiddeling|afbetaling|uitstel van betaling|achterstal|rijksregister|\brrn\b|\binsz\b|ten laste (?:te )?nem|ten laste genomen|\bneemt\b.{0,80}\bten laste\b/i;
/** Nouns of aid that a title or a vote subject puts right before the recipient ("Leefloon - X", "Aanvraag huurwaarborg X"). */
const AID_NOUN = String.raw`\p{L}*(?:steun|leefloon|hulp|tussenkomst|toelage|premie|uitkering|voorschot|waarborg|lening|bijstand|aanvraag|dossier|weigering|herziening|terugvordering|bemiddeling|budgetbeheer|factuur)`;
const aidNoun = new RegExp(String.raw`^${AID_NOUN}$`, "iu");
/** Past participles and particles of handing aid over: "toegekend aan", "uitbetaald aan", "kent … toe aan". */
const AID_VERB = String.raw`toegekend|toegestaan|verleend|uitbetaald|betaald|uitgekeerd|geweigerd|toegewezen|terugbetaald|toe`;
/**
 * What hands aid to the person named next: a verb right before the name ("verleent X"), an aid
 * noun right before it in a title ("Leefloon - X", "Aanvraag huurwaarborg X"), or a preposition
 * shortly after a word of aid ("toegekend aan X", "de steunaanvraag van X", "tussenkomst voor X")
 * or opening the sentence ("Aan X wordt een leefloon toegekend"). A preposition alone is not
 * enough: "de opstart van Housing First" names a programme.
 */
const handedTo = new RegExp(
  String.raw`(?:^[\s"'“‘(–-]*(?:aan|voor)${GAP}|(?:^|[^\p{L}])(?:(?:verleent|kent|geeft|betaalt|ontvangt|krijgt|weigert)${GAP}|${AID_NOUN}[^\S\n]*[:–-]?[^\S\n]*|(?:${AID_NOUN}|${AID_VERB})(?:${GAP}[^\s.;:!?]+){0,3}${GAP}(?:aan|voor|van|ten${GAP}gunste${GAP}van|ten${GAP}voordele${GAP}van|op${GAP}naam${GAP}van|inzake|betreffende)${GAP}))$`,
  "iu",
);
/** "X krijgt", and with an age between, as press texts write it: "Hanne D. (32) kreeg". */
const receivesAfter = /^(?:[^\S\n]*\(\d{1,3}(?:[^\S\n]*jaar)?\))?[^\S\n]+(?:krijgt|ontvangt|vraagt|verzoekt|heeft recht|geniet|kreeg|ontving|vroeg)\b/i;
const sentenceOpening = /^[\s"'“‘(–-]*$/;
/** A birth date, an address or an identification number right after a name identifies its person. */
const detailsAfter = /^\s*(?:,\s*|\(\s*|[-–:]\s*)?(?:°|geboren|geb\.|wonende|woonachtig|gedomicilieerd|verblijvend|rijksregisternummer|rijksregisternr|rrn\b|insz\b|identificatienummer)/i;
/**
 * A record of one person, as BCSD lists and vote subjects write it: a label ("Naam:", "Cliënt:")
 * before the name, or a numbered item that opens with the name and goes on after a colon or dash
 * ("3. EL HADDAOUI Mohamed: dringende medische hulp").
 */
const recordLabelBefore = /(?:^|[\n|;])[^\S\n]*(?:naam(?:[^\S\n]+en[^\S\n]+voornaam)?|voornaam[^\S\n]+en[^\S\n]+naam|cli[eë]nte?|aanvrager|aanvraagster|begunstigde)[^\S\n]*:[^\S\n]*$/i;
const listItemBefore = /(?:^|\n)[^\S\n]*\d{1,3}[.)][^\S\n]+$/;
const recordGoesOn = /^[^\S\n]*[:–-]/;

/**
 * Municipality names that end an organisation's local branch ("Poverello Brugge", "Okra Aalst");
 * names that are also first names or words (Brecht, Peer, Mol…) are left out.
 */
let municipalityNames: ReadonlySet<string> | undefined;
export function isMunicipalityName(word: string): boolean {
  municipalityNames ??= new Set(municipalityRegister().all().map((m) => m.name).filter((name) => !ambiguousNames.has(name)));
  return municipalityNames.has(word);
}

/** Whether a word opens no name: a title, an office, an organisation's word, an acronym, a word of aid or a sentence opener ("Het", "Aan"). */
export function opensNoName(word: string): boolean {
  return isOrganisationalWord(word) || titleWord.test(word) || aidNoun.test(word);
}

/** Whether a word belongs to an organisation, a body, a street, an office or a sentence opening rather than to a person's name. */
export function isOrganisationalWord(word: string): boolean {
  const lower = word.toLowerCase();
  return institutions.has(lower) || acronyms.has(word) || institutionEnding.test(lower) || officeWord.test(word) || openers.has(lower);
}

/** Whether the text right before a name ends in a title of a private person ("mevrouw", "de heer", "cliënt"). */
export function endsInTitle(before: string): boolean {
  return titleBefore.test(before);
}

/** Whether an office or a staff role stands right before or after a name ("schepen X", "X, burgemeester", "op voorstel van X"). */
export function hasOfficeBeside(before: string, after: string): boolean {
  return officeBefore.test(before) || officeAfter.test(after);
}

/** Whether a sentence speaks of individual social aid. */
export function speaksOfAid(sentence: string): boolean {
  return aidSentence.test(sentence);
}

/**
 * Whether the words around a name hand aid to it: "toegekend aan X", "verleent X", "Leefloon - X",
 * "X krijgt…" at the start of a sentence, or a record of one person ("Naam: X", "3. X: …").
 */
export function handsAidTo(before: string, after: string): boolean {
  return (
    handedTo.test(before) ||
    recordLabelBefore.test(before) ||
    (listItemBefore.test(before) && recordGoesOn.test(after)) ||
    (sentenceOpening.test(before) && receivesAfter.test(after))
  );
}

/** Whether a birth date or an address follows a name ("X, geboren op", "X (°…)", "X, wonende te"). */
export function isFollowedByPersonalDetails(after: string): boolean {
  return detailsAfter.test(after);
}
