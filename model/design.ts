// A design point: the validated config in the engine's terms, every number in SI units
// with its unit in its name, derived quantities (peak rates per dtype) computed once.

import { BYTES_PER_ELEMENT, type Dtype } from './dtypes';
import type { ATTENTION_VARIANTS, ACTIVATIONS, DECODE_LAUNCH, FixedFunctionOp, SHAPE_BUCKETS, TOPOLOGIES } from './config/schema';
import type { ChipProvenance, RuntimeProvenance } from './presets/calibration';
import type { PresetDieChange, SiliconEstimate } from './silicon/fromConfig';

export type Topology = (typeof TOPOLOGIES)[number];
export type Activation = (typeof ACTIVATIONS)[number];
export type AttentionVariant = (typeof ATTENTION_VARIANTS)[number];
export type ShapeBuckets = (typeof SHAPE_BUCKETS)[number];
export type DecodeLaunch = (typeof DECODE_LAUNCH)[number];

export interface MatrixUnits {
  /** Geometry form: a systolic model with fold-level utilisation; peak form: a rate. */
  geometry?: { units: number; rows: number; cols: number };
  /** Dense MACs per second, by dtype the units support. */
  macsPerSecond: Partial<Record<Dtype, number>>;
  efficiency: number;
}

/** A memory level's id: `sram`, `memory`, or the key of a `chip.memory_levels` entry. */
export type MemoryLevelId = string & { readonly __memoryLevelId: unique symbol };

/** One level a chip reads from: on-chip SRAM, its own memory, host DDR, CXL, … */
export interface MemoryLevel {
  id: MemoryLevelId;
  label: string;
  /** The config section that declares it (`chip.sram`, `chip.memory_levels.host_ddr`). */
  configPath: string;
  /** On the die: its time scales with the clock, and it holds copies rather than adding capacity. */
  onChip: boolean;
  capacityBytes: number;
  bandwidthBytesPerSecond: number;
  /** Achievable fraction of `bandwidthBytesPerSecond`. */
  efficiency: number;
  joulesPerByte: number;
  /**
   * Software-managed (`chip.silicon.sram_kind: scratchpad`): a compiler keeps on it what fits of
   * an operator's working set and spills the rest. A hardware cache serves a working set only
   * whole: a stream larger than it evicts each line before its reuse (LRU), so all of it goes
   * to the next level.
   */
  spills?: true;
}

/**
 * `share of datapath TDP`: the share of the TDP the modelled datapath implies (datapathTdpWatts),
 * where the stated TDP is a cap above it.
 */
export type IdlePowerSource = 'given' | 'scaled from preset' | 'die area' | 'share of TDP' | 'share of datapath TDP';
/**
 * Where active power comes from: `datapath`, 3/7 of the matrix units' peak switching power
 * (ACTIVE_OVER_PEAK_MAC_POWER), where the die is modelled (`chip.process`); `share of TDP`, 30 %
 * of TDP − idle, where it is not.
 */
export type ActivePowerSource = 'datapath' | 'share of TDP';

export interface Hardware {
  name: string;
  clockHz: number;
  tdpWatts: number;
  idlePowerWatts: number;
  /** Where `idlePowerWatts` comes from: `chip.idle_power`, else the modelled die's leakage, else a share of TDP. */
  idlePowerSource: IdlePowerSource;
  /**
   * Drawn above idle while a pass keeps the units busy (clock tree, control and issue logic, an
   * energy per cycle: a derated clock lowers it, engine/evaluate.ts `dynamicJoulesAt`), not through host time, dispatch, launch or a collective's start-up: 3/7 of the
   * matrix datapath's peak switching power, or 30 % of (TDP - idle) (`activePowerSource`).
   */
  activePowerWatts: number;
  activePowerSource: ActivePowerSource;
  /** `chip.matrix.clock_gated`: the active power is drawn for on-chip cycles only, not through waits on off-chip memory or links. */
  clockGated: boolean;
  matrix: MatrixUnits;
  vectorOpsPerSecond: number;
  /** Fastest first (see `orderLevels`); always holds the chip's own memory (`mainMemory`). */
  memoryLevels: MemoryLevel[];
  /** The chip's own memory (`chip.memory`): the roofline's ridge and the bandwidth utilisation refer to it. */
  mainMemory: MemoryLevelId;
  /** `domainChips`: the chips the link reaches (`chip.link.domain`), when stated. */
  link: { bandwidthBytesPerSecond: number; latencySeconds: number; domainChips?: number };
  fixedFunction: ReadonlySet<FixedFunctionOp>;
  fixedFunctionSupports: { attention: readonly AttentionVariant[]; maxHeadDim?: number; activation: readonly Activation[] };
  dispatchOverheadSeconds: number;
  /** The host launches each programmable operator (the runtime's launch overhead applies). */
  hostLaunch: boolean;
  /** Whether the calibrated keys come from a calibrated chip family's preset (prediction ranges). */
  provenance: ChipProvenance;
  energy: {
    macJoules: Partial<Record<Dtype, number>>;
    vectorJoulesPerOp: number;
    linkJoulesPerByte: number;
  };
}

