// 80 % prediction ranges (contract §4.1, `result.ranges`): for each headline metric, the
// interval a real run of this configuration should fall in four times out of five. They
// come from the out-of-fold residuals of the cross-validation (validation/crossValidate.ts):
// r = ln(predicted / measured) on rows the fit never saw, so measured = predicted · e^−r and
//
//   range = [ value · e^−q90(r), value · e^−q10(r) ]
//
// with the quantiles taken over the residuals of the metric's basis (RANGE_BASIS) in the
// same category: whether the chip's family and the runtime were calibrated ("seen") or not.
// Response time and throughput are one quantity seen two ways (a static batch delivers
// batch × output tokens in one response time), so they share one interval: the
// throughput's, read as a time through the exact inverse; with one output token (no decode
// step) both are the prefill's (basisFor). Where a basis has too few
// residuals in its category, the category's residuals over every metric are used. The ends
// are widened to contain the value itself (a range must hold the prediction).
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
  /**
   * Per category: per metric (when it has enough residuals), each as that metric's own
   * ln(predicted / measured), and `all`: every metric pooled, each residual read as a time's
   * (a rate's negated: timeSign).
   */
  categories: Record<RangeCategory, Partial<Record<RangeMetric, QuantilePair>> & { all: QuantilePair }>;
  /**
   * The error of a ratio of two predictions that share their error's sources (pairedRatioRange):
   * the quantiles of d = r_i − r_j over pairs of out-of-fold residuals of one fold's fit, one
   * measurement series (source) and one chip family, for a calibrated family on a calibrated
   * runtime (`seen`) and for everything else (`unseen`, too few series to split further): per
   * basis metric where it has enough series, and `all` pooled. `n` counts pairs; `series`, the
   * series they come from.
   */
  paired?: Record<PairedGroup, PairedQuantiles> & {
    /**
     * The pairs whose figure the model moves by less than `below` (|ln predicted ratio|), every
     * group and metric pooled: a ratio the designs' differences barely move takes these, not the
     * pooled pairs that moved by tens of per cent (validation/rangeTable.ts SMALL_CHANGE_BELOW).
     */
    smallChange?: PairedSmallChange;
  };
}

export interface PairedSmallChange extends QuantilePair {
  series: number;
  below: number;
}

export type PairedGroup = 'seen' | 'unseen';
export interface PairedQuantiles {
  series: number;
  all: QuantilePair;
  metrics: Partial<Record<RangeMetric, QuantilePair & { series: number }>>;
}
/** The paired quantiles a range category reads. */
export const pairedGroupOf = (category: RangeCategory): PairedGroup => (category === 'seen' ? 'seen' : 'unseen');

export type Ranges = Record<RangeMetric, [number, number]>;

/** The fewest residuals of one metric for its own quantiles; fewer fall back to the category's pooled ones. */
export const MIN_RESIDUALS_PER_METRIC = 15;

export function rangeCategory(design: DesignPoint): RangeCategory {
  const chipSeen = design.hardware.provenance.family !== undefined;
  // The generic runtime is the pooled guess for unknown software: an unseen runtime. So is a
  // fitted preset with values of the config's own (`runtime: { extends: tensorrt-llm,
  // gemm_efficiency: 30 % }`): the fit saw the preset's values, not these, and its errors on
  // them say nothing of the config's (NIM's TensorRT-LLM with its own all-reduce is such a
  // stack, and its rows were never fitted).
  const rt = design.runtime.provenance;
  const runtimeSeen = rt.evidence === 'fitted' && rt.id !== 'generic' && !rt.modified;
  return chipSeen && runtimeSeen ? 'seen' : chipSeen ? 'unseen-runtime' : runtimeSeen ? 'unseen-chip' : 'unseen-both';
}

/**
 * Why a design built on calibrated presets counts as unseen: the calibrated keys its config
 * sets itself, and those words. Without them a user who changes an H100's bandwidth sees its
 * ranges widen with no reason given.
 */
export interface RangeCategoryWhy {
  keys: string[];
  text: string;
}

export function rangeCategoryWhy(design: DesignPoint): RangeCategoryWhy | undefined {
  const departed = design.hardware.provenance.departed;
  const rt = design.runtime.provenance;
  const runtimeKeys = rt.evidence === 'fitted' && rt.id !== 'generic' ? rt.writtenKeys : [];
  const isAre = (keys: readonly string[]) => `${keys.join(', ')} ${keys.length > 1 ? 'are' : 'is'}`;
  // Beside a chip's reason, the runtime's when it too is unseen by what it is, not by a key
  // written (the generic runtime, a prior): the parenthesis then explains both halves.
  const runtimeUnseen = rt.evidence !== 'fitted' || rt.id === 'generic';
  const why = [
    departed ? `${isAre(departed.keys)} this config's, not the calibrated ${departed.presetId}'s` : '',
    runtimeKeys.length > 0 ? `${isAre(runtimeKeys)} this config's, over the fitted ${rt.id} runtime's` : '',
    departed && runtimeUnseen
      ? rt.id === 'generic'
        ? 'the generic runtime is the pooled guess for software the fit never saw'
        : `the ${rt.id} runtime is a prior, never fitted`
      : '',
  ].filter(Boolean);
  return why.length > 0 ? { keys: [...(departed?.keys ?? []), ...runtimeKeys], text: why.join('; ') } : undefined;
}

