// The Report: what every surface renders. Plain data (no Maps, no functions): it is posted
// to the webview as it is, and the CLI's JSON and tables are read from it. Numbers keep
// their value (for charts and scripts) and carry their text (for people), formatted once
// by format.ts.

import type { Severity } from '../diagnostics';
import type { RangeCategory } from '../ranges/predictionRanges';

/** What a metric's value counts; decides how it is formatted. */
export type MetricUnit =
  | 'ms'
  | 'tokens/s'
  | 'requests/s'
  | 'W'
  | 'J'
  | 'tokens/J'
  | 'USD'
  | 'fraction'
  | 'bytes'
  | 'B/s'
  | 'OPS'
  | 'FLOPS'
  | 'op/B'
  | 'count'
  | 'mm²';

export interface MetricRange {
  low: number;
  high: number;
  /** "5.8–6.9 ms". */
  text: string;
  /**
   * What the range is when it is not an 80 % prediction range: the die area's and the modelled
   * price's come from the area model's errors on published dies ("the area model's errors on ...").
   */
  basis?: string;
}

export interface Metric {
  /**
   * The dotted path under `result` of the contract JSON (contract.md §3), e.g. `decode.msPerToken`;
   * an entry of a list by its id: `memory.levels.host_ddr.kvCacheBytes`.
   */
  id: string;
  label: string;
  value: number;
  unit: MetricUnit;
  /** The value with its unit, as every surface prints it: "6.1 ms". */
  text: string;
  /** A qualifier of the value in words: "memory-bound", "throttled", "does not fit". */
  note?: string;
  /** The model's 80 % prediction interval for a real run (contract.md §4.1), when the engine gives one; or, with a `basis`, a range of another kind. */
  range?: MetricRange;
  /** Whether a lower or higher value is better (absent: neither). */
  better?: 'lower' | 'higher';
  /** False when the evaluation it comes from has errors: show it as not valid, or not at all. */
  valid: boolean;
}

/** How a design compares with its baseline on one metric; `not-comparable` when the two numbers do not measure the same thing (a cost without a chip price on one side). */
export type Verdict = 'better' | 'worse' | 'even' | 'uncertain' | 'not-comparable';

export interface Ratio {
  /** Contract id of the ratio (`decodeSpeedup`) or of the metric it compares. */
  id: string;
  /** The metric compared, e.g. `decode.msPerToken`. */
  metricId: string;
  label: string;
  /** This design over the baseline, oriented so that above 1 is better (contract.md §3); 0 when not comparable. */
  value: number;
  /** "1.47×". */
  text: string;
  /** Ratio range from the two metrics' prediction ranges, when both have one. */
  range?: MetricRange;
  verdict: Verdict;
  /** The ratio in words, the same on every surface: "1.47× faster (1.2–1.8×)", "1.25× slower (1.1–1.4×)", "no clear difference (0.92–1.18×)". */
  wording: string;
  /**
   * The last part of the wording's brackets where it is long, which a table may set under itself:
   * a cost ratio's basis ("at modelled chip prices, both at a 75% margin: $11,700 against …").
   */
  basis?: string;
  /**
   * A cost ratio whose direction at the prices the rows show is the other way from the verdict's
   * at the compared prices, in words ("1.37× cheaper"): said in the wording's brackets and beside
   * the verdict on every surface, not only in its basis (an operator's review).
   */
  otherWayAtShownPrices?: string;
  /**
   * The two metrics have no range here though the headline numbers do (the editor's time
   * budget cut their range runs, or the slow end saturates): a ratio of point estimates,
   * whose verdict is 'uncertain' whatever its direction.
   */
  pointEstimates?: true;
  /**
   * The range is the paired one: the two designs' errors share their sources (the same chip
   * parameters and runtime), so it is the model's measured error on such ratios, not both
   * sides' ranges combined (model/ranges/predictionRanges.ts pairedRatioRange).
   */
  paired?: true;
}

/** One part of a whole: an operator class's share of a decode step, a memory level's bytes. */
export interface Share {
  /** The engine's key: `attention`, `matrix`, `memory`; a memory level's id (`sram`, `host_ddr`) or `link`. */
  key: string;
  label: string;
  value: number;
  text: string;
  /** Fraction of the whole, 0..1. */
  share: number;
  shareText: string;
}

