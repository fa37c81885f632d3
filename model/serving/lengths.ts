// Tokens per request drawn from a validated distribution (`serving.prompt`, `serving.output`).

import type { LengthDistribution } from '../config/schema';
import type { SeededRandom } from './random';
import type { ServingSpec } from './types';

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

/** The mean length (for work bounds and the fleet's tokens per request): a lognormal's after clipping to [min, max]. */
export function meanLength(d: LengthDistribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.tokens;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal':
      return clippedLognormalMean(d.mean, d.sigma, d.min, d.max);
    case 'trace':
      return 1;
  }
}

/**
 * The mean of a lognormal of mean `mean` and shape `sigma` clipped to [lo, hi] (draws below lo
 * count as lo, above hi as hi): lo·P(X < lo) + E[X; lo ≤ X ≤ hi] + hi·P(X > hi), with
 * E[X; lo ≤ X ≤ hi] = mean·(Φ((ln hi − μ − σ²)/σ) − Φ((ln lo − μ − σ²)/σ)), μ = ln(mean) − σ²/2.
 * Mean 1,024, σ 1.5, at most 8,192 tokens: 889, not 1,024 (400,000 draws average 890).
 */
export function clippedLognormalMean(mean: number, sigma: number, lo: number, hi: number): number {
  if (!(sigma > 0)) return Math.min(hi, Math.max(lo, mean));
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  const z = (x: number) => (Math.log(x) - mu) / sigma;
  const below = normalCdf(z(lo));
  const above = 1 - normalCdf(z(hi));
  const inside = mean * (normalCdf(z(hi) - sigma) - normalCdf(z(lo) - sigma));
  return lo * below + inside + hi * above;
}

/** Φ, the standard normal CDF (Abramowitz & Stegun 7.1.26 for erf: |error| < 1.5e-7). */
function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Output tokens a request of this traffic asks for, on average: the distribution's mean (clipped
 * as draws are), or a trace's over all its requests. What a fleet's cost per token divides by.
 */
export function expectedOutputTokens(spec: Pick<ServingSpec, 'output' | 'arrivals'>): number {
  if (spec.output.kind === 'trace' && spec.arrivals.kind === 'trace' && spec.arrivals.requests.length > 0)
    return spec.arrivals.requests.reduce((sum, r) => sum + r.outputTokens, 0) / spec.arrivals.requests.length;
  return meanLength(spec.output);
}
