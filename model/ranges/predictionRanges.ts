// 80 % prediction ranges (contract §4.1, `result.ranges`): for each headline metric, the
// interval a real run of this configuration should fall in four times out of five. They
// come from the out-of-fold residuals of the cross-validation (validation/crossValidate.ts):
// r = ln(predicted / measured) on rows the fit never saw, so measured = predicted · e^−r and
//
//   range = [ value · e^−q90(r), value · e^−q10(r) ]
//
// with the quantiles taken over the residuals of the same metric and the same category:
// whether the chip's family and the runtime were calibrated ("seen") or not. Where a metric
// has too few residuals in its category, the category's residuals over every metric are
// used. The ends are widened to contain the value itself (a range must hold the prediction).
// The quantile table is data written by `npm run validate` (residualQuantiles.ts).

import type { DesignPoint } from '../design';
import type { EvaluationResult } from '../result';
import { RESIDUAL_QUANTILES } from './residualQuantiles';

export const RANGE_METRICS = [
  'prefill.ms',
  'decode.msPerToken',
  'response.ms',
  'throughput.outputTokensPerSecond',
  'throughput.perChip',
] as const;
export type RangeMetric = (typeof RANGE_METRICS)[number];

/** Whether the chip family and the runtime were in the calibration. */
export const RANGE_CATEGORIES = ['seen', 'unseen-runtime', 'unseen-chip', 'unseen-both'] as const;
export type RangeCategory = (typeof RANGE_CATEGORIES)[number];

export interface QuantilePair {
  n: number;
  q10: number;
  q90: number;
}
export interface ResidualQuantileTable {
  /** How the table was made (command, rows, folds). */
  generatedBy: string;
  /** Per category: per metric (when it has enough residuals) and `all` (every metric pooled). */
  categories: Record<RangeCategory, Partial<Record<RangeMetric, QuantilePair>> & { all: QuantilePair }>;
}

export type Ranges = Record<RangeMetric, [number, number]>;

/** The fewest residuals of one metric for its own quantiles; fewer fall back to the category's pooled ones. */
export const MIN_RESIDUALS_PER_METRIC = 15;

export function rangeCategory(design: DesignPoint): RangeCategory {
  const chipSeen = design.hardware.provenance.family !== undefined;
  // The generic runtime is the pooled guess for unknown software: an unseen runtime.
  const rt = design.runtime.provenance;
  const runtimeSeen = rt.evidence === 'fitted' && rt.id !== 'generic';
  return chipSeen && runtimeSeen ? 'seen' : chipSeen ? 'unseen-runtime' : runtimeSeen ? 'unseen-chip' : 'unseen-both';
}

/**
 * The metric whose residuals set a metric's range. Throughput per chip is the system's
 * throughput over a chip count the config states, so its relative error is the throughput's
 * (and its range the system range over the chips); its measured rows pool with the
 * throughput's.
 */
export function quantileMetric(metric: RangeMetric): RangeMetric {
  return metric === 'throughput.perChip' ? 'throughput.outputTokensPerSecond' : metric;
}

export function quantilesFor(
  category: RangeCategory,
  metric: RangeMetric,
  table: ResidualQuantileTable = RESIDUAL_QUANTILES,
): QuantilePair {
  const c = table.categories[category];
  return c[quantileMetric(metric)] ?? c.all;
}

/** The interval for one value from its residual quantiles, containing the value. */
export function rangeOf(value: number, q: QuantilePair): [number, number] {
  return [value * Math.min(1, Math.exp(-q.q90)), value * Math.max(1, Math.exp(-q.q10))];
}

/**
 * The 80 % range of one metric at a value the engine computed for a variant of a design (a
 * batch point of the batch curve): the design's category is unchanged by the variant, so the
 * same category's residuals of that metric apply, as for the headline value.
 */
export function rangeFor(
  metric: RangeMetric,
  value: number,
  category: RangeCategory,
  table: ResidualQuantileTable = RESIDUAL_QUANTILES,
): [number, number] {
  return rangeOf(value, quantilesFor(category, metric, table));
}

const valueOf = (r: EvaluationResult, m: RangeMetric): number => {
  switch (m) {
    case 'prefill.ms':
      return r.prefill.ms;
    case 'decode.msPerToken':
      return r.decode.msPerToken;
    case 'response.ms':
      return r.response.ms;
    case 'throughput.outputTokensPerSecond':
      return r.throughput.outputTokensPerSecond;
    case 'throughput.perChip':
      return r.throughput.perChip;
  }
};

export function predictionRanges(
  result: EvaluationResult,
  design: DesignPoint,
  table: ResidualQuantileTable = RESIDUAL_QUANTILES,
): { category: RangeCategory; ranges: Ranges } {
  const category = rangeCategory(design);
  const ranges = Object.fromEntries(RANGE_METRICS.map((m) => [m, rangeFor(m, valueOf(result, m), category, table)])) as Ranges;
  return { category, ranges };
}

/**
 * The 80 % range of the ratio a/b of two predictions, each with its 80 % range. Each side's
 * range is read as its own log-normal error (±1.28σ on each side of the value); with the two
 * errors independent the log of the ratio spreads by their root-sum-square, which keeps the
 * ratio's range an 80 % range. Pairing the two extremes instead (a_low / b_high) would be a
 * ~96 % range, wide enough to call a 2.8× slowdown "no clear difference". Still cautious:
 * two designs run through the same model share part of their error, which this ignores.
 */
export function ratioRange(a: number, aRange: readonly [number, number], b: number, bRange: readonly [number, number]): [number, number] {
  const below = (v: number, r: readonly [number, number]) => Math.log(v / r[0]);
  const above = (v: number, r: readonly [number, number]) => Math.log(r[1] / v);
  const ratio = a / b;
  return [
    ratio * Math.exp(-Math.hypot(below(a, aRange), above(b, bRange))),
    ratio * Math.exp(Math.hypot(above(a, aRange), below(b, bRange))),
  ];
}
