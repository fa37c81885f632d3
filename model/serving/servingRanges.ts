// 80 % ranges of the serving and fleet figures. A serving figure is not a step time: near
// the knee a queue turns a step's error into a much larger latency error, so the static
// ranges cannot simply be copied onto it. Instead the simulation is run twice more with every
// step as fast, and as slow, as the static model's 80 % range says a real run's steps are
// (model/ranges: the cross-validated residuals of prefill and decode time in this design's
// category), with the same arrivals and lengths (the same seed). Each figure moves one way
// as all steps slow down, so its values at the two ends are its range for an error that
// affects prefill and decode alike (comonotonic: a chip or runtime the model reads too fast
// is read too fast in both phases). What the simulation itself gets wrong (the scheduler,
// the server around the engine) is not in it: docs/validation.md measures how often the
// measured serving rows fall inside.

import { metricQuantiles, rangeCategory } from '../ranges/predictionRanges';
import type { DesignPoint } from '../design';
import type { EvaluationResult } from '../result';
import { evaluateServing, type ServingOptions } from './evaluateServing';
import type { StepScale } from './stepTimer';
import type { FleetResult, Percentiles, ServingResult, ServingSpec } from './types';

const PERCENTILES = ['mean', 'p50', 'p90', 'p99'] as const satisfies readonly (keyof Percentiles)[];
const LATENCIES = ['ttftMs', 'tpotMs', 'e2eMs'] as const;
const SERVING_RATES = [
  'requestsPerSecond',
  'outputTokensPerSecond',
  'saturationRequestsPerSecond',
  'maxRateAtSlo',
  'sloAttainment',
] as const;
const FLEET_FIGURES = [
  'replicas',
  'standbyReplicas',
  'chips',
  'watts',
  'usdPerMillionOutputTokens',
  'usdPerResponse',
  'usdPerHour',
] as const;

export type ServingRangeMetric =
  | `serving.${(typeof LATENCIES)[number]}.${(typeof PERCENTILES)[number]}`
  | `serving.${(typeof SERVING_RATES)[number]}`
  | `fleet.${(typeof FLEET_FIGURES)[number]}`;

export type ServingRanges = Partial<Record<ServingRangeMetric, [number, number]>>;

/** The step-time factors of the two ends: every step at the 80 % range's fast and slow ends. */
export function stepScales(design: DesignPoint): { fast: StepScale; slow: StepScale } {
  const category = rangeCategory(design);
  const prefill = metricQuantiles(category, 'prefill.ms');
  const decode = metricQuantiles(category, 'decode.msPerToken');
  // measured = predicted · e^−r (model/ranges/predictionRanges.ts); never past the model itself.
  return {
    fast: { prefill: Math.min(1, Math.exp(-prefill.q90)), decode: Math.min(1, Math.exp(-decode.q90)) },
    slow: { prefill: Math.max(1, Math.exp(-prefill.q10)), decode: Math.max(1, Math.exp(-decode.q10)) },
  };
}

/** [low, high] over the value and its ends; undefined when any is missing or not finite. */
function span(value: number | undefined, ends: readonly (number | undefined)[]): [number, number] | undefined {
  const all = [value, ...ends];
  if (!all.every((x): x is number => x !== undefined && Number.isFinite(x))) return undefined;
  return [Math.min(...all), Math.max(...all)];
}

function collect(entries: [ServingRangeMetric, [number, number] | undefined][]): ServingRanges {
  return Object.fromEntries(entries.filter((e): e is [ServingRangeMetric, [number, number]] => e[1] !== undefined));
}

/**
 * The ranges of one instance's figures from its simulations at the two ends. An open loop
 * that overloads the instance at an end (or at the value) has latencies that grow with the
 * run's length there, without bound: those get no range (the caller says why).
 */
export function servingRanges(value: ServingResult, ends: readonly ServingResult[]): ServingRanges {
  const unbounded = value.overloaded || ends.some((e) => e.overloaded);
  return collect([
    ...(unbounded ? [] : LATENCIES).flatMap((m) =>
      PERCENTILES.map((p): [ServingRangeMetric, [number, number] | undefined] => [
        `serving.${m}.${p}`,
        span(
          value[m][p],
          ends.map((e) => e[m][p]),
        ),
      ]),
    ),
    ...SERVING_RATES.map((m): [ServingRangeMetric, [number, number] | undefined] => [
      `serving.${m}`,
      span(
        value[m],
        ends.map((e) => e[m]),
      ),
    ]),
  ]);
}

/** The ranges of a fleet's figures from the fleets sized at the two ends (none when an end cannot meet the SLO at all). */
export function fleetRanges(value: FleetResult, ends: readonly (FleetResult | undefined)[]): ServingRanges {
  return collect(
    FLEET_FIGURES.map((m) => [
      `fleet.${m}`,
      span(
        value[m],
        ends.map((e) => e?.[m]),
      ),
    ]),
  );
}

/** One end of the serving ranges: the simulation with every step scaled. */
export interface RangeEnd {
  scale: StepScale;
  serving: ServingResult;
}

/**
 * The design simulated at the fast and the slow end of its step times, without the load curve;
 * in the editor the two ends share one time budget. None when a run was cut short.
 */
export async function rangeEnds(design: DesignPoint, spec: ServingSpec, options: ServingOptions): Promise<RangeEnd[] | undefined> {
  const ends: RangeEnd[] = [];
  const budgetMs = options.budgetMs === undefined ? undefined : options.budgetMs / 2;
  for (const scale of Object.values(stepScales(design))) {
    const serving = await evaluateServing(design, spec, {
      ...options,
      ...(budgetMs !== undefined ? { budgetMs } : {}),
      stepScale: scale,
      loadCurve: false,
    });
    if (serving.truncated || serving.searchTruncated) return undefined;
    ends.push({ scale, serving });
  }
  return ends;
}

/** Adds serving or fleet ranges to a result's `ranges` (contract §4.1: keyed by the figure's dotted path). */
export function addRanges(result: EvaluationResult, ranges: ServingRanges): void {
  if (result.ranges) Object.assign(result.ranges, ranges);
}
