import { DUTCH_NUMBER, DUTCH_SCALE, dutchScale, parseDutchNumber, readDutchNumberWord } from "../../schema/dutch-text.js";

export type AmountPeriod = "once" | "hour" | "day" | "week" | "month" | "quarter" | "school_year" | "year" | "unknown";
export type AmountUnit = "person" | "child" | "household" | "dependant" | "night" | "meal" | "litre" | "kilometre" | "key";

/** An amount of money read from Dutch text. Values are euros (decimals allowed). */
export interface Amount {
  value: number;
  currency: "EUR";
  /** The time the amount covers: "per maand", "jaarlijks", "/dag". */
  period: AmountPeriod;
  /** Whom or what the amount is for: "per kind", "/persoon", "per persoon ten laste", "per maaltijd"; null when not written. */
  per: AmountUnit | null;
  /** The amount as written, and where (character offsets). */
  text: string;
  start: number;
  end: number;
  /** "tussen X en Y euro": the range, with `value` = max. */
  min?: number;
  max?: number;
  /** "van X naar Y euro": the earlier amount, with `value` = Y. */
  previous?: number;
}

const SCALE = String.raw`(?:\s*(${DUTCH_SCALE}))?`;
/** "euro" also right before a digit, as flattened tables glue it ("67,55 euro2.025,00"). */
const CURRENCY = String.raw`€|eur(?:o)?(?![a-z])`;
/** `€ 1.200,50`, `1,8 miljoen euro`, `17.320€`, `EUR 5 000`, `35€/maand`. */
const amountPattern = new RegExp(String.raw`(?:(${CURRENCY})\s*)?(${DUTCH_NUMBER})${SCALE}(?:\s*(${CURRENCY}))?`, "gi");
/** A bare number just before "naar" / "en" / "tot" / "-" and a currency amount: the first half of a range or change. */
const firstHalf = new RegExp(String.raw`(van|tussen)\s+(?:(?:${CURRENCY})\s*)?(${DUTCH_NUMBER})${SCALE}\s*(?:${CURRENCY})?\s*(naar|en|tot|à|-)\s*$`, "i");

/** The number words Dutch writes an amount with before "miljoen"/"miljard": "een half miljoen euro", "twintig miljard euro". */
const wordsBeforeScale = ["een half", "anderhalf", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "twintig", "honderd"];
const wordAmountPattern = new RegExp(
  String.raw`(?<![\p{L}])(${wordsBeforeScale.join("|")})\s+(miljoen|miljard)\s*(?:euro\b|EUR\b|€)`,
  "giu",
);

/** The value of a word of `wordsBeforeScale`; "een half" is two words, so no number word of its own. */
function readWordBeforeScale(word: string): number {
  return word.toLowerCase() === "een half" ? 0.5 : (readDutchNumberWord(word) ?? 0);
}

