import { type MunicipalityRegister, municipalityRegister } from "../../db/reference/municipality-register.js";
import { type Amount, findAmounts, isOfferPrice } from "./amounts.js";
import { type ExchangeListing, findExchanges } from "./exchanges.js";
import { findConditions, type MeasureConditions, noConditions } from "./conditions.js";
import { type Measure, findMeasures } from "./measures.js";
import { countMentions, findMunicipalityMentions, type MunicipalityCount, type MunicipalityMention } from "./municipalities.js";
import { findPii, type PiiFinding } from "./pii.js";
import { findQuantities, type Quantity } from "./quantities.js";
import { foldText, sentenceIndexAt, splitSentences } from "./sentences.js";
import { findDates, type TextDate } from "./text-dates.js";
import type { ThemeCode } from "./theme-lexicon.js";
import { classifyDocumentThemes, classifyThemes, THEME_THRESHOLD, type ThemeMatch, themeLabel, themesOfSentence } from "./themes.js";

/**
 * Version of the normalisation rules. Stored with every result; raise it when a rule changes
 * so that `vangnet reprocess` knows which documents were analysed by older rules.
 */
export const RULES_VERSION = "2026.11.30-11";

/** What the normalisation reads from one document. */
/** A measure with who may use it: a standing or new measure takes the conditions its text states. */
export type AnalysedMeasure = Measure & { conditions: MeasureConditions };

export interface Analysis {
  rulesVersion: string;
  /** Municipalities named in the text (not the publisher unless named), most mentioned first. */
  municipalities: MunicipalityCount[];
  mentions: MunicipalityMention[];
  themes: ThemeMatch[];
  amounts: Amount[];
  quantities: Quantity[];
  dates: TextDate[];
  /** Measures with who may use them: a standing or new measure takes the conditions its text states. */
  measures: AnalysedMeasure[];
  exchanges: ExchangeListing;
  pii: PiiFinding[];
}

export interface AnalysisInput {
  text: string;
  /** Title of the document, read for themes too (its evidence says `field: "title"`). */
  title?: string;
  /** Publication date (YYYY-MM-DD): resolves merged municipalities and dates without a year. */
  date: string | null;
  /** NIS of the publishing municipality, when the source says so. */
  publisher: string | null;
  /**
   * Offset where the text starts to state what is decided: for a council decision the operative
   * part, after the motivation (which recounts history and context). Measures are read from there on.
   */
  measuresFrom?: number;
}

/**
 * Runs the analysis somewhere: the parse pool's worker threads in the long-running commands (a
 * long text keeps a thread busy for seconds), this thread in tests and tools. A failure (over the
 * time budget) comes back as a reason, like a page that cannot be parsed.
 */
export type Analyser = (input: AnalysisInput) => Promise<{ ok: true; value: Analysis } | { ok: false; reason: string }>;

/** A text's conditions are those of its subject: a standing or new measure on what the text is about first. */
function conditionsApply(measure: Measure): boolean {
  return (measure.action === "in_force" || measure.action === "introduce") && measure.signals.mainTheme;
}

/** The analysis on the calling thread, without a time budget. */
export const analyseOnThisThread: Analyser = async (input) => ({ ok: true, value: analyseText(input) });

/**
 * Read everything the normalisation knows from a Dutch text: a pure function of the text and
 * its metadata, used by ingest, `vangnet reprocess` and `vangnet analyse`.
 */
/**
 * A theme after the strongest one is the document's only with a measure of its own or a score this
 * high (a weight of 5, two strong terms): a few terms in passing ("korting", "verminderd tarief" on a
 * childcare page, "schuldoverlast" in a list of who may apply) name context, not a subject.
 */
const SECONDARY_THEME_SCORE = 0.8;

/** A service centre, care home or service flats: the setting in which meals are elderly care. */
const careContext = /dienstencentr|\bldc\b|woonzorg|serviceflat|rusthuis|assistentiewoning/;
const decisiveFood = /voedselbank|voedselhulp|voedselbedeling|voedselpakket|sociale kruidenier|sociaa?le? restaurant|sociale supermarkt|foodsavers|voedselcheque/;

/** "De prijs voor een warme maaltijd" on a service centre's page: elderly care, not food aid. */
function mealsInCare(themes: ThemeCode[], sentence: string, inCare: boolean): ThemeCode[] {
  if (!inCare || !themes.includes("food_aid") || decisiveFood.test(foldText(sentence))) return themes;
  return [...new Set(themes.map((theme) => (theme === "food_aid" ? ("elderly_care" as const) : theme)))];
}

export function analyseText(input: AnalysisInput, register: MunicipalityRegister = municipalityRegister()): Analysis {
  const { text, date, publisher } = input;
  const sentences = splitSentences(text);
  const mentions = findMunicipalityMentions(text, date, register);
  const amounts = findAmounts(text).filter((amount) => {
    const index = sentenceIndexAt(sentences, amount.start);
    return !isOfferPrice(sentences[index]?.text ?? "", sentences[index - 1]?.text ?? "");
  });
  const quantities = findQuantities(text);
  const dates = findDates(text, date);
  const themes = input.title ? classifyDocumentThemes(input.title, text) : classifyThemes(text, sentences);
  const measureSentences = sentences.filter((s) => s.start >= (input.measuresFrom ?? 0));
  const inCare = careContext.test(foldText(text));
  const { conditions, ceilings } = findConditions(sentences, amounts);
  const measures = findMeasures({
    sentences: measureSentences,
    sentenceThemes: measureSentences.map((s) => mealsInCare(themesOfSentence(s), s.text, inCare)),
    documentThemes: themes.map((t) => t.code),
    mentions,
    amounts: amounts.filter((amount) => !ceilings.includes(amount)),
    quantities,
    dates,
    publisher,
    documentDate: date,
    defaultAction: input.measuresFrom ? "introduce" : undefined,
  }).map((measure) => ({ ...measure, conditions: conditionsApply(measure) ? conditions : noConditions }));
  // A measure outside the other themes (a social regulation adopted) makes its document `other` too.
  const other = measures.find((m) => m.theme === "other");
  if (other && !themes.some((t) => t.code === "other")) {
    const [piece] = other.evidence;
    themes.push({ code: "other", label: themeLabel("other"), score: THEME_THRESHOLD, evidence: { field: "text", text: piece?.text ?? "", start: piece?.start ?? 0, end: piece?.end ?? 0 }, terms: [] });
  }
  return {
    rulesVersion: RULES_VERSION,
    municipalities: countMentions(mentions),
    mentions,
    themes: themes.filter((theme, i) => i === 0 || theme.score >= SECONDARY_THEME_SCORE || measures.some((m) => m.theme === theme.code)),
    amounts,
    quantities,
    dates,
    measures,
    exchanges: findExchanges(text, (name) => register.resolve(name, date)?.nis ?? null),
    pii: findPii(text),
  };
}