export interface ModelArchitecture {
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  ffn: number;
  activation: Activation;
  gated: boolean;
  vocab: number;
  experts: number;
  expertsPerToken: number;
  parallelAttention: boolean;
  tiedEmbeddings: boolean;
  maxContext?: number;
  /** Sliding-window attention's window, tokens: declared, not modelled (checks.ts warns past it). */
  slidingWindow?: number;
}

export interface SystemSpec {
  chips: number;
  tensorParallel: number;
  pipelineParallel: number;
  topology: Topology;
}

/** The serving software's costs that are not the chip's (config section `runtime`). */
export interface Runtime {
  /** Host time per forward pass. */
  stepOverheadSeconds: number;
  /** Fraction of the chip's achievable matrix rate the runtime's kernels reach. */
  gemmEfficiency: number;
  /** Host time per kernel launched on programmable units (added to the chip's dispatch overhead). */
  launchOverheadSeconds: number;
  /** Host time added once to the prefill pass (time to first token). */
  prefillOverheadSeconds: number;
  /** Latency of each request outside the engine (server, tokenisation, streaming): serving simulations only, never a step. */
  requestOverheadSeconds: number;
  /** Host time per sequence per forward pass. */
  sequenceOverheadSeconds: number;
  /** Collective-library start-up per collective call (not for hard-wired all-reduce). */
  collectiveOverheadSeconds: number;
  /** Decode attention reads each KV head once per group of query heads (else once per query head). */
  groupedAttention: boolean;
  /** Decode steps launched kernel by kernel from the host (`eager`) or replayed as one captured graph (no host launch or collective start-up). */
  decodeLaunch: DecodeLaunch;
  /** Static-shape compilation: token counts padded to power-of-two buckets (model/engine/shapeBuckets.ts). */
  shapeBuckets: ShapeBuckets;
  /** Smallest compiled bucket, in tokens. */
  smallestBucketTokens: number;
  /** The runtime preset the values come from, and whether it is fitted (prediction ranges). */
  provenance: RuntimeProvenance;
}

export interface Precision {
  weights: Dtype;
  activations: Dtype;
  kvCache: Dtype;
  /** Weights per quantisation group of int4 weights (a 16-bit scale and zero point each). */
  groupSize: number;
}

export interface Workload {
  model: ModelArchitecture;
  precision: Precision;
  batch: number;
  promptTokens: number;
  outputTokens: number;
}

export interface Economics {
  /** The given `cost.chip_price`, else the price modelled from the die, else 0 (`priceSource` says which). */
  chipPriceUsd: number;
  /** `unknown`: neither given nor modellable, so the cost counts electricity only. */
  priceSource: 'given' | 'modelled' | 'unknown';
  /** A given price that a preset gave (an estimate, with its source), not this file. */
  pricePreset?: string;
  /** The chip preset whose die this chip keeps (no die key written over it), where its maker publishes the die (`publishedDie`). */
  publishedDiePreset?: string;
  /** A modelled price where a preset gave one: the preset, and the die keys in which this chip differs from it. */
  modelledOverPreset?: PresetDieChange;
  lifetimeSeconds: number;
  electricityUsdPerJoule: number;
  pue: number;
  utilization: number;
  /** `cost.host_power`: each chip's share of its host server's power, W, in the electricity beside the chip's (0: not counted). */
  hostWattsPerChip: number;
}

export interface DesignPoint {
  name: string;
  hardware: Hardware;
  system: SystemSpec;
  runtime: Runtime;
  workload: Workload;
  economics: Economics;
  /** Die area and modelled price (undefined when the die cannot be modelled: no `chip.process`). */
  silicon?: SiliconEstimate;
}

export function attentionVariant(model: ModelArchitecture): AttentionVariant {
  return model.kvHeads === model.heads ? 'mha' : model.kvHeads === 1 ? 'mqa' : 'gqa';
}

/**
 * Bytes read per weight, quantisation metadata included: int4 groups carry a 16-bit scale
 * and a 16-bit zero point (GPTQ/AWQ layout); wider formats' per-channel scales are negligible.
 */
export function weightBytesPerParameter(precision: Precision): number {
  const bytes = BYTES_PER_ELEMENT[precision.weights];
  return precision.weights === 'int4' ? bytes + 4 / precision.groupSize : bytes;
}
