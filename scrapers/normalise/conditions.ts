import type { Amount } from "./amounts.js";
import { type Sentence, foldText } from "./sentences.js";
import { indexSpans } from "./span-index.js";

/** A social status that gives access to a measure, as Flemish pages name it. */
export type SocialStatus =
  | "leefloon"
  | "verhoogde_tegemoetkoming"
  | "budgetbeheer"
  | "budgetbegeleiding"
  | "schuldbemiddeling"
  | "collectieve_schuldenregeling"
  | "ocmw_client"
  | "maatwerkbedrijf"
  | "huursubsidie"
  | "schooltoelage";

/** Who may use a measure, as far as the text says: the fields stay empty when it says nothing. */
export interface MeasureConditions {
  /** The highest income ceiling stated, in euro (its period as written with the amount). */
  incomeCeiling: number | null;
  /** Statuses that give access (any of them). */
  statuses: SocialStatus[];
  /** The text requires living in (being registered in) the municipality. */
  residenceRequired: boolean;
}

export const noConditions: MeasureConditions = { incomeCeiling: null, statuses: [], residenceRequired: false };

/** How each status is written, on folded text. */
const statusWords: [SocialStatus, RegExp][] = [
  ["leefloon", /\bleefloon|\bequivalent (?:van het |aan het )?leefloon|\bleeflonen\b/],
  ["verhoogde_tegemoetkoming", /\bverhoogde (?:verzekerings)?tegemoetkoming|\bomnio\b|\bvoorkeurregeling|\bvoorkeurtarief\b|\bbim[- ]statuut/],
  ["budgetbeheer", /\bbudgetbeheer/],
  ["budgetbegeleiding", /\bbudgetbegeleiding/],
  ["schuldbemiddeling", /\bschuldbemiddeling/],
  ["collectieve_schuldenregeling", /\bcollectieve schuldenregeling|\bcsr\b/],
  ["ocmw_client", /\bclient (?:bij|van) het (?:ocmw|sociaal huis)|\bbegeleid (?:door|bij) het (?:ocmw|sociaal huis)|\bsteun (?:ontvangt |krijgt )?van het ocmw\b|\bfinanciele (?:hulp|steun) van het ocmw/],
  ["maatwerkbedrijf", /\bmaatwerkbedrijf|\bsociale werkplaats/],
  ["huursubsidie", /\bhuursubsidie/],
  ["schooltoelage", /\bschooltoelage|\bstudietoelage/],
];

/** A sentence that says who may apply or use a measure. */
const eligibilityCue =
  /\bvoorwaarden?\b|\bin aanmerking\b|\brecht (?:heeft |hebben |hebt )?op\b|\brechthebbend|\bals (?:je|u|jij)\b|\bindien\b|\bwanneer (?:je|u)\b|\bwie\b|\bdoelgroep|\b(?:personen|mensen|gezinnen|inwoners|ouders|bewoners) (?:met|die)\b|\battest\b|\bbewijs\b|\bop voorlegging\b|\bvoor (?:wie|mensen|personen|gezinnen)\b|\bgeniet\b|\bgenieten\b/;

/** Living in the municipality: registered, domiciled, an inhabitant. */
const residenceCue =
  /\bingeschreven (?:zijn |bent |is |staan |staat )?in (?:het bevolkingsregister|het vreemdelingenregister|de gemeente|onze gemeente|het register|[a-z-]+\b(?! (?:school|opleiding|cursus)))|\bgedomicilieerd\b|\bdomicilie (?:hebben |heeft |hebt )?in\b|\bwoonachtig (?:zijn |bent |is )?(?:in|te)\b|\binwoner(?:s)? (?:van|zijn van)\b|\b(?:je|u) woont in\b|\bwonen in (?:de gemeente|onze gemeente|[a-z-]+)\b/;

/** An amount is an income ceiling when the income is named before it and a ceiling word shortly before it: "inkomen lager dan 1.500 euro", "inkomensgrens van 25.630 euro". */
const incomeWord = /\binkomen|\binkomsten\b|\bbestaansmiddelen\b/;
const ceilingBefore = /(?:\blager dan|\bminder dan|\bniet (?:hoger|meer) (?:is |zijn )?dan|\bmaximaal|\bmaximum(?: van)?|\bmax\.|\bonder|\bbeneden|\bgrens(?:en)?(?: van| is| bedraagt)?|\bplafond(?: van)?|\bniet (?:boven|overschrijdt)|\bmag niet meer bedragen dan|\bbedraagt (?:ten hoogste|maximaal))\b/;

/**
 * The conditions a text states for using its measure: statuses and residence named in sentences
 * that say who may apply, and the highest amount stated as an income ceiling. Conditions are
 * the text's, not one sentence's: an information page states them once for its measure. The
 * amounts read as ceilings are given too: a ceiling is a condition, not what a measure pays.
 */
export function findConditions(sentences: readonly Sentence[], amounts: readonly Amount[]): { conditions: MeasureConditions; ceilings: Amount[] } {
  const ceilings: Amount[] = [];
  const statuses = new Set<SocialStatus>();
  let residenceRequired = false;
  let incomeCeiling: number | null = null;
  const amountsAt = indexSpans(amounts);
  for (const sentence of sentences) {
    const folded = foldText(sentence.text);
    if (eligibilityCue.test(folded)) {
      for (const [status, pattern] of statusWords) if (pattern.test(folded)) statuses.add(status);
    }
    if (residenceCue.test(folded)) residenceRequired = true;
    for (const amount of amountsAt.within(sentence)) {
      // foldText keeps every character in place, so offsets into the sentence hold.
      const before = folded.slice(0, amount.start - sentence.start);
      // The ceiling word may head a list: "Het inkomen mag maximum bedragen: • van samenwonenden: 1356,54 EUR".
      if (incomeWord.test(before) && ceilingBefore.test(before.slice(-45))) {
        incomeCeiling = Math.max(incomeCeiling ?? 0, amount.value);
        ceilings.push(amount);
      }
    }
  }
  const order = statusWords.map(([status]) => status);
  return { conditions: { incomeCeiling, statuses: [...statuses].sort((a, b) => order.indexOf(a) - order.indexOf(b)), residenceRequired }, ceilings };
}
