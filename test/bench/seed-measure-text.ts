/**
 * The sentences that state a social measure in the seed's texts ("De gemeente verhoogt de
 * huurpremie van 50 euro naar 75 euro per gezin per maand."), with the measure's action and
 * amount as the normalisation would read them.
 */
import type { ThemeCode } from "../../db/reference/taxonomies.js";
import type { amountPeriods, amountUnits, measureActions } from "../../db/tables/measures.js";
import type { Random } from "./seed-random.js";
import { formatEuro, roundAmount, type TextBuilder } from "./seed-text.js";

type Action = (typeof measureActions)[number];
type Period = (typeof amountPeriods)[number];
type Unit = (typeof amountUnits)[number];

interface MeasureKind {
  noun: string;
  min: number;
  max: number;
  per: Unit | null;
  period: Period;
}

const kind = (noun: string, min: number, max: number, per: Unit | null, period: Period): MeasureKind => ({ noun, min, max, per, period });

/** What municipalities fund per theme, with amounts in euro. */
const MEASURE_KINDS: Record<ThemeCode, MeasureKind[]> = {
  income_support: [kind("toelage", 50, 600, "household", "year"), kind("crisispremie", 100, 500, "household", "once"), kind("sociale toelage", 25, 150, "person", "month"), kind("koopkrachtpremie", 50, 250, "household", "once")],
  housing: [kind("huurpremie", 50, 200, "household", "month"), kind("huursubsidie", 100, 300, "household", "month"), kind("renovatiepremie", 500, 5_000, "household", "once"), kind("huurwaarborglening", 500, 2_500, null, "once")],
  evictions: [kind("tussenkomst bij huurachterstal", 200, 2_500, "household", "once"), kind("preventiefonds uithuiszetting", 5_000, 50_000, null, "year")],
  homelessness: [kind("nachtopvang", 2, 10, "night", "unknown"), kind("winteropvang", 3, 8, "night", "unknown"), kind("werking van het inloopcentrum", 20_000, 250_000, null, "year")],
  childcare_family: [kind("tussenkomst in de kinderopvang", 1, 10, "child", "day"), kind("geboortepremie", 100, 500, "child", "once"), kind("luierpremie", 20, 60, "child", "month")],
  health: [kind("tussenkomst voor tandzorg", 50, 500, "person", "year"), kind("psychologische ondersteuning", 10, 50, "person", "unknown"), kind("tussenkomst in medische kosten", 100, 750, "person", "year")],
  food_aid: [kind("werking van de voedselbank", 5_000, 80_000, null, "year"), kind("schoolmaaltijd", 1, 5, "meal", "unknown"), kind("voedselpakketten", 20, 60, "household", "week")],
  debt_energy: [kind("energiepremie", 50, 400, "household", "year"), kind("verwarmingstoelage", 100, 400, "household", "year"), kind("energiefonds", 10_000, 200_000, null, "year")],
  work_activation: [kind("werkervaringspremie", 100, 1_000, "person", "month"), kind("trajectbegeleiding", 500, 3_000, "person", "once")],
  elderly_care: [kind("mantelzorgpremie", 15, 60, "person", "month"), kind("tussenkomst in de dagprijs", 5, 20, "person", "day"), kind("seniorenpremie", 50, 300, "person", "year")],
  rights_access: [kind("werking van het buurtteam", 20_000, 150_000, null, "year"), kind("werking van het welzijnsloket", 10_000, 90_000, null, "year")],
  participation: [kind("kansentarief", 5, 50, "person", "unknown"), kind("participatiefonds", 5_000, 60_000, null, "year"), kind("tussenkomst in schoolkosten", 50, 300, "child", "school_year")],
  disability: [kind("zorgtoelage", 20, 150, "person", "month"), kind("integratietoelage", 100, 600, "person", "year")],
  mobility: [kind("vervoerstoelage", 50, 300, "person", "year"), kind("tussenkomst in het busabonnement", 50, 300, "person", "year")],
  digital_inclusion: [kind("werking van het digipunt", 5_000, 40_000, null, "year"), kind("laptoppremie", 100, 400, "household", "once")],
  integration_language: [kind("tussenkomst in taallessen", 50, 300, "person", "year")],
  other: [kind("tussenkomst in de huisvuilbelasting", 20, 120, "household", "year"), kind("gratis huisvuilzakken", 10, 60, "household", "year")],
};

