import type { TextSpan } from "./pii-text.js";

/**
 * Birth dates and home addresses: personal data beside a recipient's name, and still personal
 * after the name is gone ("betrokkene, geboren op 3 maart 1961, wonende te Kerkstraat 5"). Only
 * the date and the street with its number are redacted; the cue stays so the sentence reads, and
 * the postcode and municipality stay because they identify no one and the analysis needs them.
 * A date or street without such a cue is not personal: a council session "van 3 maart 2025",
 * "de Kerkstraat wordt heraangelegd", the Sociaal Huis "Botermarkt 1".
 */

const MONTH = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|nov|dec";
const DATE = String.raw`\d{1,2}\s+(?:${MONTH})\.?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}`;
/** "geboren op", "geboren te Aalst op", "geb.", "°", "geboortedatum:". */
const BORN = String.raw`(?:[Gg]eboren|[Gg]eb\.)(?:\s+(?:te|in)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)?(?:\s+op)?\s*:?\s*|°\s*|[Gg]eboortedatum\s*:?\s*`;
const birthDate = new RegExp(String.raw`(?:${BORN})(${DATE})(?!\d)`, "gu");

/** A street (capitalised, particles allowed inside) and a house number with its box ("21 bus 3", "112/2"). */
const STREET = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:van|de|der|den|het|ter|ten|'t)\s+)*\p{Lu}[\p{L}'’.-]*){0,3}?\s+\d{1,4}[A-Za-z]?(?:\s*(?:bus|bte\.?|b\.)\s*\d+[A-Za-z]?|\/\d+[A-Za-z]?)?(?![\d/])`;
/** "wonende te", "woonachtig", "woont in de", "gedomicilieerd in", "verblijvend", "woonadres:", then perhaps "9000 Gent," first. */
const LIVES = String.raw`(?:[Ww]onende|[Ww]onend|[Ww]oonachtig|[Ww]oont|[Gg]edomicilieerd|[Vv]erblijvende?|[Vv]erblijft|[Ww]oonadres|[Dd]omicilie)(?:\s+(?:te|in|op|aan))?(?:\s+(?:de|het))?\s*:?\s+(?:\d{4}\s+\p{Lu}[\p{L}'’-]*,?\s+)?`;
const residence = new RegExp(String.raw`${LIVES}(${STREET})`, "gu");
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
  for (const name of names) {
    const match = addressAfterName.exec(text.slice(name.end, name.end + 200));
    if (match?.[1]) {
      const start = name.end + match[0].indexOf(match[1]);
      spans.push({ start, end: start + match[1].length });
    }
  }
  return spans;
}
