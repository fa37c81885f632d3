// What an evaluation produces. The contract fields (contract.md §3) come first in each
// object; the detail after them feeds the dataflow, bandwidth and latency views.
// Plain data only (no Maps, no classes): it is posted to the webview as it is.

import type { ActivePowerSource, IdlePowerSource, MemoryLevelId } from './design';
import type { RangeCategory, RangeCategoryWhy, RangeMetric, Ranges } from './ranges/predictionRanges';
import type { ServingRanges } from './serving/servingRanges';
import type { Dtype } from './dtypes';
import type { FleetResult, ServingResult } from './serving/types';
import type { PresetDieChange } from './silicon/fromConfig';
import type { ChipPrice } from './silicon/price';
import type { PublishedDie } from './presets/types';

export type { MemoryLevelId } from './design';

export type Bottleneck = 'memory' | 'compute' | 'interconnect' | 'overhead';
/** Where an operator runs. `fixed` is a hard-wired block; `link` the chip-to-chip links; `host` the serving software. */
export type ExecutionUnit = 'matrix' | 'vector' | 'fixed' | 'link' | 'host';
/** Operator classes, for stacked breakdowns. */
export type OperatorClass = 'attention' | 'ffn' | 'norm' | 'collective' | 'head' | 'pipeline' | 'runtime';
export type Phase = 'prefill' | 'decode';

/** Bytes one operator moves, per chip, per instance. */
export interface OperatorBytes {
  weights: number;
  kvRead: number;
  kvWrite: number;
  activations: number;
  /** Sent over chip-to-chip links. */
  link: number;
}

/** Seconds one operator takes, per instance, by resource; `total` is what the phase pays. */
export interface OperatorTime {
  compute: number;
  /** Seconds each memory level of the chip needs for its bytes, every level present. */
  levels: Record<MemoryLevelId, number>;
  link: number;
  overhead: number;
  total: number;
}

export interface OperatorResult {
  /** Stable id within a phase, e.g. `qkv_projection`. */
  id: string;
  label: string;
  class: OperatorClass;
  unit: ExecutionUnit;
  /** Instances per pass on one chip: layers for per-layer operators, 1 for the LM head. */
  count: number;
  /** Hard-wired and running on its fixed-function block. */
  fixedFunction: boolean;
  /** Listed in `chip.fixed_function` but the model's variant fell back to programmable units. */
  fellBack: boolean;
  /** Config key that governs this operator most (selected in the editor on click). */
  governingKey: string;
  /** Matrix shape M x K x N for matrix work (per chip), for the roofline and tiling. */
  shape?: { m: number; k: number; n: number };
  /** Fraction of the matrix units' peak the tiling can use (geometry form), 0..1. */
  tilingUtilization?: number;
  dtype?: Dtype;
  flops: number;
  /** Bytes each memory level of the chip serves, every level present (zero included). */
  levelBytes: Record<MemoryLevelId, number>;
  /** Bytes from the off-chip levels together: what crosses the chip's boundary. */
  offChipBytes: number;
  bytes: OperatorBytes;
  /** FLOPs per off-chip byte (per on-chip byte when none cross the boundary): the x-axis of the roofline. */
  arithmeticIntensity: number;
  time: OperatorTime;
  bottleneck: Bottleneck;
  /** Joules per instance, per chip. */
  energyJoules: number;
}

export interface PhaseResult {
  phase: Phase;
  /** Tokens processed in one pass (B·S in prefill, B in decode). */
  tokens: number;
  /** Context length attended to (decode: the mean over the output). */
  contextTokens: number;
  /** Seconds for one pass (prefill) or one mean decode step, all pipeline stages. */
  seconds: number;
  /**
   * Perfect overlap of all resources ... no overlap at all (scaling book's max vs sum), and
   * the physical floor: the bytes and MACs at the chip's peaks alone, no efficiency or
   * overhead (what no measurement can beat; the prediction ranges stop there).
   */
  bounds: { lowerSeconds: number; upperSeconds: number; floorSeconds: number };
  bottleneck: Bottleneck;
  /** Seconds per pass spent limited by each kind of resource. */
  secondsBy: Record<Bottleneck, number>;
  operators: OperatorResult[];
  levelBytes: Record<MemoryLevelId, number>;
  offChipBytes: number;
  flops: number;
  /** Joules per pass per chip, dynamic + idle. */
  energyJoulesPerChip: number;
}

/**
 * Over the TDP even at the lowest clock the model allows (5 %): the design cannot run within its
 * cap (an error in eval, `tdp`-infeasible in explore). A design that throttles to fit is not.
 */
