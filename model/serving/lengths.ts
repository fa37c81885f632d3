// Tokens per request drawn from a validated distribution (`serving.prompt`, `serving.output`).

import type { LengthDistribution } from '../config/schema';
import type { SeededRandom } from './random';

/** One draw, a whole number of tokens ≥ 1. `trace` lengths come from the trace itself. */
export function drawLength(d: LengthDistribution, rng: SeededRandom): number {
  switch (d.kind) {
    case 'fixed':
      return d.tokens;
    case 'uniform':
      return d.min + Math.floor(rng.next() * (d.max - d.min + 1));
    case 'lognormal': {
      // `mean` is the distribution's mean: mu = ln(mean) − sigma²/2.
      const mu = Math.log(d.mean) - (d.sigma * d.sigma) / 2;
      const v = Math.round(Math.exp(mu + d.sigma * rng.normal()));
      return Math.min(d.max, Math.max(d.min, v));
    }
    case 'trace':
      return 1;
  }
}

/** The largest length a distribution can produce (for capacity checks). */
export function maxLength(d: LengthDistribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.tokens;
    case 'uniform':
      return d.max;
    case 'lognormal':
      return d.max;
    case 'trace':
      return 1;
  }
}

/** z of the 99.99th percentile of a normal distribution. */
const Z_9999 = 3.719;

/**
 * The length that bounds practically every request: the distribution's bound, or for a
 * lognormal its 99.99th percentile when that is lower (its `max` left open is MAX_LENGTH_TOKENS,
 * 100 million; 2,048 on a mean of 256, sigma 0.6, is near it: 1,995).
 */
export function longLength(d: LengthDistribution): number {
  if (d.kind !== 'lognormal') return maxLength(d);
  const mu = Math.log(d.mean) - (d.sigma * d.sigma) / 2;
  return Math.min(d.max, Math.max(d.min, Math.round(Math.exp(mu + Z_9999 * d.sigma))));
}

/** The mean length (for work bounds and the fleet's tokens per request). */
export function meanLength(d: LengthDistribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.tokens;
    case 'uniform':
      return (d.min + d.max) / 2;
    // Clipping moves the mean a little; this is the unclipped mean, used only for bounds.
    case 'lognormal':
      return Math.min(d.max, Math.max(d.min, d.mean));
    case 'trace':
      return 1;
  }
}
