import { DUTCH_MONTH_ABBREVIATION, DUTCH_MONTH_NAME } from "../../schema/dutch-text.js";
import { indexSentences, overlaps, type TextSpan } from "./pii-text.js";

/**
 * Birth dates and home addresses: personal data beside a recipient's name, and still personal
 * after the name is gone ("betrokkene, geboren op 3 maart 1961, wonende te Kerkstraat 5"). Only
 * the date and the street with its number are redacted; the cue stays so the sentence reads, and
 * the postcode and municipality stay because they identify no one and the analysis needs them.
 * A date or street without such a cue is not personal: a council session "van 3 maart 2025",
 * "de Kerkstraat wordt heraangelegd", the Sociaal Huis "Botermarkt 1".
 */

/** A birth date's month may also be shortened to "febr". */
const MONTH = `${DUTCH_MONTH_NAME}|${DUTCH_MONTH_ABBREVIATION}|febr`;
const DATE = String.raw`\d{1,2}\s+(?:${MONTH})\.?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}`;
/** "geboren op", "geboren te Aalst op", "geb.", "°", "geboortedatum:". */
const BORN = String.raw`(?:[Gg]eboren|[Gg]eb\.)(?:\s+(?:te|in)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)?(?:\s+op)?\s*:?\s*|°\s*|[Gg]eboortedatum\s*:?\s*`;
const birthDate = new RegExp(String.raw`(?:${BORN})(${DATE})(?!\d)`, "gu");

/** A street (capitalised, particles allowed inside) and a house number with its box ("21 bus 3", "112/2"). */
const STREET = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:van|de|der|den|het|ter|ten|'t)\s+)*\p{Lu}[\p{L}'’.-]*){0,3}?\s+\d{1,4}[A-Za-z]?(?:\s*(?:bus|bte\.?|b\.)\s*\d+[A-Za-z]?|\/\d+[A-Za-z]?)?(?![\d/])`;
/** "wonende te", "woonachtig", "woont in de", "gedomicilieerd in", "verblijvend", "woonadres:", then perhaps "9000 Gent," first. */
const LIVES = String.raw`(?:[Ww]onende|[Ww]onend|[Ww]oonachtig|[Ww]oont|[Gg]edomicilieerd|[Vv]erblijvende?|[Vv]erblijft|[Ww]oonadres|[Dd]omicilie)(?:\s+(?:te|in|op|aan))?(?:\s+(?:de|het))?\s*:?\s+(?:\d{4}\s+\p{Lu}[\p{L}'’-]*,?\s+)?`;
const residence = new RegExp(String.raw`${LIVES}(${STREET})`, "gu");
/**
 * A street by its name's ending, with a house number and box: in a sentence about a recipient it
 * is where the person lives, however the sentence says so ("woont sinds 2023 in de Groenstraat
 * 8/2", "voor zijn woning in de Molenstraat 22 bus 1", "Huurwaarborg - X - Stationsstraat 112 bus
 * 4"). A street with a number elsewhere ("de Kerkstraat 12 wordt heraangelegd") is not personal.
 */
const STREET_ENDING = "straat|straatje|laan|weg|steenweg|baan|plein|pleintje|lei|dreef|kaai|singel|markt|hof|ring|park|pad|wegel|dijk|vest|dam|berg|veld|kouter|gracht|plaats|dries|hoek|akker|heide|kant|wijk|erf|gaarde|meers|beemd|dal|boulevard|avenue";
const namedStreet = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:\p{Lu}[\p{L}'’.-]*\s+){0,2}\p{Lu}[\p{L}'’.-]*(?:${STREET_ENDING})\s+\d{1,4}[A-Za-z]?(?:\s*(?:bus|bte\.?|b\.)\s*\d+[A-Za-z]?|\/\d+[A-Za-z]?)?(?![\d/])`,
  "gu",
);
/** An address introduced as an institution's ("het referteadres van het OCMW, Sint-Jansplein 1") is not the person's home. */
const institutionalAddressBefore = /(?:referteadres|OCMW|Sociaal Huis|sociaal huis|onthaal|kantoor|loket|zetel|stadhuis|gemeentehuis|dienstencentrum|woonzorgcentrum|administratief centrum)[^.;\n]{0,40}$/u;

/** An address right after a recipient's name, as BCSD headers write it: "X, Kerkstraat 5, 9000 Gent". */
const addressAfterName = new RegExp(String.raw`^\s*,\s*(${STREET})\s*,\s*\d{4}\s+\p{Lu}`, "u");

function spansOfGroup(text: string, pattern: RegExp): TextSpan[] {
  return [...text.matchAll(pattern)].map((match) => {
    // The group closes the match: the cue before it stays.
    const end = match.index + match[0].length;
    return { start: end - (match[1] as string).length, end };
  });
}

/** Dates of birth: the date after "geboren op", "°" and the like. */
export function findBirthDates(text: string): TextSpan[] {
  return spansOfGroup(text, birthDate);
}

/** Where a person lives: the street and number after "wonende te" and the like, or right after a recipient's name. */
export function findHomeAddresses(text: string, names: readonly TextSpan[]): TextSpan[] {
  const spans = spansOfGroup(text, residence);
  const sentences = names.length > 0 ? indexSentences(text) : undefined;
  for (const name of names) {
    const match = addressAfterName.exec(text.slice(name.end, name.end + 200));
    if (match?.[1]) {
      const start = name.end + match[0].indexOf(match[1]);
      spans.push({ start, end: start + match[1].length });
    }
    const sentence = sentences?.around(name) ?? name;
    for (const street of text.slice(sentence.start, sentence.end).matchAll(namedStreet)) {
      const start = sentence.start + street.index;
      const span = { start, end: start + street[0].length };
      if (overlaps(span, name) || institutionalAddressBefore.test(text.slice(Math.max(0, start - 60), start))) continue;
      spans.push(span);
    }
  }
  return spans;
}
