/**
 * The title, text and description of one seeded document, of either kind: Zipf filler with the
 * document's policy words, marker words and municipality names placed in it, the measure
 * sentences, and where each theme's evidence landed.
 */
import type { ThemeCode } from "../../db/reference/taxonomies.js";
import type { measureActions } from "../../db/tables/measures.js";
import { NAME_REDACTION_MARK } from "../../schema/redaction.js";
import type { Random } from "./seed-random.js";
import { writeMeasureSentence, type WrittenMeasure } from "./seed-measure-text.js";
import { SearchTermsCollector } from "./seed-search-terms.js";
import { type Placement, TextBuilder, writeFiller } from "./seed-text.js";
import { COMMON_TERM, drawContentWord, RARE_TERM, THEME_WORDS, type Vocabulary } from "./seed-vocabulary.js";

export interface TextPlan {
  kind: "council_decision" | "press_release";
  /** Words of the text in all (80–600), about. */
  words: number;
  themes: ThemeCode[];
  /** How many times each marker word is placed (0: not). */
  commonTerm: number;
  rareTerm: number;
  /** Names placed in the text (the publisher's, the mentioned municipalities'), each as often as listed. */
  names: string[];
  /** The publisher, as a measure sentence's subject: "De gemeente", or "Stad" and a name. */
  subject: { words: string; name: string | null };
  /** A press release's title names its publisher. */
  titleName: { style: string; name: string } | null;
  measures: { theme: ThemeCode; action: (typeof measureActions)[number] }[];
  redacted: boolean;
}

export interface ThemeEvidence {
  field: "text" | "title";
  start: number;
  end: number;
  quote: string;
}

export interface DocumentText {
  title: string;
  text: string;
  /** A decision's motivation and operative part (text is both, a blank line between), else null. */
  motivation: string | null;
  operativeText: string | null;
  description: string | null;
  evidence: Map<ThemeCode, ThemeEvidence>;
  measures: (WrittenMeasure & { quote: string })[];
  searchTerms: string;
}

const DECISION_TITLE_HEADS = [
  "Goedkeuring van het reglement", "Vaststelling van de subsidie", "Aanpassing van het retributiereglement", "Verlenging van de overeenkomst",
  "Kennisname van het verslag", "Toekenning van de toelage", "Principiële goedkeuring van het project", "Wijziging van de regeling",
  "Bekrachtiging van de beslissing", "Goedkeuring van de samenwerkingsovereenkomst", "Vaststelling van de voorwaarden", "Goedkeuring",
];
const PRESS_TITLE_VERBS = ["verhoogt", "lanceert", "start met", "breidt", "investeert in", "versterkt", "zoekt", "opent", "evalueert", "vernieuwt", "kiest voor"];
const LEGAL_GROUNDS = [
  "Het decreet over het lokaal bestuur van 22 december 2017, in het bijzonder artikel 40 en 41",
  "Het besluit van de Vlaamse Regering van 30 maart 2018 over de beleids- en beheerscyclus van de lokale besturen",
  "De organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn",
  "Het decreet van 9 februari 2024 over het lokaal sociaal beleid",
  "Het besluit van de Vlaamse Regering betreffende de kinderopvang van baby's en peuters",
];
const DECISION_CLOSING = "Dit besluit treedt in werking op de dag van de bekendmaking";
/** Words of a decision's headings, legal ground and closing, and of a measure sentence, about: the filler is what `words` leaves. */
const DECISION_FIXED_WORDS = 35;
const MEASURE_WORDS = 14;

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** The placements of a document: theme words (2–5 per theme), markers, names, a redaction mark. */
function placementsOf(plan: TextPlan, random: Random): { placements: Placement[]; byTheme: Map<ThemeCode, Placement[]> } {
  const placements: Placement[] = [];
  const byTheme = new Map<ThemeCode, Placement[]>();
  for (const theme of plan.themes) {
    const list = Array.from({ length: random.int(2, 5) }, () => ({ token: random.pick(THEME_WORDS[theme]) }));
    byTheme.set(theme, list);
    placements.push(...list);
  }
  for (let i = 0; i < plan.commonTerm; i++) placements.push({ token: COMMON_TERM });
  for (let i = 0; i < plan.rareTerm; i++) placements.push({ token: RARE_TERM });
  for (const name of plan.names) placements.push({ token: name, isName: true });
  if (plan.redacted) placements.push({ token: NAME_REDACTION_MARK });
  return { placements: shuffle(placements, random), byTheme };
}

