// Names of the parts the engine declares (execution units, operator classes, bottlenecks,
// phases, memory levels), as every surface prints them. One table each, in display order.

import { formatChange, formatMm2, formatPercent, formatUsd, formatWatts, groupThousands, significant } from './format';
import { IDLE_SHARE_OF_TDP } from '../presets/pooledPrior';
import { MEASURED_POWER_CHECK } from '../ranges/measuredPower';
import type { RangeCategory } from '../ranges/predictionRanges';
import type { Bottleneck, ExecutionUnit, OperatorClass, Phase, SiliconResult } from '../result';
import type { DesignPoint } from '../design';

/**
 * A fleet shown without a range because with every step at the slow end of its 80 % range no
 * replica meets the SLO (`fleet-range-unbounded`): said beside its size and cost wherever they
 * are shown, or a bare "144 chips" reads as certain (a workbench review).
 */
export const FLEET_UNBOUNDED = 'no range: at the slow end no replica meets the SLO';
export const isFleetUnbounded = (chips: { range?: unknown } | undefined, diagnostics: readonly { code: string }[]): boolean =>
  chips !== undefined && !chips.range && diagnostics.some((d) => d.code === 'fleet-range-unbounded');

/** The power row's note where no clock the model allows meets the TDP (result.ts overTdpAtEveryClock). */
export const OVER_TDP_AT_EVERY_CLOCK = 'over the TDP at the lowest clock';

export const UNIT_LABEL: Record<ExecutionUnit, string> = {
  fixed: 'Fixed-function',
  matrix: 'Matrix units',
  vector: 'Vector units',
  link: 'Chip-to-chip links',
  host: 'Host runtime',
};
export const UNITS_IN_LANE_ORDER: readonly ExecutionUnit[] = ['fixed', 'matrix', 'vector', 'link', 'host'];

export const CLASS_LABEL: Record<OperatorClass, string> = {
  attention: 'Attention',
  ffn: 'FFN',
  norm: 'Norms & residuals',
  collective: 'Collectives',
  head: 'Embedding & LM head',
  pipeline: 'Pipeline',
  runtime: 'Host runtime',
};
export const CLASSES: readonly OperatorClass[] = ['attention', 'ffn', 'norm', 'collective', 'head', 'pipeline', 'runtime'];

export const BOTTLENECK_LABEL: Record<Bottleneck, string> = {
  memory: 'Memory-bound',
  compute: 'Compute-bound',
  interconnect: 'Interconnect-bound',
  overhead: 'Dispatch & software overhead',
};
export const BOTTLENECKS: readonly Bottleneck[] = ['memory', 'compute', 'interconnect', 'overhead'];

export const PHASE_LABEL: Record<Phase, string> = { prefill: 'prefill pass', decode: 'decode step' };
export const PHASES: readonly Phase[] = ['prefill', 'decode'];

/** Whose cross-validated errors a design's 80 % ranges come from (model/ranges: rangeCategory). */
/**
 * How the serving and fleet ranges are made (model/serving/servingRanges.ts), said wherever
 * they are shown: they carry the step times' error only, so they hold fewer than 80 % of
 * measured serving runs (docs/validation.md gives the share).
 */
export const SERVING_RANGE_NOTE =
  "serving and fleet rows: the same traffic simulated with every step at both ends of its 80 % range, each step's error carried through all of a request's steps (so an end-to-end range here is wider than a static response time's, which its own rows measured); the simulation's own error is not in them, so they hold fewer than 80 % of measured runs (docs/validation.md)";

export const RANGE_CATEGORY_LABEL: Record<RangeCategory, string> = {
  seen: 'a calibrated chip family on a calibrated runtime',
  'unseen-runtime': 'a calibrated chip family on a runtime the fit never saw',
  'unseen-chip': 'a chip family the fit never saw on a calibrated runtime',
  'unseen-both': 'a chip family and a runtime the fit never saw',
};

/**
 * A chip with no price (`cost.chip_price` not given and the die not modellable, contract.md
 * §4.4): its cost counts electricity only. The note on its cost metrics and the wording of a
 * cost ratio against it, the same on every surface.
 */
export const ELECTRICITY_ONLY = 'electricity only: no chip price';
/** A cost row's note says it counts electricity only (alone, or beside another of `; `-joined notes). */
export const isElectricityOnly = (note: string | undefined): boolean => !!note && note.split('; ').includes(ELECTRICITY_ONLY);

/**
 * Where a chip price comes from, in words: `given` (this file), `the h100-sxm preset's estimate`
 * (a preset's price is never a quote: each is derived from rental rates, system prices or
 * assumptions its source states) or `modelled`.
 */
export function priceOrigin(p: {
  priceSource: string;
  pricePreset?: string;
  price?: { costUsd: number; marginUsd: number; nreUsd?: number } | null;
}): string {
  if (p.pricePreset) return `the ${p.pricePreset} preset's estimate`;
  // A modelled price is the vendor's margin as much as the silicon: 0 % (built in house) and 88 % differ 8×.
  if (p.priceSource === 'modelled' && p.price)
    return `${modelledAtMargin(marginOf(p.price))}${p.price.nreUsd ? `, with ${formatUsd(p.price.nreUsd)} of design (NRE) a chip` : ''}`;
  return p.priceSource;
}