/**
 * How a metric's range is set: from the residual quantiles of `quantiles`, read through
 * `sign` (+1: the same relative error; −1: the inverse quantity, whose measured/predicted
 * ratio is the basis's predicted/measured), and whether the metric's own out-of-fold
 * residuals enter those quantiles (`pooled`) or only check them.
 */
export interface RangeBasis {
  quantiles: RangeMetric;
  sign: 1 | -1;
  pooled: boolean;
}

/**
 * Every metric's basis. Prefill and decode latency are quantities of their own.
 *
 * Throughput and response time are not: the engine defines throughput = batch · output /
 * response (model/engine/evaluate.ts; every chip serves one shard, chips = TP × PP, so there
 * are no replicas to multiply by), and a measured throughput of a static batch is the same
 * ratio, so a throughput row's ln(predicted / measured) is a response-time row's
 * ln(measured / predicted). Two sets of quantiles would print two intervals for one quantity
 * that contradict each other (they did: on the H100 baseline of examples/jalapeno.chip.yaml
 * throughput's lower end, 587 tok/s, was a response of 6.98 s, above response time's upper
 * end of 6.21 s). One interval, then, set by the throughput rows: they come from more
 * sources, serving stacks, chips and held-out folds (gpt-fast, lmdeploy and TensorRT-LLM on
 * A100/H100; Gaudi 2 and 3) than the response-time rows (one FasterTransformer table on the
 * A100, held out three ways; MI300X runs of vLLM). The response-time rows do not enter the
 * quantiles: they check the shared interval independently (docs/validation.md counts both
 * kinds and gives each one's coverage).
 *
 * Throughput per chip is the system's throughput over a chip count the config states: the
 * same relative error, its rows pooled with the throughput's.
 */
export const RANGE_BASIS: Record<RangeMetric, RangeBasis> = {
  'prefill.ms': { quantiles: 'prefill.ms', sign: 1, pooled: true },
  'decode.msPerToken': { quantiles: 'decode.msPerToken', sign: 1, pooled: true },
  'response.ms': { quantiles: 'throughput.outputTokensPerSecond', sign: -1, pooled: false },
  'throughput.outputTokensPerSecond': { quantiles: 'throughput.outputTokensPerSecond', sign: 1, pooled: true },
  'throughput.perChip': { quantiles: 'throughput.outputTokensPerSecond', sign: 1, pooled: true },
};

/**
 * +1 for a time, −1 for a rate: a rate's ln(predicted / measured) is the ln(measured /
 * predicted) of the time it takes to deliver its tokens. The pooled `all` quantiles read
 * every residual as a time's, so a rate that falls back to them reads them inverted.
 */
export const timeSign = (metric: RangeMetric): 1 | -1 => (metric.startsWith('throughput.') ? -1 : 1);

/** The quantiles of the inverse quantity: a rate's 10th percentile is its time's 90th, negated. */
export const invert = (q: QuantilePair): QuantilePair => ({ n: q.n, q10: -q.q90, q90: -q.q10 });

/** The pooled quantiles of a category read as a metric's own (`all` is a time's: timeSign). */
export const pooledAs = (all: QuantilePair, metric: RangeMetric): QuantilePair => (timeSign(metric) === 1 ? all : invert(all));

/** The metric whose residual quantiles set a metric's range (RANGE_BASIS). */
export function quantileMetric(metric: RangeMetric): RangeMetric {
  return RANGE_BASIS[metric].quantiles;
}

/**
 * A metric's basis for a result. With no decode step (one output token) a response is its
 * prefill, to the digit: its time is the prefill's and its rate is batch / prefill, so both take
 * the prefill's residuals. The throughput rows measure responses of many decode steps; read for a
 * prefill, they gave `response.ms` another range than the same number shown as `prefill.ms`.
 */
export function basisFor(metric: RangeMetric, decodeSteps: number | undefined): RangeBasis {
  const basis = RANGE_BASIS[metric];
  return decodeSteps === 0 && metric !== 'decode.msPerToken'
    ? { quantiles: 'prefill.ms', sign: timeSign(metric), pooled: basis.pooled }
    : basis;
}

export function quantilesFor(
  category: RangeCategory,
  metric: RangeMetric,
  table: ResidualQuantileTable = RESIDUAL_QUANTILES,
): QuantilePair {
  return basisQuantiles(category, quantileMetric(metric), table);
}

/** A basis metric's own quantiles in a category, or the pooled ones read as its. */
function basisQuantiles(category: RangeCategory, basis: RangeMetric, table: ResidualQuantileTable): QuantilePair {
  const c = table.categories[category];
  return c[basis] ?? pooledAs(c.all, basis);
}

