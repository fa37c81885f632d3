// Written by `npm run validate:serving` (validation/serving.ts), do not edit: the power model
// against the GPU power measured while serving (docs/validation.md, "Power against measured GPU
// power"). test/unit/servingValidation.test.ts fails when it is stale.

export const MEASURED_POWER_CHECK = {
  /** Serving runs with measured power. */
  runs: 35,
  /** Median of modelled over measured average power per chip, minus 1. */
  medianError: -0.163,
  /** The least and the greatest of those errors: a median near 0 can hide runs read low and runs read high. */
  lowestError: -0.382,
  highestError: 0.455,
  /** Where the measured power comes from (validation/sources/). */
  source: 'ML.ENERGY v2, vLLM v0.4.2 ShareGPT, A100 40GB TP1 and TP8',
} as const;