/** How often each action is read, as the evaluation set shows them: most measures are new or bigger. */
export const ACTION_WEIGHTS: [Action, number][] = [
  ["introduce", 26], ["expand", 14], ["increase", 15], ["continue", 14], ["announce", 10], ["reduce", 7], ["cut", 5], ["end", 5], ["in_force", 4],
];

const PER_TEXT: Record<Unit, string> = { person: "per persoon", child: "per kind", household: "per gezin", dependant: "per persoon ten laste", night: "per nacht", meal: "per maaltijd", litre: "per liter", kilometre: "per kilometer", key: "per sleutel" };
const PERIOD_TEXT: Record<Period, string> = { once: "eenmalig", hour: "per uur", day: "per dag", week: "per week", month: "per maand", quarter: "per kwartaal", school_year: "per schooljaar", year: "per jaar", unknown: "" };

/** An amount as stored in measure_amounts. */
export interface SeedAmount {
  cents: bigint;
  maxCents: bigint | null;
  previousCents: bigint | null;
  period: Period;
  per: Unit | null;
  text: string;
}

/** A measure sentence as written: its span in the text (the quote is the text there) and its amount. */
export interface WrittenMeasure {
  start: number;
  end: number;
  amount: SeedAmount | null;
}

const cents = (euros: number) => BigInt(Math.round(euros * 100));

/**
 * Write one sentence stating a measure of `theme` with `action`, by `subject` ("De gemeente",
 * or a name: `subjectIsName`). Gives its span (from its first letter to its full stop) and amount.
 */
export function writeMeasureSentence(
  builder: TextBuilder,
  random: Random,
  theme: ThemeCode,
  action: Action,
  subject: { words: string; name: string | null },
): WrittenMeasure {
  const measure = random.pick(MEASURE_KINDS[theme]);
  const withAmount = random.chance(0.75);
  const euros = roundAmount(random, measure.min, measure.max);
  const changed = action === "increase" || action === "reduce";
  const previous = changed && withAmount ? roundAmount(random, euros * (action === "increase" ? 0.6 : 1.15), euros * (action === "increase" ? 0.9 : 1.6)) : null;
  const range = !changed && withAmount && random.chance(0.08) ? roundAmount(random, euros * 1.3, euros * 2.5) : null;
  const tail = [measure.per ? PER_TEXT[measure.per] : "", PERIOD_TEXT[measure.period]].filter(Boolean).join(" ");
  const amountText = withAmount ? (range !== null ? `tussen ${formatEuro(euros)} en ${formatEuro(range)}` : formatEuro(euros)) + (tail ? ` ${tail}` : "") : "";
  const of = amountText ? ` van ${amountText}` : "";
  const sentence =
    action === "introduce" ? `voert een nieuwe ${measure.noun} in${of}`
    : action === "expand" ? `breidt de ${measure.noun} uit${amountText ? ` tot ${amountText}` : ""}`
    : action === "increase" ? `verhoogt de ${measure.noun}${previous !== null ? ` van ${formatEuro(previous)} naar ${amountText}` : ""}`
    : action === "reduce" ? `verlaagt de ${measure.noun}${previous !== null ? ` van ${formatEuro(previous)} naar ${amountText}` : ""}`
    : action === "cut" ? `schrapt de ${measure.noun}${of}`
    : action === "end" ? `stopt met de ${measure.noun}${of}`
    : action === "continue" ? `zet de ${measure.noun}${of} voort`
    : action === "announce" ? `kondigt een ${measure.noun} aan${of}`
    : `past de ${measure.noun}${of} verder toe`;
  const start = builder.word(subject.words);
  if (subject.name) builder.word(subject.name, true);
  builder.eachWord(sentence);
  builder.endSentence();
  const end = builder.offset;
  const amount: SeedAmount | null = withAmount
    ? {
        cents: cents(euros),
        maxCents: range !== null ? cents(range) : null,
        previousCents: previous !== null ? cents(previous) : null,
        period: measure.period,
        per: measure.per,
        text: amountText.replace(/^tussen /u, ""),
      }
    : null;
  return { start, end, amount };
}
