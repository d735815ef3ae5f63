/**
 * Weights of the measure confidence (confidence.ts), in the order of CONFIDENCE_FEATURES. Written by
 * `npm run fit:confidence` (test/normalise-eval/fit-confidence.ts) from 177 measures read from the
 * real texts tuned on (125 right); L2 penalty 1, chosen by 5-fold cross-validation by publisher
 * (log loss 0.460). Do not edit by hand.
 */
export const confidenceModel = {
  weights: [-0.651, 0.694, -0.108, 0.54, 1.033, -0.903, -0.264, -0.992, -0.009, 0.797, 1.307, -0.16, 0.557, 0.636, -0.968, -0.595, 0.876, -0.512, -0.044] as number[],
};
