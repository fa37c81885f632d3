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
import { simulateDisaggregated } from './disaggregate';
import { evaluateServing, type ServingOptions } from './evaluateServing';
import type { SimulationBound } from './simulate';
import type { StepScale } from './stepTimer';
import type { DisaggregatedResult, FleetResult, Percentiles, ServingResult, ServingSpec } from './types';

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
  'hostWatts',
  'usdPerMillionOutputTokens',
  'usdPerResponse',
  'usdPerHour',
] as const;

const DISAGGREGATED_RATES = ['requestsPerSecond', 'outputTokensPerSecond', 'sloAttainment'] as const;

type Latency = `${(typeof LATENCIES)[number]}.${(typeof PERCENTILES)[number]}`;
export type ServingRangeMetric =
  | `serving.${Latency}`
  | `serving.${(typeof SERVING_RATES)[number]}`
  | `serving.disaggregated.${Latency}`
  | `serving.disaggregated.${(typeof DISAGGREGATED_RATES)[number]}`
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

type Simulated = Pick<ServingResult, (typeof LATENCIES)[number]> & { overloaded?: true };

/**
 * Latency and rate ranges of simulated figures under `prefix`. An open loop that overloads
 * the instance at an end (or at the value) has latencies that grow with the run's length
 * there, without bound: those get no range (the caller says why).
 */
function simulatedRanges<T extends Simulated, R extends keyof T & string>(
  prefix: 'serving' | 'serving.disaggregated',
  rates: readonly R[],
  value: T,
  ends: readonly T[],
): ServingRanges {
  const unbounded = value.overloaded || ends.some((e) => e.overloaded);
  const entries = [
    ...(unbounded ? [] : LATENCIES).flatMap((m) =>
      PERCENTILES.map((p): [string, [number, number] | undefined] => [
        `${prefix}.${m}.${p}`,
        span(
          value[m][p],
          ends.map((e) => e[m][p]),
        ),
      ]),
    ),
    ...rates.map((m): [string, [number, number] | undefined] => [
      `${prefix}.${m}`,
      span(
        value[m] as number | undefined,
        ends.map((e) => e[m] as number | undefined),
      ),
    ]),
  ];
  return collect(entries as [ServingRangeMetric, [number, number] | undefined][]);
}

/** The ranges of one instance's figures from its simulations at the two ends. */
export function servingRanges(value: ServingResult, ends: readonly ServingResult[]): ServingRanges {
  return simulatedRanges('serving', SERVING_RATES, value, ends);
}

/** The ranges of the disaggregated pools' figures from their simulations at the two ends. */
export function disaggregatedRanges(value: DisaggregatedResult, ends: readonly DisaggregatedResult[]): ServingRanges {
  return simulatedRanges('serving.disaggregated', DISAGGREGATED_RATES, value, ends);
}

/** The ranges of a fleet's figures from the fleets sized at the two ends (none when an end cannot meet the SLO at all). */
export function fleetRanges(value: FleetResult, ends: readonly (FleetResult | undefined)[]): ServingRanges {
  return collect(
    // No hosts' power given, none to range (`cost.host_power`).
    FLEET_FIGURES.filter((m) => m !== 'hostWatts' || value.hostWatts > 0).map((m) => [
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

/**
 * The disaggregated pools simulated with every step of each pool at the same end of its own
 * design's range (a GPU prefill pool at the GPU's, the ASIC decode pool at the ASIC's). None
 * when a run was cut short.
 */
export function disaggregatedEnds(
  spec: ServingSpec,
  decodeDesign: DesignPoint,
  prefillDesign: DesignPoint,
  bound: () => SimulationBound,
): DisaggregatedResult[] | undefined {
  const prefill = stepScales(prefillDesign);
  const decode = stepScales(decodeDesign);
  const ends: DisaggregatedResult[] = [];
  for (const end of ['fast', 'slow'] as const) {
    const result = simulateDisaggregated(spec, decodeDesign, prefillDesign, bound(), { prefill: prefill[end], decode: decode[end] });
    if (!result || result.truncated) return undefined;
    ends.push(result);
  }
  return ends;
}

/** Adds serving or fleet ranges to a result's `ranges` (contract §4.1: keyed by the figure's dotted path). */
export function addRanges(result: EvaluationResult, ranges: ServingRanges): void {
  if (result.ranges) Object.assign(result.ranges, ranges);
}
