import { currentTaxonomy } from "../../db/reference/taxonomies.js";
import { type Sentence, foldText, sentenceAt, sentenceIndexAt, splitSentences } from "./sentences.js";
import { type ThemeCode, themeLexicon } from "./theme-lexicon.js";

/** A theme found in a text: its score between 0 and 1 and the sentence that shows it best. */
export interface ThemeMatch {
  code: ThemeCode;
  label: string;
  score: number;
  /** Offsets into `field`: the body text, or the title when the title shows the theme best. */
  evidence: { field: "text" | "title"; text: string; start: number; end: number };
  /** The terms that matched, as written in the text. */
  terms: string[];
}

/** Total weight a theme needs to be assigned to a text. */
export const THEME_THRESHOLD = 3;

const labels = new Map<string, string>(currentTaxonomy.themes.map((t) => [t.code, t.labelNl]));

/** The Dutch label of a theme of the current taxonomy. */
export const themeLabel = (code: ThemeCode): string => labels.get(code) ?? code;
const compiled = Object.entries(themeLexicon).map(([code, terms]) => ({
  code: code as ThemeCode,
  terms: terms.map((term) => ({ weight: term.weight, regex: new RegExp(term.pattern, "gu") })),
}));

interface TermHit {
  code: ThemeCode;
  weight: number;
  start: number;
  end: number;
}

/** Every theme term in a text (folded for matching, offsets into the original). */
export function findThemeTerms(text: string): TermHit[] {
  const folded = foldText(text);
  const hits: TermHit[] = [];
  for (const theme of compiled) {
    for (const term of theme.terms) {
      for (const match of folded.matchAll(term.regex)) {
        if (match[0].length > 0) hits.push({ code: theme.code, weight: term.weight, start: match.index, end: match.index + match[0].length });
      }
    }
  }
  return hits;
}

/**
 * Themes of a text: a theme's weight is the sum of its distinct terms' weights (a term repeated
 * adds half its weight once more); it is assigned at {@link THEME_THRESHOLD}. The score grows with
 * the weight (1 − e^(−weight/3)); the evidence is the sentence holding the strongest term.
 */
export function classifyThemes(text: string, sentences: readonly Sentence[] = splitSentences(text)): ThemeMatch[] {
  const byTheme = new Map<ThemeCode, TermHit[]>();
  const eligibility = new Map<number, boolean>();
  for (const found of findThemeTerms(text)) {
    const hit = inEligibilityList(sentences, found, eligibility) ? { ...found, weight: 1 as const } : found;
    const hits = byTheme.get(hit.code);
    if (hits) hits.push(hit);
    else byTheme.set(hit.code, [hit]);
  }
  const matches: ThemeMatch[] = [];
  for (const [code, hits] of byTheme) {
    const weight = weighHits(text, hits);
    if (weight < THEME_THRESHOLD) continue;
    const strongest = [...hits].sort((a, b) => b.weight - a.weight || a.start - b.start)[0];
    if (!strongest) continue;
    const sentence = sentenceAt(sentences, strongest.start) ?? { text: text.slice(strongest.start, strongest.end), start: strongest.start, end: strongest.end };
    matches.push({
      code,
      label: labels.get(code) ?? code,
      score: Math.round((1 - Math.exp(-weight / 3)) * 1000) / 1000,
      evidence: { field: "text", text: sentence.text, start: sentence.start, end: sentence.end },
      terms: [...new Set(hits.map((h) => text.slice(h.start, h.end)))],
    });
  }
  if (matches.length === 0) {
    const fallback = incomeFallback(text, sentences);
    if (fallback) matches.push(fallback);
  }
  return matches.sort((a, b) => b.score - a.score);
}

const allowanceWord = /\p{L}*(?:premie|toelage)\b/u;

/**
 * A premium or allowance on no other theme, for people under an income limit ("premie
 * nutsvoorzieningen … het gezinsinkomen mag niet hoger zijn dan …"), is income support.
 */
function incomeFallback(text: string, sentences: readonly Sentence[]): ThemeMatch | null {
  const folded = foldText(text);
  const allowance = allowanceWord.exec(folded);
  if (!allowance || !/inkomen/.test(folded)) return null;
  const sentence = sentenceAt(sentences, allowance.index) ?? { text: allowance[0], start: allowance.index, end: allowance.index + allowance[0].length };
  return {
    code: "income_support",
    label: labels.get("income_support") ?? "income_support",
    score: Math.round((1 - Math.exp(-THEME_THRESHOLD / 3)) * 1000) / 1000,
    evidence: { field: "text", text: sentence.text, start: sentence.start, end: sentence.end },
    terms: [text.slice(allowance.index, allowance.index + allowance[0].length)],
  };
}

