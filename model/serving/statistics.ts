// Percentiles and histograms of per-request latencies.

import type { Histogram, Percentiles } from './types';

/** Finite values, sorted ascending. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out[k++] = values[i]!;
  return out.sort();
}

/** The p-th percentile (0..100) of sorted values, linear between ranks (NumPy's default). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const f = rank - lo;
  // On a whole rank the value is that request's: with the next one rejected (+Infinity),
  // 0 × Infinity would make it NaN.
  return f === 0 ? sorted[lo]! : sorted[lo]! + f * (sorted[hi]! - sorted[lo]!);
}

/** Mean and the contract's percentiles, scaled (seconds to ms: 1e3). */
export function summarise(sorted: Float64Array, scale: number): Percentiles {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  const n = sorted.length;
  return {
    mean: n ? (sum / n) * scale : 0,
    p50: n ? percentile(sorted, 50) * scale : 0,
    p90: n ? percentile(sorted, 90) * scale : 0,
    p99: n ? percentile(sorted, 99) * scale : 0,
  };
}

/** Equal-width bins from the minimum to the 99.5th percentile (the far tail is the last bin). */
export function histogram(sorted: Float64Array, scale: number, bins = 40): Histogram {
  if (sorted.length === 0) return { lo: 0, hi: 0, counts: [] };
  const lo = sorted[0]! * scale;
  const top = percentile(sorted, 99.5) * scale;
  // All values equal: give the bins a width relative to the value, since at large values
  // lo + 1e-9 is lo itself (the spacing of doubles near 2e8 ms is 3e-8), and a zero width
  // put every count at index NaN (the fuzz test's seed 619452883 found it).
  const hi = top > lo ? top : lo + Math.max(1e-9, Math.abs(lo) * 1e-9);
  const counts = Array.from({ length: bins }, () => 0);
  const width = (hi - lo) / bins;
  for (let i = 0; i < sorted.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((sorted[i]! * scale - lo) / width)));
    counts[b]!++;
  }
  return { lo, hi, counts };
}