/** Where one phase's time and bytes go. */
export interface PhaseBreakdown {
  /** Seconds per pass (prefill) or per mean decode step. */
  seconds: number;
  text: string;
  bottleneck: { key: string; label: string };
  /** Seconds per pass by operator class, in the order the engine declares the classes (zero ones left out). */
  byClass: Share[];
  /** Seconds per pass by execution unit. */
  byUnit: Share[];
  /** Seconds per pass limited by each kind of resource. */
  byBottleneck: Share[];
  /** Bytes per pass per chip by memory level the chip declares, fastest first, then the chip-to-chip links. */
  bytesByLevel: Share[];
}

/** One memory level the chip declares and what it holds per chip (the most loaded chip). */
export interface LevelReport {
  /** The engine's level id: `sram`, `memory`, or the key of a `chip.memory_levels` entry. */
  id: string;
  label: string;
  /** The config section declaring it, e.g. `chip.memory_levels.host_ddr`. */
  configPath: string;
  onChip: boolean;
  /** The chip's own memory (`chip.memory`). */
  main: boolean;
  metrics: {
    capacity: Metric;
    bandwidth: Metric;
    /** Bytes held: stored (off chip) or a resident copy (on chip). */
    weights: Metric;
    kvCache: Metric;
    /** Fractions of the weight and KV-cache reads this level serves. */
    weightsShare: Metric;
    kvCacheShare: Metric;
  };
  /** What it holds in words, "38 GB weights + 2 GB KV (53%)" (the KV share when the cache is split); empty when nothing. */
  heldText: string;
}

export interface MemoryLevelsReport {
  /** Every level the chip declares, fastest first. */
  levels: LevelReport[];
  /** What each level holds, one line: "SRAM: 50 MB weights · Memory: 38 GB weights + 2 GB KV (47%)". */
  heldText: string;
  /** Where weights or KV cache overflow beyond the chip's own memory, "KV 53% in Host DDR"; empty when nothing does. */
  overflowText: string;
}

/** One component of the die (model/silicon): its mm² and how the estimator got them. */
export interface AreaShare extends Share {
  /** "16,896 bf16 MACs/cycle x ...": the estimator's inputs, for a tooltip or table. */
  detail: string;
}

/** The die and the chip price (model/silicon, contract.md §4.4); absent when the price is neither given nor modellable. */
export interface SiliconReport {
  /** Die area by component (all chiplets); empty when the die is not modelled (price given, no `chip.process`). */
  areaByComponent: AreaShare[];
  /** The largest die a scanner exposes, mm²: beyond it the design needs chiplets. */
  reticleMm2: number;
  /** Dies the chip is built from, and the area of one (absent when the die is not modelled): each die must fit the reticle, not their sum. */
  chiplets: number;
  largestDieMm2?: number;
  /** A modelled price is shown beside the price used, which is another (model/result.ts modelledPriceApart). */
  modelledPriceApart: boolean;
}
export interface DesignReport {
  name: string;
  /** Headline and detail metrics, in display order; see metrics.ts. */
  metrics: Metric[];
  /** The chip's peak rates: compute by dtype, the bandwidth of each memory level and of the links, ridge point. */
  chip: Metric[];
  memoryLevels: MemoryLevelsReport;
  breakdowns: { prefill: PhaseBreakdown; decode: PhaseBreakdown };
  /** Die area by component; the die area and chip price themselves are metrics (`silicon.dieAreaMm2`, `silicon.chipPriceUsd`). */
  silicon?: SiliconReport;
  /** Whose errors the metrics' 80 % ranges come from, when they have ranges: "a chip family and a runtime the fit never saw". */
  ranges?: {
    category: RangeCategory;
    basis: string;
    /** With serving ranges: how they are made, and that they are narrower than 80 % (SERVING_RANGE_NOTE). */
    serving?: string;
    /** Which range ends are the physical limit rather than the residuals' (result.physicalLimits). */
    limits?: string;
  };
}

export interface ReportDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  path: string;
  /** 1-based; null when the diagnostic belongs to no place in a file. */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** The file, when it is not the config itself (an `extends` parent). */
  file?: string;
  /** A warning that leaves the numbers not describing the design as written (a likely typo). */
  invalidatesResult?: boolean;
}

export interface Report {
  name: string;
  /** False when any diagnostic is an error or invalidates the result (a likely typo): then no metric is valid. */
  valid: boolean;
  errors: number;
  warnings: number;
  diagnostics: ReportDiagnostic[];
  /** Null when the config could not be evaluated. */
  design: DesignReport | null;
  baseline: { name: string; report: DesignReport; ratios: Ratio[] } | null;
  /** The static batch the headline figures are for (labels.ts `workloadSetting`); absent without a result. */
  setting?: string;
  /** The traffic the serving and fleet figures are for (traffic.ts); absent without a `serving:` result. */
  traffic?: string;
}