/** The quantiles of a metric's own ln(predicted / measured): its basis's, inverted for the inverse quantity. */
export function metricQuantiles(
  category: RangeCategory,
  metric: RangeMetric,
  table: ResidualQuantileTable = RESIDUAL_QUANTILES,
  decodeSteps?: number,
): QuantilePair {
  const basis = basisFor(metric, decodeSteps);
  const q = basisQuantiles(category, basis.quantiles, table);
  return basis.sign === 1 ? q : invert(q);
}

/**
 * The interval for one value from its residual quantiles, containing the value; with the
 * metric's physical limit (a time's floor, a rate's ceiling: EvaluationResult.physicalLimits)
 * it stops there. The residuals are errors of other designs: on an Inferentia2 decode step the
 * model puts 18 % above its bandwidth floor, they reached 24 % below that floor, a measurement
 * no chip could make.
 */
export function rangeOf(value: number, q: QuantilePair, limit?: { metric: RangeMetric; value: number }): [number, number] {
  const low = value * Math.min(1, Math.exp(-q.q90));
  const high = value * Math.max(1, Math.exp(-q.q10));
  if (!limit || !Number.isFinite(limit.value) || limit.value <= 0) return [low, high];
  return timeSign(limit.metric) === 1
    ? [Math.min(value, Math.max(low, limit.value)), high]
    : [low, Math.max(value, Math.min(high, limit.value))];
}

/**
 * The 80 % range of one metric at a value the engine computed for a variant of a design (a
 * batch point of the batch curve): the design's category is unchanged by the variant, so the
 * same category's residuals of that metric's basis apply, as for the headline value. `of` is the
 * result (or batch point) the value is from: where its ranges stop, and its decode steps (basisFor).
 */
export function rangeFor(
  metric: RangeMetric,
  value: number,
  category: RangeCategory,
  of: { physicalLimits?: Partial<Record<RangeMetric, number>>; decodeSteps?: number } | undefined,
  table: ResidualQuantileTable = RESIDUAL_QUANTILES,
): [number, number] {
  const limit = of?.physicalLimits?.[metric];
  return rangeOf(
    value,
    metricQuantiles(category, metric, table, of?.decodeSteps),
    limit === undefined ? undefined : { metric, value: limit },
  );
}

/** The value a range metric's range is about. */
export const rangeMetricValue = (r: EvaluationResult, m: RangeMetric): number => {
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
  const ranges = Object.fromEntries(
    RANGE_METRICS.map((m) => [m, rangeFor(m, rangeMetricValue(result, m), category, result, table)]),
  ) as Ranges;
  return { category, ranges };
}

/** The fewest measurement series for a metric's own paired quantiles; fewer take the pooled ones. */
export const MIN_SERIES_PER_METRIC = 5;

/** A ratio the designs move by less than the small changes' bound (ResidualQuantileTable.paired.smallChange). */
export function isSmallChange(ratio: number, table: ResidualQuantileTable = RESIDUAL_QUANTILES): boolean {
  const small = table.paired?.smallChange;
  return !!small && Math.abs(Math.log(ratio)) < small.below;
}

/**
 * The paired quantiles of a metric's basis for a range category, or undefined where the table has
 * none; of the small changes where the `ratio` the designs give is one.
 */
export function pairedQuantiles(
  metric: RangeMetric,
  category: RangeCategory,
  table: ResidualQuantileTable = RESIDUAL_QUANTILES,
  ratio?: number,
): QuantilePair | undefined {
  const small = table.paired?.smallChange;
  if (small && ratio !== undefined && isSmallChange(ratio, table)) return small;
  const p = table.paired?.[pairedGroupOf(category)];
  return p && (p.metrics[quantileMetric(metric)] ?? p.all);
}

/**
 * The 80 % range of the ratio a/b of two predictions whose errors share their sources: the two
 * designs run on the same runtime values with the same fitted (or stated) chip efficiencies and
 * overheads, so whatever those are off by, they are off by on both sides and it cancels in the
 * ratio. What is left is how the model's error moves between two configurations on one stack,
 * measured directly: ln(predicted ratio / measured ratio) over pairs of measured rows that share
 * a fit, a source and a chip family (validation/rangeTable.ts). d is symmetric (each pair counts
 * both ways), so the range is the ratio × e^(±q).
 */
export function pairedRatioRange(ratio: number, q: QuantilePair): [number, number] {
  return [ratio * Math.exp(-q.q90), ratio * Math.exp(-q.q10)];
}

/**
 * The 80 % range of the ratio a/b of two predictions, each with its 80 % range. Each side's
 * range is read as its own log-normal error (±1.28σ on each side of the value); with the two
 * errors independent the log of the ratio spreads by their root-sum-square, which keeps the
 * ratio's range an 80 % range. Pairing the two extremes instead (a_low / b_high) would be a
 * ~96 % range, wide enough to call a 2.8× slowdown "no clear difference". For two designs
 * whose errors share their sources (the same chip parameters, runtime and workload:
 * model/ranges/sharedError.ts `pairedRanges`), pairedRatioRange measures the ratio's error
 * instead, where that is the narrower.
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
