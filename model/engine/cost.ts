// Cost per response and per million output tokens (primer, after llm-analysis):
//   capital $/s = chip price / (lifetime · utilisation)
//   energy  $/s = (chip watts + host watts per chip) · PUE · $/J
//   $/response  = (capital + energy) $/s · chips · response time / sequences served together

import type { Economics } from '../design';
import type { EvaluationResult } from '../result';

export function costOf(
  e: Economics,
  chips: number,
  wattsPerChip: number,
  responseSeconds: number,
  batch: number,
  outputTokensPerSecond: number,
): EvaluationResult['cost'] {
  const capitalUsdPerSecond = (chips * e.chipPriceUsd) / (e.lifetimeSeconds * e.utilization);
  const energyUsdPerSecond = chips * (wattsPerChip + e.hostWattsPerChip) * e.pue * e.electricityUsdPerJoule;
  const usdPerSecond = capitalUsdPerSecond + energyUsdPerSecond;
  return {
    usdPerMillionOutputTokens: (usdPerSecond / outputTokensPerSecond) * 1e6,
    usdPerResponse: (usdPerSecond * responseSeconds) / batch,
    capitalShare: usdPerSecond > 0 ? capitalUsdPerSecond / usdPerSecond : 0,
    capitalKnown: e.priceSource !== 'unknown',
  };
}
