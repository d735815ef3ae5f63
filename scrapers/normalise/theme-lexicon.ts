import type { ThemeCode } from "../../db/reference/taxonomies.js";

export type { ThemeCode };

/**
 * Dutch terms that show a theme, as patterns on folded text (lower case, no accents). Patterns
 * are stems that also match inside compounds and inflections ("huursubsidie" matches
 * "huursubsidies" and "gemeentelijke huursubsidie"); `\b` marks where a stem must start or end
 * a word. Weight 3: the term alone settles the theme; 2: a strong sign; 1: context that counts
 * only together with other signs.
 */
export interface ThemeTerm {
  pattern: string;
  weight: 1 | 2 | 3;
}

export const themeLexicon: Record<ThemeCode, ThemeTerm[]> = {
  income_support: [
    // "met een leefloon", "leefloners": the people a measure of another theme is for, not income support itself.
    { pattern: String.raw`(?<!met (?:een |het )?|hun |naast (?:hun |een |het )?)leefloo?n(?!er|gerechtigd)`, weight: 3 },
    { pattern: String.raw`leefloners?\b|met (?:een |het )?leefloon|(?:hun|naast) (?:hun |een |het )?leefloon`, weight: 1 },
    { pattern: String.raw`aanvullende (?:financiele )?(?:steun|hulp|bijstand|toelage)`, weight: 3 },
    { pattern: String.raw`financiele (?:steun|hulp|tussenkomst|ondersteuning)|tussenkomst in de (?:kosten|uitgaven)`, weight: 2 },
    { pattern: String.raw`sociale bijstand`, weight: 3 },
    { pattern: String.raw`sociale (?:toelage|premie)|gemeentelijke (?:toelage|premie)`, weight: 2 },
    { pattern: String.raw`koopkracht`, weight: 2 },
    { pattern: String.raw`inkomensgarantie|minimuminkomen|inkomensondersteun|referentiebudget`, weight: 3 },
    { pattern: String.raw`\b(?:laag|lage|beperkt|beperkte|bescheiden) inkomen`, weight: 1 },
    { pattern: String.raw`\bleefloongerechtigd`, weight: 1 },
    { pattern: String.raw`\bcrisispremie|\bsteunpremie|\bsociale premie|\btoelage\b|\btoelagen\b|\bpremie\b`, weight: 1 },
    { pattern: String.raw`\buitkering`, weight: 1 },
    { pattern: String.raw`\b0900\b`, weight: 3 },
  ],
  housing: [
    { pattern: String.raw`huursubsidie|huurpremie|huurtoelage|huurtegemoetkoming|huisvestingspremie|aanpassingspremie|verbeteringspremie|woningaanpassing`, weight: 3 },
    { pattern: String.raw`huurwoning|\bverhuurt\b|\bverhuren\b|sociale huisvesting`, weight: 2 },
    { pattern: String.raw`sociale (?:huur)?woning|sociaal wonen|sociale huur`, weight: 3 },
    { pattern: String.raw`woonwinkel|woonloket|woonbeleid|woonmaatschappij|sociaal verhuurkantoor|\bsvk\b`, weight: 3 },
    { pattern: String.raw`huurwaarborg|huurgarantie|betaalbaar wonen|betaalbaar en \p{L}+ wonen|betaalbare woning|renovatiebegeleiding|woongelegenhe|woningkwaliteit|renovatiepremie|conformiteitsattest|leegstand`, weight: 2 },
    { pattern: String.raw`(?<!assistentie|zorg|service|nood|transit|doorgangs|crisis)woning(?!en voor ouderen)`, weight: 1 },
    { pattern: String.raw`private huurmarkt|\bhuur(?:der|ders|prijs|prijzen|markt)?\b|\bverhuurder|\bwonen\b|\bhuisvesting`, weight: 1 },
  ],
  evictions: [
    { pattern: String.raw`uithuiszetting|uit huis (?:gezet|zetten)|uithuisgezet`, weight: 3 },
    { pattern: String.raw`huurachterst|huurschuld`, weight: 2 },
    { pattern: String.raw`vrederechter|woonzekerheid|opzeg van de huur`, weight: 1 },
  ],
  homelessness: [
    { pattern: String.raw`dakloos|daklozen|thuisloos|thuislozen|dak- en thuis`, weight: 3 },
    // "Kortverblijf en nachtopvang, verbonden aan WZC De Oase": a care home's night care is elderly care.
    { pattern: String.raw`(?<!(?:wzc|woonzorgcentr\p{L}*|kortverblijf|dagverzorging)\b.{0,60})nachtopvang(?!.{0,60}\b(?:wzc|woonzorgcentr|kortverblijf|dagverzorging))|winteropvang|winterplan|housing first|herstelbed|inloopcentrum|daklozenopvang|opvangtehuis|straatslaper|slaapplaats`, weight: 3 },
    { pattern: String.raw`noodopvang|crisisopvang|crisiskamer|crisiswoning|onthaaltehuis|transitwoning|doorgangswoning|noodwoning|straathoekwerk|op straat`, weight: 2 },
    { pattern: String.raw`\bopvang\b|straatwerk`, weight: 1 },
  ],
  childcare_family: [
    { pattern: String.raw`kinderopvang|kinderarmoede|huis van het kind|kinderdagverblij[fv]|onthaalouder|onthaalmoeder|opvanginitiatie|opvanggezin|buitenschoolse opvang|\bbso\b|creche`, weight: 3 },
    { pattern: String.raw`gezinsondersteuning|opvoedingsondersteuning|opvoedingsondersteuning|groeipakket|consultatiebureau|kind (?:en|&) gezin|inkomensgerelateerde opvang|geboortepremie|babykit|luierpremie|opvangplaats`, weight: 3 },
    { pattern: String.raw`\bbaby|\bpeuter|\bkleuter|jonge kinderen|jonge gezinnen`, weight: 2 },
    { pattern: String.raw`\bkinderen\b|\bgezinnen\b|\bgezin\b|\bouders\b|alleenstaande ouder`, weight: 1 },
  ],
  health: [
    { pattern: String.raw`geestelijke gezondheid|psychisch|psycholo|psychiat|mentaal welzijn|mentale gezondheid|suicide|zelfdoding`, weight: 3 },
    { pattern: String.raw`tandzorg|tandarts|mondzorg|wijkgezondheidscentr|huisarts|eerstelijnszorg|gezondheidszorg|medische (?:kosten|kaart|zorg|facturen)|ziekenhuisfactu|verslavingszorg|drughulp`, weight: 3 },
    { pattern: String.raw`verslaving|gezondheidscentrum|zorgverlen|\bartsen\b|medicatie|apotheek`, weight: 2 },
    { pattern: String.raw`gezondheid|\bzorg\b|\bmedische\b|\bziekte`, weight: 1 },
  ],
  food_aid: [
    { pattern: String.raw`voedselbank|voedselhulp|voedselbedeling|voedselpakket|voedselverdeling|voedseldistributie|voedselstrategie|voedseloverschot|voedselverlies|voedselverspilling`, weight: 3 },
    { pattern: String.raw`sociale kruidenier|sociaal restaurant|sociale restaurant|sociale supermarkt|buurtrestaurant|foodsavers|voedselcheque`, weight: 3 },
    { pattern: String.raw`gratis (?:\p{L}+ )?(?:ontbijt|maaltijd|lunch|soep)|schoolmaaltijd|warme maaltijd(?!en aan huis| aan huis)|soepbar|\bvoedsel`, weight: 2 },
    { pattern: String.raw`\bmaaltijden\b(?! aan huis)|\bvoeding\b|\beten\b|boodschappen|\bontbijt`, weight: 1 },
  ],
  debt_energy: [
    { pattern: String.raw`schuldbemiddel|schuldenbemiddel|schuldhulp|budgetbeheer|budgetbegeleiding|collectieve schuldenregeling|schuldenregeling|afbetalingsplan|budgetmeter|schuldoverlast`, weight: 3 },
    { pattern: String.raw`energiearmoede|energiefactu|energierekening|energiescan|energiesnoeier|sociaal tarief (?:voor |van |op )?(?:de |het )?(?:energie|gas|aardgas|elektriciteit|stroom|water|aardgas)|(?:energie|gas|elektriciteit|stroom)\w* .{0,40}sociaal tarief|verwarmingstoelage|verwarmingsfonds|energiefonds|stookolie|energiepremie|waterfactu|energieschuld|energiecel`, weight: 3 },
    { pattern: String.raw`\bschulden\b|\bschuld\b|betalingsachterst|energiekost|\bbudget(?:advies|coach)`, weight: 2 },
    { pattern: String.raw`\benergie\b|isolatie|energiezuinig`, weight: 1 },
  ],
  work_activation: [
    { pattern: String.raw`activering|tewerkstelling|sociale economie|maatwerkbedrijf|werkervaring|artikel 60|art\. ?60|leerwerk|wijk-werken|werkplekleren|trajectbegeleiding|\bvdab\b|\b0904\b`, weight: 3 },
    { pattern: String.raw`werkzoekend|werkloos|werklozen|sollicit|werkwinkel|jobcoach|jobbeurs|arbeidsmarkt|naar werk|aan het werk|\bjob\b|\bjobs\b|jobmogelijkhe|jobkans|werkkans`, weight: 2 },
    { pattern: String.raw`\bwerk\b|opleiding|\bstage`, weight: 1 },
  ],
  elderly_care: [
    { pattern: String.raw`woonzorgcentr|assistentiewoning|serviceflat|rusthuis|dagverzorging|dagopvang voor ouderen|lokaal dienstencentrum|lokale dienstencentra|dementie|personenalarm|ouderenzorg|seniorenzorg`, weight: 3 },
    { pattern: String.raw`dienstencentrum|kortverblijf|verblijfsdag|(?<!kinderopvang.{0,60})\bdagprijs|\bdagprijzen|\bouderen|\bsenioren|65-plus|thuiszorg|gezinszorg|mantelzorg|maaltijden aan huis|zorgbudget`, weight: 2 },
    { pattern: String.raw`\bbejaard|\bzorgbehoev`, weight: 1 },
  ],
  rights_access: [
    { pattern: String.raw`automatische (?:rechtentoekenning|toekenning)|rechtenverkenning|rechtentoekenning|onderbescherming|non-take-up|niet-opname|integraal breed onthaal|\bibo\b`, weight: 3 },
    { pattern: String.raw`algemene sociale dienst|buurtteam|wijkteam|outreach|brugfiguur|brugfiguren|vindplaatsgericht|welzijnsloket|sociale kaart|welzijnsschakel|zorgzame buurt|(?:sociale|maatschappelijke) dienstverlening|eerstelijnsloket`, weight: 3 },
    { pattern: String.raw`menselijke waardigheid|(?:een|enkel|uniek) loket|toegankelijk(?:heid)? van (?:de |het )?(?:hulp|dienstverlening|welzijn)|rechten\b|(?<!\b(?:in|bij|naar|via|aan|binnen) (?:het |t )?)(?:sociaal huis|welzijnshuis)|zitdag|sociale? consulent`, weight: 2 },
    { pattern: String.raw`maatschappelijk werk|sociale dienst|\bocmw\b|\bonthaal|drempel|loket|tegemoetkomingen\b`, weight: 1 },
  ],
  participation: [
    { pattern: String.raw`uitpas|vrijetijdsparticipatie|sportparticipatie|cultuurparticipatie|vakantieparticipatie|sociale participatie|participatiefonds|vrijetijdspas|kansentarief|kansenpas|vrijetijdscheque`, weight: 3 },
    { pattern: String.raw`\bparticipatie\b|socio-culture|schoolkosten|schoolmateriaal|schoolfactu|schooluitstap|maximumfactuur|lidgeld|verminderd tarief|sociaal tarief voor|vrijetijd`, weight: 2 },
    { pattern: String.raw`\bkorting|cultuur|\bsport|jeugdwerk|speelpleinwerking|vakantie`, weight: 1 },
  ],
  // Taxonomy v2 (db/reference/themes-v2.ts).
  disability: [
    { pattern: String.raw`(?:personen|mensen|kinderen|inwoners|volwassenen) met een (?:\p{L}+ )?(?:handicap|beperking)|gehandicapt|\bvaph\b|persoonsvolgend budget|zorggebonden|verhoogde kinderbijslag`, weight: 3 },
    // Allowances people with a disability receive: usually named as a status that gives access to another measure.
    { pattern: String.raw`\bhandicap|\bbeperking|rolstoel|invaliditeit|zorgtoelage voor|\bmindervalide|integratietegemoetkoming|inkomensvervangende tegemoetkoming`, weight: 2 },
  ],
  mobility: [
    { pattern: String.raw`minder mobielen|mindermobielen|\bmmc\b|taxicheque|rolstoeltaxi|aangepast vervoer|vervoersdienst|mobiliteitshulp|mobiliteitspremie|vervoerstoelage|busabonnement|fietsles|fietsbieb|deelfiets`, weight: 3 },
    { pattern: String.raw`\bvervoer\b|\bmobiliteit|openbaar vervoer|de lijn|\bbusvervoer|\bchauffeur|vervoerskosten|\bfietsen\b|\bfiets\b`, weight: 2 },
    { pattern: String.raw`\bverplaats`, weight: 1 },
  ],
  digital_inclusion: [
    { pattern: String.raw`digitale inclusie|digipunt|digitale kloof|digitale vaardigheden|digitale ondersteuning|digitale hulp|digihulp|digihelper|digicoach|digibank|computerles|digisterker|e-inclusie`, weight: 3 },
    { pattern: String.raw`\bdigita(?:al|le)\b|\bcomputer|\blaptop|\btablet|\bsmartphone|\binternet`, weight: 1 },
  ],
  integration_language: [
    { pattern: String.raw`inburgering|\bnt2\b|taalles|taalcursus|taalcoach|taalondersteuning|oefenkansen nederlands|conversatietafel|nieuwkomer|anderstalig`, weight: 3 },
    { pattern: String.raw`\bintegratie(?!tegemoetkoming)|\bverblijfsvergunning|\bvluchteling|\basielzoeker|\btaal\b`, weight: 2 },
    // "Nederlands leren op de werkvloer": a language goal inside another measure.
    { pattern: String.raw`nederlands leren`, weight: 1 },
  ],
  // Social measures outside the other themes that recur: relief from the household-waste charge
  // ("tussenkomst in de kosten voor huisvuilophaling", free bags for incontinence patients).
  other: [
    { pattern: String.raw`huisvuilophaling|huisvuilbelasting|afvalbelasting|afvalkosten|diftar|luierafval|restafval|afvalzak|huisvuilzak|vuilniszak`, weight: 3 },
  ],
};
