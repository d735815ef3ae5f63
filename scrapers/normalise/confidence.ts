import { confidenceModel } from "./confidence-model.js";
import type { MeasureAction, MeasureSignals } from "./measures.js";

/** The names of the features, in the order of {@link confidenceFeatures} and of the model's weights. */
export const CONFIDENCE_FEATURES = [
  "bias",
  "action in_force",
  "action introduce",
  "action end or cut",
  "action increase or reduce",
  "action expand",
  "action continue",
  "action announce",
  "theme is the main theme",
  "a sentence names the theme itself",
  "a sentence names the municipality",
  "the municipality is the publisher",
  "stated in several sentences",
  "the page describes",
  "a sentence reports a decision or something new",
  "with an amount",
  "theme is the document's strongest",
  "theme is not among the document's themes",
  "measures in the document (more: each less likely)",
] as const;

/** What a measure was read from, as numbers between 0 and 1 (see {@link CONFIDENCE_FEATURES}). */
export function confidenceFeatures(action: MeasureAction, signals: MeasureSignals): number[] {
  const flag = (value: boolean) => (value ? 1 : 0);
  return [
    1,
    flag(action === "in_force"),
    flag(action === "introduce"),
    flag(action === "end" || action === "cut"),
    flag(action === "increase" || action === "reduce"),
    flag(action === "expand"),
    flag(action === "continue"),
    flag(action === "announce"),
    flag(signals.mainTheme),
    flag(signals.ownTheme),
    flag(signals.namedMunicipality),
    flag(signals.publisher),
    Math.min(signals.pieces - 1, 3) / 3,
    flag(signals.describes),
    flag(signals.reported),
    flag(signals.amount),
    flag(signals.themeRank === 0),
    flag(signals.themeRank < 0),
    Math.min(signals.measuresInDocument - 1, 5) / 5,
  ];
}

/**
 * The chance that a measure is right (municipality, theme and action): a logistic regression over
 * {@link confidenceFeatures}, fitted on the real texts tuned on (`npm run fit:confidence`,
 * test/normalise-eval/fit-confidence.ts), never on the held-out part. Between 0.01 and 0.99;
 * `measures(filter: {minConfidence})` filters on it, and the README states how precise each
 * threshold was on the held-out texts.
 */
export function measureConfidence(action: MeasureAction, signals: MeasureSignals): number {
  const features = confidenceFeatures(action, signals);
  const z = features.reduce((sum, x, i) => sum + x * (confidenceModel.weights[i] ?? 0), 0);
  const p = 1 / (1 + Math.exp(-z));
  return Math.round(Math.min(0.99, Math.max(0.01, p)) * 100) / 100;
}