/** Dutch time words after "per", "/", "op", "a", "à", "elk(e)", and the period each means. */
const timeWords: [RegExp, AmountPeriod][] = [
  [/^(?:kalenderjaar|jaarbasis|jaar)\b/i, "year"],
  [/^schooljaar\b/i, "school_year"],
  [/^(?:kwartaal|trimester)\b/i, "quarter"],
  [/^maand\b/i, "month"],
  [/^week\b/i, "week"],
  [/^(?:verblijfs|kalender)?dag\b/i, "day"],
  [/^uur\b/i, "hour"],
];
/** Dutch words for whom or what an amount is, and the unit each means; "ten laste" after a person makes a dependant. */
const unitWords: [RegExp, AmountUnit][] = [
  [/^persoon ten laste\b/i, "dependant"],
  [/^(?:kind|kinderen|leerling|baby|peuter|kleuter)\b/i, "child"],
  [/^(?:gezin|huishouden|huishouding|gezinshoofd|koppel|echtpaar)\b/i, "household"],
  [/^(?:persoon|personen|inwoner|deelnemer|bewoner|pati[eë]nt|volwassene|cli[eë]nt|aanvrager|begunstigde|rechthebbende|student|gebruiker|senior|mantelzorger)\b/i, "person"],
  [/^(?:nacht|overnachting)\b/i, "night"],
  [/^maaltijd\b/i, "meal"],
  [/^liter\b/i, "litre"],
  [/^(?:kilometer|km)\b/i, "kilometre"],
  [/^sleutel\b/i, "key"],
];
/** "/", "per", "op", "a", "à", "elk(e)", "en per", after optional "netto"/"bruto" and a parenthesis. */
const unitLead = /^\s*(?:netto\s+|bruto\s+)?(?:\(\s*)?(?:(?:en\s+)?per\s+|\/\s*(?:per\s+)?|op\s+(?=jaar|maand|week|dag)|a\s+|à\s+|elke?\s+(?=jaar|maand|week|dag))/i;

/**
 * The period and unit written right after an amount: up to two of them, in either order
 * ("62,05 euro/dag/persoon", "10 euro per nacht en per persoon"); the first of each kind counts.
 */
function readUnits(after: string): { period: AmountPeriod | null; per: AmountUnit | null } {
  let period: AmountPeriod | null = null;
  let per: AmountUnit | null = null;
  let rest = after;
  for (let step = 0; step < 2; step++) {
    const lead = rest.match(unitLead);
    if (!lead) break;
    const word = rest.slice(lead[0].length);
    const time = timeWords.find(([pattern]) => pattern.test(word));
    const unit = time ? undefined : unitWords.find(([pattern]) => pattern.test(word));
    if (!time && !unit) break;
    if (time) period ??= time[1];
    if (unit) per ??= unit[1];
    const matched = word.match((time ?? unit)![0])![0];
    rest = word.slice(matched.length);
  }
  return { period, per };
}

/**
 * A unit written before the amount in the same clause: "De kostprijs per maaltijd bedraagt € 7,50",
 * "Per bijkomende inwonende persoon mag daar 4.744,94 euro worden bijgeteld".
 */
function unitBefore(before: string): AmountUnit | null {
  const clause = /\bper\s+((?:\p{L}+\s+){0,2}\p{L}+)[^.;:!?\d€]{0,60}$/iu.exec(before);
  if (!clause?.[1]) return null;
  // "per bijkomende inwonende persoon": the unit may follow one or two adjectives.
  for (const word of clause[1].split(/\s+/)) {
    const unit = unitWords.find(([pattern]) => pattern.test(word));
    if (unit) return unit[1];
  }
  return null;
}

function readPeriod(rawAfter: string, rawBefore: string): { period: AmountPeriod; per: AmountUnit | null } {
  // "éénmalige": accents do not change the word.
  const after = rawAfter.normalize("NFD").replace(/\p{M}/gu, "");
  const before = rawBefore.normalize("NFD").replace(/\p{M}/gu, "");
  const written = readUnits(after);
  // "20 euro voor een echtpaar": a household price.
  const household = /^\s*voor (?:een|elk|ieder) (?:echtpaar|koppel|gezin|huishouden)\b/i.test(after) ? ("household" as const) : null;
  const per = written.per ?? household ?? unitBefore(before);
  if (written.period) return { period: written.period, per };
  // "jaarlijks 40.000 euro", "een jaarlijkse werkingstoelage van 12.000 euro", "het jaarlijks
  // belastbaar inkomen van je huishouden is lager dan 18.363,39 euro": the adjective may stand
  // several words before the amount, within the same clause.
  const inClause = (word: string) => new RegExp(String.raw`\b${word}(e)?\b[^.;:!?]{0,120}$`, "i").test(before);
  if (/^\s*(jaarlijks|elk jaar)/i.test(after) || inClause("jaarlijks") || inClause("op jaarbasis")) return { period: "year", per };
  if (/^\s*maandelijks/i.test(after) || inClause("maandelijks")) return { period: "month", per };
  if (/^\s*wekelijks/i.test(after) || inClause("wekelijks")) return { period: "week", per };
  if (inClause("dagprijs") || inClause("per dag")) return { period: "day", per };
  // "2023: 63.439,89 EUR": a sum for the year it is listed under.
  if (/\b20\d\d\s*:\s*$/.test(before)) return { period: "year", per };
  if (/^\s*eenmalig/i.test(after) || inClause("eenmalig")) return { period: "once", per };
  return { period: "unknown", per };
}

/**
 * Every amount of money in a Dutch text, in order: euro sign or "euro"/"EUR" before or after the
 * number, Dutch separators, "miljoen"/"miljard"/"duizend" (also after a number word: "een half
 * miljoen euro", "anderhalf miljard euro"), a period ("per maand", "/jaar",
 * "jaarlijks"), ranges ("tussen 20.000 en 24.000 euro") and changes ("van 100 naar 150 euro").
 * A number without a currency (a street number, a year, a count) is no amount.
 */
export function findAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const [whole, before, number, scale, after] = match;
    if (!number || (!before && !after)) continue;
    const end = match.index + whole.length;
    const value = parseDutchNumber(number, scale);
    const amount: Amount = {
      value,
      currency: "EUR",
      ...readPeriod(text.slice(end, end + 60), text.slice(Math.max(0, match.index - 140), match.index)),
      text: whole.trim(),
      start: match.index,
      end,
    };
    // "van 100 naar 150 euro", "tussen 20.000 en 24.000 euro": the currency comes once, at the end.
    const half = text.slice(Math.max(0, match.index - 90), match.index).match(firstHalf);
    if (half?.[2]) {
      const other = parseDutchNumber(half[2], half[3] ?? scale);
      // The amount starts at the first number, or at the euro sign written before it ("van € 60,15 naar € 62,40").
      const lead = half[0].slice((half[1] ?? "").length);
      amount.start = match.index - half[0].length + (half[1] ?? "").length + lead.search(/€|eur|\d/i);
      amount.text = text.slice(amount.start, end).trim();
      if (half[1]?.toLowerCase() === "van" && half[4]?.toLowerCase() === "naar") amount.previous = other;
      else {
        amount.min = Math.min(other, value);
        amount.max = Math.max(other, value);
      }
    }
    // "van 68,40 euro naar 71,20 euro": the first amount is part of the change, not an amount of its own.
    while (amounts.length > 0 && (amounts.at(-1)?.start ?? -1) >= amount.start) amounts.pop();
    amounts.push(amount);
  }
  for (const match of text.matchAll(wordAmountPattern)) {
    const [whole, word, scale] = match;
    const end = match.index + whole.length;
    if (!word || !scale || amounts.some((a) => a.start < end && match.index < a.end)) continue;
    amounts.push({
      value: readWordBeforeScale(word) * dutchScale(scale),
      currency: "EUR",
      ...readPeriod(text.slice(end, end + 60), text.slice(Math.max(0, match.index - 140), match.index)),
      text: whole,
      start: match.index,
      end,
    });
  }
  return inheritIncrementPeriods(text, amounts.sort((a, b) => a.start - b.start));
}