export const overTdpAtEveryClock = (p: Pick<EvaluationResult['power'], 'throttledWatts' | 'tdpWatts'>): boolean =>
  p.throttledWatts > p.tdpWatts * (1 + 1e-6);

export interface EvaluationResult {
  /**
   * `lowerMs` / `upperMs` are the roofline's bounds of the same prediction, every resource
   * overlapped and nothing overlapped (the CLI's "all resources overlapped" / "nothing
   * overlapped" rows): not a prediction interval, which is `ranges`.
   */
  prefill: { ms: number; lowerMs: number; upperMs: number };
  decode: { msPerToken: number; bottleneck: Bottleneck; lowerMs: number; upperMs: number };
  response: { ms: number };
  throughput: { outputTokensPerSecond: number; perChip: number };
  /** Decode steps per response (output tokens − 1): with none, the response is its prefill. */
  decodeSteps: number;
  /**
   * What physics allows at the chip's peaks (phases.*.bounds.floorSeconds): the fastest a time
   * could be, the most a rate could be. No measurement passes them, so neither does a
   * prediction range (model/ranges: rangeFor).
   */
  physicalLimits: Record<RangeMetric, number>;
  /**
   * Decode, per chip, 0..1. With pipeline stages a chip serves its own stage's share of a step;
   * `computeOfStage` is the arrays' use while a stage runs (the same as `compute` without stages):
   * how full the arrays are, not how long a chip waits for the others.
   */
  utilization: { memoryBandwidth: number; compute: number; computeOfStage: number };
  /** Average per chip over the response. Each phase is held under the TDP on its own;
   *  `clockScale` is the lower of the two phases' derating, `unthrottledWatts` the higher
   *  phase power at the nominal clock. */
  power: {
    watts: number;
    throttled: boolean;
    clockScale: number;
    prefillClockScale: number;
    decodeClockScale: number;
    effectiveClockHz: number;
    tdpWatts: number;
    unthrottledWatts: number;
    /** The higher phase power at the clocks used: over `tdpWatts` only when even the lowest clock (5 %) does not bring a pass under it. */
    throttledWatts: number;
    /** Static power per chip, in `watts` for every second powered, and where it comes from. */
    idleWatts: number;
    idleSource: IdlePowerSource;
    /** Drawn above idle while the units are busy, per chip at the nominal clock, and where it comes from. */
    activeWatts: number;
    activeSource: ActivePowerSource;
  };
  energy: { joulesPerOutputToken: number; perfPerWatt: number };
  /** Without a known chip price (`silicon` absent) capital is not counted: `capitalKnown` is false. */
  cost: { usdPerMillionOutputTokens: number; usdPerResponse: number; capitalShare: number; capitalKnown: boolean };
  memory: {
    weightsBytes: number;
    kvCacheBytes: number;
    capacityBytes: number;
    fits: boolean;
    /** The most loaded chip. */
    perChip: { weightsBytes: number; kvCacheBytes: number; capacityBytes: number };
    /** Largest batch whose weights and KV cache fit, 0 if even the weights do not. */
    maxBatch: number;
    /** What each level holds per chip (the most loaded chip), fastest first: stored off chip, copied on chip. */
    levels: LevelResidency[];
  };
  /** Peak rates, for the roofline and the chip CodeLens. */
  chip: {
    peakOpsPerSecond: Partial<Record<Dtype, number>>;
    /** The chip's own memory (`chip.memory`); the ridge refers to it. */
    memoryBandwidthBytesPerSecond: number;
    linkBandwidthBytesPerSecond: number;
    ridgeOpsPerByte: number;
    computeDtype: Dtype;
    /** The levels the chip declares, fastest first: the views draw one ceiling or bar per level. */
    memoryLevels: MemoryLevelSummary[];
  };
  phases: { prefill: PhaseResult; decode: PhaseResult };
  /** With `serving:`: one model instance under the configured traffic (contract §4.2). */
  serving?: ServingResult;
  /** With `fleet:`: replicas, chips, power and cost of a fleet sized for the peak. */
  fleet?: FleetResult;
  /** contract.md §4.4. Absent when the price is neither given nor modellable. */
  silicon?: SiliconResult;
  /**
   * 80 % prediction ranges of the headline metrics (contract §4.1), `[low, high]` around the
   * value, from the cross-validated residuals (model/ranges). Set by analyzeConfig; the bare
   * engine (sweeps' inner loops, sensitivities) leaves them out. With `serving:` (and
   * `fleet:`), the serving and fleet figures' too (model/serving/servingRanges.ts).
   */
  ranges?: Ranges & ServingRanges;
  /** Whether the chip family and runtime were calibrated: which residuals the ranges come from. */
  rangeCategory?: RangeCategory;
  /** Why a design built on calibrated presets is not `seen`: the calibrated keys it sets (model/ranges). */
  rangeCategoryWhy?: RangeCategoryWhy;
}