/**
 * Who may apply ("wie een leefloon ontvangt", "attest budgetbeheer of schuldbemiddeling",
 * "voorwaarden: …"): the themes such a sentence names are conditions of the measure, not what it
 * is about, so their terms count only as context. The first sentence (a page's title or lead)
 * says what the page is about and is never read as a condition.
 */
const eligibilityCue = /\b(?:vermijden|voorkomen|tegengaan) dat\b|\bvoorwaarden?\b|\bin aanmerking\b|\battest\b|\bbewijs van\b|\bstatuut\b|\bcategorie\b|\bdoelgroep\b|\bwie (?:een|het|in|recht)\b|\b(?:als|indien) (?:je|u|jij)\b|\bgerechtigd\b|\bop voorwaarde\b/;

function inEligibilityList(sentences: readonly Sentence[], hit: TermHit, known: Map<number, boolean>): boolean {
  const index = sentenceIndexAt(sentences, hit.start);
  if (index <= 0) return false;
  let eligibility = known.get(index);
  if (eligibility === undefined) {
    eligibility = eligibilityCue.test(foldText((sentences[index] as Sentence).text));
    known.set(index, eligibility);
  }
  return eligibility;
}

/** Where a sentence starts naming who a measure is for. */
const targetGroup = /\b(?:toegekend|verleend|uitgekeerd|gegeven) aan\b|\bvoor wie\b|\b(?:voor|op) (?:inwoners|mensen|personen|gezinnen|ouders|burgers|clienten) (?:die|met|in)\b|\bricht(?:en)? zich (?:\S+ )?op\b|\bdoelgroep/;

/** Themes with at least one strong term (weight ≥ 2) inside one sentence: what a measure sentence is about. */
export function themesOfSentence(sentence: Sentence): ThemeCode[] {
  return [...sentenceThemeWeights(sentence).entries()].filter(([, w]) => w >= 2).sort((a, b) => b[1] - a[1]).map(([code]) => code);
}

/** The themes of a sentence named by its strongest terms (all of equal weight, at least 2). */
export function strongestThemesOfSentence(sentence: Sentence): ThemeCode[] {
  const weights = [...sentenceThemeWeights(sentence).entries()].filter(([, w]) => w >= 2);
  const top = Math.max(0, ...weights.map(([, w]) => w));
  return weights.filter(([, w]) => w === top).map(([code]) => code);
}

/** Each theme's strongest term in a sentence, terms naming who a measure is for counted as context. */
function sentenceThemeWeights(sentence: Sentence): Map<ThemeCode, number> {
  const hits = findThemeTerms(sentence.text);
  // "… richt zich op inwoners die met een leefloon of in collectieve schuldenregeling …": after a
  // strong term, the people a measure is for name its conditions, not further themes.
  const clause = foldText(sentence.text).search(targetGroup);
  const before = clause >= 0 && hits.some((hit) => hit.end <= clause && hit.weight >= 2);
  const weights = new Map<ThemeCode, number>();
  for (const hit of hits) {
    const weight = before && hit.start >= clause ? Math.min(hit.weight, 1) : hit.weight;
    weights.set(hit.code, Math.max(weights.get(hit.code) ?? 0, weight));
  }
  return weights;
}

function weighHits(text: string, hits: readonly TermHit[]): number {
  const seen = new Map<string, number>();
  for (const hit of hits) {
    const term = text.slice(hit.start, hit.end).toLowerCase();
    seen.set(term, (seen.get(term) ?? 0) + 1);
  }
  let strong = 0;
  let weak = 0;
  const counted = new Set<string>();
  for (const hit of hits) {
    const term = text.slice(hit.start, hit.end).toLowerCase();
    if (counted.has(term)) continue;
    counted.add(term);
    const added = hit.weight + ((seen.get(term) ?? 1) > 1 ? hit.weight / 2 : 0);
    if (hit.weight === 1) weak += added;
    else strong += added;
  }
  // Context words alone ("gezinnen", "kinderen", "OCMW") never make a theme: together they add at most 2.
  return strong + Math.min(weak, 2);
}

/** Themes of a document with a title: both count, and evidence in the title says so. */
export function classifyDocumentThemes(title: string, text: string): ThemeMatch[] {
  if (!title.trim()) return classifyThemes(text);
  const offset = title.length + 2;
  return classifyThemes(`${title}\n\n${text}`).map((match) => {
    const { evidence } = match;
    if (evidence.start >= offset) return { ...match, evidence: { ...evidence, start: evidence.start - offset, end: evidence.end - offset } };
    return { ...match, evidence: { ...evidence, field: "title" as const, end: Math.min(evidence.end, title.length) } };
  });
}
