/**
 * Weights of the measure confidence (confidence.ts), in the order of CONFIDENCE_FEATURES. Written by
 * `npm run fit:confidence` (test/normalise-eval/fit-confidence.ts) from 241 measures read from the
 * real texts tuned on (153 right); L2 penalty 3, chosen by 5-fold cross-validation by publisher
 * (log loss 0.590). Do not edit by hand.
 */
export const confidenceModel = {
  weights: [-0.951, 0.84, -0.1, 0.429, 0.134, -0.422, -0.338, -0.543, 0.022, 0.934, 0.312, -0.178, 0.603, 0.08, -0.295, -0.261, 0.593, -0.363, 0.047] as number[],
};