/** One component of the die, for the area breakdown. */
export interface AreaComponent {
  id: string;
  label: string;
  mm2: number;
  detail: string;
}

/** Die area and chip price (contract.md §4.4 fields first). */
export interface SiliconResult {
  /** Modelled silicon area of the chip, all chiplets; null when the die cannot be modelled (price given, no `chip.process`). */
  dieAreaMm2: number | null;
  /** The price the cost uses: `cost.chip_price` when given, else modelled. */
  chipPriceUsd: number;
  priceSource: 'given' | 'modelled';
  /** A given price that a preset gave (an estimate, with its source in the preset's hover), not the config. */
  pricePreset?: string;
  /** The preset's die as its maker publishes it, where this chip keeps that preset's die (`pricePreset`). */
  publishedDie?: PublishedDie;
  /**
   * Why a preset's price was set aside: the preset that gave \`cost.chip_price\` and the die keys
   * this config sets to other values (its price describes its own die). Absent otherwise.
   */
  modelledOverPreset?: PresetDieChange;
  /** The price the model gives from the die (also when a price is given), USD. */
  modelledPriceUsd: number | null;
  process: string | null;
  chiplets: number;
  /** Mean area of one die, mm² (the largest a scanner exposes is 858 mm²). */
  perDieMm2: number | null;
  /** The largest die, mm²: dies grown for their HBM PHYs' edge are larger than the others. What the reticle bounds. */
  largestDieMm2: number | null;
  /**
   * The die area if the model erred on this design as it does on the published dies of its node
   * class (model/silicon/areaRange.ts; docs/silicon.md), mm². The span of those errors, not a
   * probability; absent when the die is not modelled (and in an exploration's points).
   */
  dieAreaRangeMm2?: [number, number];
  /** The modelled price at the two ends of `dieAreaRangeMm2` (at the low end, of the die built there: a leaner one where the config leaves a choice open), USD. */
  modelledPriceRangeUsd?: [number, number];
  /** Which dies the two ranges come from and what each errs by, in words. */
  areaRangeBasis?: string;
  components: AreaComponent[];
  /** The modelled price, by part. */
  price: ChipPrice | null;
  /** Its own off-chip memory: HBM stacks or x32 devices, and the PHY + controller pairs on the die for them (one per stack; for x32 devices, channels). */
  memory: { technology: string; stacks: number; interfaces: number } | null;
  /** Static power the die area implies, W; used as idle power when `chip.idle_power` is not given. */
  staticWatts: number | null;
  idlePowerFromArea: boolean;
}

export interface MemoryLevelSummary {
  id: MemoryLevelId;
  label: string;
  /** The config section declaring it, selected in the editor from the views. */
  configPath: string;
  onChip: boolean;
  /** The chip's own memory (`chip.memory`). */
  main: boolean;
  capacityBytes: number;
  bandwidthBytesPerSecond: number;
  efficiency: number;
}

export interface LevelResidency {
  level: MemoryLevelId;
  weightsBytes: number;
  kvCacheBytes: number;
  /** Fractions of the weight and KV-cache reads this level serves. */
  weightsShare: number;
  kvCacheShare: number;
  /**
   * In a scratchpad beside a partial copy of the weights: the largest step's activations (one
   * operator's in and out, bytes per chip) it keeps room for, all of it where they fill it (0 elsewhere).
   */
  activationWorkingSetBytes: number;
}