/** What building one chip costs, part by part, as the hover and the table's note say it (the yield over a die's critical area). */
export const builtOfText = (p: NonNullable<SiliconResult['price']>): string =>
  `die ${formatUsd(p.dieUsd)} (yield ${formatPercent(p.yield)} over ${formatMm2(p.criticalMm2)} critical at ${significant(p.defectsPerMm2 * 100, 2)} defects/cm², ${groupThousands(Math.round(p.diesPerWafer))} dies a $${groupThousands(Math.round(p.waferUsd))} wafer) + memory ${formatUsd(p.memoryUsd)}${p.memoryUsd > 0 ? ` ($${significant(p.memoryUsdPerByte * 1e9)}/GB)` : ''} + package ${formatUsd(p.packageUsd)} + failed bonds ${formatUsd(p.assemblyUsd)} (${formatPercent(p.assemblyYield)} assembly yield) + test ${formatUsd(p.testUsd)} + board ${formatUsd(p.boardUsd)}`;

/** The vendor margin a modelled price was built at: margin over (cost + margin). */
export const marginOf = (price: { costUsd: number; marginUsd: number }) => price.marginUsd / (price.costUsd + price.marginUsd);

/** "modelled at 75% margin". */
export const modelledAtMargin = (margin: number) => `modelled at ${formatPercent(margin)} margin`;
export const COST_NOT_COMPARABLE = 'not comparable: no chip price on one side';
/** The note on a serving latency of an overloaded open loop, and the wording of a ratio that would compare one. */
export const SERVING_OVERLOADED = 'overloaded: grows with the run';
/**
 * An overloaded instance's time per output token does not grow with the run as its queue does:
 * it runs at its largest batch, so each token takes that batch's step (a review read "grows
 * with the run" on it as wrong).
 */
export const TPOT_AT_FULL_BATCH = "overloaded: the full batch's step time";
/** Disaggregated pools that do not keep up: either pool can be the one (its diagnostic says which). */
export const POOLS_OVERLOADED = 'overloaded: a pool does not keep up';
/** An overloaded instance's served rates are its saturation's: it serves all it can, less than offered. */
export const SERVED_AT_SATURATION = 'overloaded: at saturation, below offered';
export const SERVING_NOT_COMPARABLE = 'not comparable: the offered rate overloads one side';
/**
 * With one output token the response is its prefill: the decode rows are what a second token
 * would take, and say so (a review), and no decode ratio is drawn from them.
 */
export const NO_DECODE_STEP = 'no decode step: one output token; a second would take this';
/** A decode row's note says no decode step runs (one output token). */
export const isNoDecodeStep = (note: string | undefined): boolean => note === NO_DECODE_STEP;
export const NO_DECODE_NOT_COMPARED = 'not compared: one output token, no decode step';
/** A ratio of a result that is not valid (the design does not fit, a value is an error): no verdict, as no number beside it is one. */
export const INVALID_NOT_COMPARED = 'not compared: the result is not valid (see the problems listed)';

/**
 * Said beside the 80 % ranges: the power model is fitted to no measured power, so its ranges (and
 * the energy's and cost's) are the throughput's alone (docs/model.md); what it reads against the
 * measured power there is (model/ranges/measuredPower.ts, written by `npm run validate:serving`).
 */
export const THROUGHPUT_ONLY_RANGES = `power is not validated: against ${MEASURED_POWER_CHECK.runs} serving runs with measured power (${MEASURED_POWER_CHECK.source}) the model's power per chip reads ${formatPercent(Math.abs(MEASURED_POWER_CHECK.medianError))} ${MEASURED_POWER_CHECK.medianError < 0 ? 'low' : 'high'} at the median (measured ≈ ${significant(1 / (1 + MEASURED_POWER_CHECK.medianError))}× modelled), ${formatChange(MEASURED_POWER_CHECK.lowestError)} to ${formatChange(MEASURED_POWER_CHECK.highestError)} by run; energy, power and cost ranges carry the throughput's error only, and chip prices are not validated (docs/validation.md)`;

/** The power check in a phrase, for the views' header beside the ranges (the CLI and the HTML report say it in full above). */
export const POWER_CHECK_NOTE = `power not validated: ${formatPercent(Math.abs(MEASURED_POWER_CHECK.medianError))} ${MEASURED_POWER_CHECK.medianError < 0 ? 'low' : 'high'} at the median of ${MEASURED_POWER_CHECK.runs} measured serving runs, ${formatChange(MEASURED_POWER_CHECK.lowestError)} to ${formatChange(MEASURED_POWER_CHECK.highestError)} by run (docs/validation.md)`;

/**
 * The static batch every headline figure is for (`batch 16 · prompt 1024 · output 256 · 8 chips
 * (TP8) · int8 weights, int8 activations`): the CLI's table and the views' header say it, so a
 * fleet config's cards are not read as its traffic's.
 */
export function workloadSetting({ workload: w, system: s }: Pick<DesignPoint, 'workload' | 'system'>): string {
  const layout = `TP${s.tensorParallel}${s.pipelineParallel > 1 ? ` PP${s.pipelineParallel}` : ''}`;
  return `batch ${w.batch} · prompt ${w.promptTokens} · output ${w.outputTokens} · ${s.chips} chip${s.chips > 1 ? 's' : ''} (${layout}) · ${w.precision.weights} weights, ${w.precision.activations} activations`;
}

/**
 * Numbers shown while the editor's text differs from the one they were evaluated from (edits
 * not yet evaluated: on save, by default), on the status bar's tooltip and the views' badge.
 */
export const EDITED_SINCE = 'Edited since these numbers were evaluated: they are of the text before the edits; saving evaluates them.';

/**
 * Idle power taken of the TDP the matrix units imply, where the stated TDP is a cap above it
 * (`share of datapath TDP`), as the CLI table and the hovers say it.
 */
export function datapathIdleText(idleWatts: number): string {
  return `${formatPercent(IDLE_SHARE_OF_TDP)} of the ${formatWatts(idleWatts / IDLE_SHARE_OF_TDP)} TDP its matrix units imply (the stated TDP is a cap above it)`;
}
