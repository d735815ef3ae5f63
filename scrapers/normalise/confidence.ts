import type { MeasureAction, MeasureSignals } from "./measures.js";

/**
 * How often a measure read with this action was right, before its other signals: fitted by hand
 * on the real tuning set and the synthetic tuning set (test/normalise-eval), never on the held-out
 * parts. A standing measure or an introduction is usually right; a reduction or an announcement
 * is most often a rule or an intention read as a change.
 */
const actionBase: Record<MeasureAction, number> = {
  in_force: 0.7,
  introduce: 0.7,
  end: 0.7,
  increase: 0.6,
  continue: 0.55,
  expand: 0.5,
  cut: 0.4,
  reduce: 0.3,
  announce: 0.3,
};

/**
 * The chance that a measure is right (municipality, theme and action), from what it was read
 * from: a theme that is not what the document is about first is half as often right, one named
 * only by the document's main theme less often, a municipality named in the sentence and a
 * measure stated more than once more often. Between 0.05 and 0.95; `measures(filter:
 * {minConfidence})` filters on it, and the README states how precise each threshold was on the
 * held-out texts.
 */
export function measureConfidence(action: MeasureAction, signals: MeasureSignals): number {
  let confidence = actionBase[action];
  if (!signals.mainTheme) confidence -= 0.3;
  if (!signals.ownTheme) confidence -= 0.1;
  if (signals.namedMunicipality) confidence += 0.1;
  if (signals.pieces > 1) confidence += 0.05;
  return Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;
}