function writeTitle(plan: TextPlan, vocabulary: Vocabulary, random: Random, collector: SearchTermsCollector): { title: string; evidence: ThemeEvidence | null; theme: ThemeCode | null } {
  const builder = new TextBuilder(collector);
  const target = random.int(5, 12);
  let count = 0;
  if (plan.titleName) {
    builder.word(plan.titleName.style);
    builder.word(plan.titleName.name, true);
    count += 2 + plan.titleName.name.split(" ").length - 1;
    const verb = random.pick(PRESS_TITLE_VERBS);
    builder.word(verb);
    count += verb.split(" ").length;
  } else {
    const head = random.pick(DECISION_TITLE_HEADS);
    builder.word(head);
    count += head.split(" ").length;
  }
  const theme = plan.themes.length > 0 && random.chance(0.6) ? (plan.themes[0] as ThemeCode) : null;
  let evidence: { start: number; token: string } | null = null;
  if (theme) {
    const token = random.pick(THEME_WORDS[theme]);
    evidence = { start: builder.word(token), token };
    count += token.split(" ").length;
  }
  while (count < target) {
    builder.word(drawContentWord(vocabulary, random));
    count++;
  }
  if (!plan.titleName && random.chance(0.3)) builder.word(String(random.int(2019, 2026)));
  const title = builder.toString();
  return { title, theme, evidence: evidence ? { field: "title", start: evidence.start, end: evidence.start + evidence.token.length, quote: title.slice(evidence.start, evidence.start + evidence.token.length) } : null };
}

/** Write a document's title, text and description from its plan. */
export function writeDocumentText(plan: TextPlan, vocabulary: Vocabulary, random: Random): DocumentText {
  const collector = new SearchTermsCollector();
  const title = writeTitle(plan, vocabulary, random, collector);
  const { placements, byTheme } = placementsOf(plan, random);
  const builder = new TextBuilder(collector);
  const measures: WrittenMeasure[] = [];
  let motivation: string | null = null;
  let operativeText: string | null = null;
  let operativeStart = -1;
  if (plan.kind === "council_decision") {
    builder.heading("Juridische grond");
    builder.word(random.pick(LEGAL_GROUNDS));
    builder.endSentence();
    builder.heading("Context en argumentatie");
    const split = Math.round(placements.length * 0.65);
    const filler = Math.max(40, plan.words - DECISION_FIXED_WORDS - MEASURE_WORDS * plan.measures.length);
    writeFiller(builder, vocabulary, random, Math.round(filler * 0.65), placements.slice(0, split));
    builder.heading("Besluit");
    operativeStart = builder.offset - "Besluit\n".length;
    builder.heading("Artikel 1");
    writeFiller(builder, vocabulary, random, Math.round(filler * 0.35), placements.slice(split));
    for (const m of plan.measures) measures.push(writeMeasureSentence(builder, random, m.theme, m.action, plan.subject));
    builder.heading("Artikel 2");
    builder.word(DECISION_CLOSING);
    builder.endSentence();
  } else {
    const paragraphs = random.int(2, 6);
    const perParagraph = Math.ceil(placements.length / paragraphs);
    const filler = Math.max(60, plan.words - MEASURE_WORDS * plan.measures.length);
    for (let p = 0; p < paragraphs; p++) {
      builder.paragraph();
      writeFiller(builder, vocabulary, random, Math.ceil(filler / paragraphs), placements.slice(p * perParagraph, (p + 1) * perParagraph));
      if (p === 0) for (const m of plan.measures) measures.push(writeMeasureSentence(builder, random, m.theme, m.action, plan.subject));
    }
  }
  const text = builder.toString();
  if (operativeStart >= 0) {
    motivation = text.slice(0, operativeStart - 2);
    operativeText = text.slice(operativeStart);
  }
  const evidence = new Map<ThemeCode, ThemeEvidence>();
  for (const theme of plan.themes) {
    if (title.theme === theme && title.evidence) {
      evidence.set(theme, title.evidence);
      continue;
    }
    const first = byTheme.get(theme)?.find((p) => p.at !== undefined);
    if (first?.at !== undefined) evidence.set(theme, { field: "text", start: first.at, end: first.at + first.token.length, quote: text.slice(first.at, first.at + first.token.length) });
  }
  let description: string | null = null;
  if (random.chance(plan.kind === "press_release" ? 0.8 : 0.6)) {
    const lead = new TextBuilder(null);
    const theme = plan.themes[0];
    writeFiller(lead, vocabulary, random, random.int(12, 28), theme ? [{ token: random.pick(THEME_WORDS[theme]) }] : []);
    description = lead.toString();
  }
  return {
    title: title.title,
    text,
    motivation,
    operativeText,
    description,
    evidence,
    measures: measures.map((m) => ({ ...m, quote: text.slice(m.start, m.end) })),
    searchTerms: collector.result(),
  };
}