export interface BaselineComparison {
  name: string;
  result: EvaluationResult;
  ratios: {
    decodeSpeedup: number;
    prefillSpeedup: number;
    perfPerWatt: number;
    costPerResponse: number;
    /** The fleets' cost per output token at the prices `costPerResponse` compares, where those are not the rows' own (comparedPrice). */
    fleetCostPerToken?: number;
  };
  /** The chip prices `costPerResponse` compares when they are not the cost rows' own (model/silicon/costComparison.ts). */
  costBasis?: 'modelled' | 'mixed';
  /** The chip prices, this design's and the baseline's, that `costPerResponse` compares where `costBasis` is set. */
  /** `margin`: where both are modelled, the one margin both are priced at (a fraction). */
  costPricesUsd?: { design: number; baseline: number; margin?: number };
  /** Each side's cost per response at `costPricesUsd`: the two numbers `costPerResponse` divides, where `costBasis` is set. */
  costUsdPerResponse?: { design: number; baseline: number };
  /** Each fleet's cost per million output tokens at `costPricesUsd`: the two numbers `fleetCostPerToken` divides. */
  fleetCostUsdPerMillionOutputTokens?: { design: number; baseline: number };
  /**
   * The two designs' model errors share their sources (model/ranges/sharedError.ts: the same
   * chip efficiencies and dispatch overhead from one place, the same runtime, workload and
   * system): the basis metrics whose ratios take the paired ranges (pairedRatioRange), the
   * range category whose paired quantiles they read, and both sides' decode steps (they run one
   * workload: with none, a throughput ratio is a prefill ratio, basisFor).
   */
  pairedRanges?: { category: RangeCategory; metrics: RangeMetric[]; decodeSteps: number };
}

/** The step each key is moved by for its sensitivity: +10 % (−10 % for a fraction at its cap; counts move by whole units). */
export const SENSITIVITY_STEP = 0.1;

/** The effect of +10% on one numeric key. */
export interface Sensitivity {
  path: string;
  /** The change actually applied (counts round), as a fraction: 0.1 = +10%. */
  step: number;
  /**
   * A share's value before and after the step (`cost.silicon.margin` 0.88 → 0.968): +10 % of a
   * share near 100 % is most of what is left to it, and the price divides by what is left (a
   * +270 % cost read as a slope without it). Absent on other keys.
   */
  shareStep?: [from: number, to: number];
  /** Relative changes of the results (0.05 = +5%). */
  decodeMsPerToken: number;
  prefillMs: number;
  joulesPerOutputToken: number;
  usdPerResponse: number;
  /** Relative changes of the modelled die area and of the modelled chip price (absent when the die is not modelled). */
  dieAreaMm2?: number;
  modelledPriceUsd?: number;
  /**
   * What the step changed in the die's structure, in words ("5 hbm3 stacks instead of 4, the die
   * grown for their PHYs' edge"): the area and price then jump, not move smoothly; absent otherwise.
   */
  dieStep?: string;
  /** Absolute change of average power per chip, watts. */
  wattsDelta: number;
}

/** Latency and throughput against batch size, for the latency view. */
export interface BatchPoint {
  batch: number;
  decodeMsPerToken: number;
  prefillMs: number;
  outputTokensPerSecond: number;
  fits: boolean;
  /** The result's at this batch: where its ranges stop. */
  physicalLimits: EvaluationResult['physicalLimits'];
  decodeSteps: EvaluationResult['decodeSteps'];
}

/**
 * The level that is the chip's memory for the ridge and the bandwidth in use; `ownMemory` false
 * when it is not `chip.memory` (`chip.memory.technology: none`: the SRAM, or an added level).
 */
export function mainMemoryLevel<L extends Pick<MemoryLevelSummary, 'main' | 'configPath'>>(
  levels: readonly L[],
): (L & { ownMemory: boolean }) | undefined {
  const main = levels.find((l) => l.main);
  return main && { ...main, ownMemory: main.configPath === 'chip.memory' };
}

/**
 * A phase's all-reduces: their time on the links (hops and bytes) and in software start-up and
 * dispatch, which the step's bottleneck counts as overhead, each a share of the phase. The one
 * account the collective check and the hovers give of the same step.
 */
export function collectiveTime(phase: Pick<PhaseResult, 'operators' | 'seconds'>): { linkShare: number; startupShare: number } {
  let link = 0;
  let startup = 0;
  for (const o of phase.operators) {
    if (o.class !== 'collective') continue;
    link += o.count * (o.time.total - o.time.overhead);
    startup += o.count * o.time.overhead;
  }
  return phase.seconds > 0 ? { linkShare: link / phase.seconds, startupShare: startup / phase.seconds } : { linkShare: 0, startupShare: 0 };
}

/** A die grown past its logic for its HBM PHYs' edge (model/silicon/area.ts): its size is the edge's, not the estimate's. */
export const grownForShoreline = (s: Pick<SiliconResult, 'components'>): boolean => s.components.some((c) => c.id === 'shorelinePad');

/** A modelled price to show beside the price used, which is another (a given one, or a preset's scaled to this die). */
export const modelledPriceApart = (s: Pick<SiliconResult, 'modelledPriceUsd' | 'chipPriceUsd'>): boolean =>
  s.modelledPriceUsd !== null && s.modelledPriceUsd !== s.chipPriceUsd;