/**
 * "een inkomen lager dan 20.000 euro per jaar, verhoogd met 3.622,34 euro per persoon ten laste":
 * an increment per dependant counts over the period of the amount it increments, the one before
 * it in the same sentence.
 */
function inheritIncrementPeriods(text: string, amounts: Amount[]): Amount[] {
  return amounts.map((amount, i) => {
    const base = amounts[i - 1];
    if (amount.per !== "dependant" || amount.period !== "unknown" || !base || base.period === "unknown") return amount;
    if (/[.!?](?:\s|$)/.test(text.slice(base.end, amount.start)) || amount.start - base.end > 250) return amount;
    return { ...amount, period: base.period };
  });
}

/**
 * Whether a sentence offers something for sale (a subscription, a ticket, a shop price): its
 * amounts are prices, not social measures. Reduced rates of a social measure ("met de UiTPAS
 * betaal je € 1,50") stay amounts.
 */
export function isOfferPrice(sentence: string, previousSentence = ""): boolean {
  // "waar een gewoon ticket 12 euro kost": the regular price beside a social rate is no measure.
  if (regularPrice.test(sentence)) return true;
  if (/uitpas|kansentarief|verminderd tarief|sociaal tarief/i.test(sentence)) return false;
  // "Telefoon op de kamer: abonnementsgeld van € 8,50 per maand": a care home's or social service's subscription.
  if (socialService.test(sentence)) return false;
  if (offerCue.test(sentence)) return true;
  // "Nog geen abonnee? Probeer 3 maanden voor € 4,99 per maand.": the offer spans two short sentences.
  return previousSentence.length < 80 && /abonne|abonnement/i.test(previousSentence) && /probeer|voor\s*(?:€|eur)/i.test(sentence);
}

const offerCue =
  /abonne|abonnement|proefperiode|opzegbaar|word lid|lid worden|nieuwsbrief|\bticket|\btickets\b|kaartje|\bkaarten\b|voorverkoop|inkomprijs|toegangsprijs|\btoegang kost|\binkom\b|tribune|webshop|bestel|koop je|\bkoop\b|in de winkel|per exemplaar|verzendkosten|\bkorting\b|(?:voor|aan) [^.]{0,20}de eerste maand|de eerste (?:\d+ )?maand(?:en)? (?:voor|gratis)|digitaal lezen|krant|magazine/i;
const socialService = /\bkamer\b|woonzorg|rusthuis|serviceflat|assistentiewoning|personenalarm|\balarm|maaltijd|dienstencentrum|thuiszorg|dagverzorging|kortverblijf|dagprijs|\bwzc\b|\bbewoners?\b|\bocmw\b|leefloon|verhoogde tegemoetkoming|sociale dienst/i;
const regularPrice = /\b(?:gewoon|gewone|normaal|normale|volle)\s+(?:\p{L}*(?:ticket|abonnement|kaart|prijs|tarief))/iu;
