// The serving simulation's inputs (a validated `serving:` section in SI units) and outputs
// (`result.serving`, `result.fleet`: contract §4.2, plus the series the Serving view draws).

import type { LengthDistribution } from '../config/schema';

/**
 * Served over arrived rate below which an instance is not keeping up; also the highest share of
 * saturation counted as meeting an SLO (model/serving/evaluateServing.ts).
 */
export const STABLE_SHARE = 0.95;

export interface TraceRequest {
  arrivalSeconds: number;
  promptTokens: number;
  outputTokens: number;
  /** Disaggregated decode: the prompt's KV cache and first token arrive with the request. */
  prefilled?: boolean;
}

export type Arrivals =
  | { kind: 'closed'; concurrency: number }
  | { kind: 'poisson'; ratePerSecond: number }
  | { kind: 'trace'; requests: readonly TraceRequest[] };

export interface Slo {
  ttftSeconds?: number;
  tpotSeconds?: number;
  e2eSeconds?: number;
  /** 50..99.99. */
  percentile: number;
}

export interface ServingSpec {
  arrivals: Arrivals;
  /** Requests measured; a warm-up of `warmupRequests` more comes first. */
  requests: number;
  warmupRequests: number;
  prompt: LengthDistribution;
  output: LengthDistribution;
  scheduler: 'continuous' | 'static';
  maxBatch: number;
  maxBatchedTokens: number;
  chunkedPrefill: boolean;
  /** `guaranteed`: a request starts only when its prompt and whole output fit the cache (never preempted). */
  admission: 'on_demand' | 'guaranteed';
  /** Decode steps per scheduler call (vLLM multi-step scheduling); admissions wait for the run to end. */
  schedulerSteps: number;
  blockTokens: number;
  memoryUtilization: number;
  seed: number;
  slo?: Slo;
  disaggregated?: {
    prefillDesign: 'same' | 'baseline';
    prefillReplicas: number;
    decodeReplicas: number;
    kvTransferBytesPerSecond?: number;
  };
}

/** Prefill and decode pools serving the same traffic as the aggregated instance. */
export interface DisaggregatedResult {
  ttftMs: Percentiles;
  tpotMs: Percentiles;
  e2eMs: Percentiles;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  /** Mean time to move one prompt's KV cache between the pools, waiting for the link included. */
  kvTransferMs: number;
  /** Requests per second the prefill instances' `kv_transfer` links carry at most, at the measured mean prompt. */
  kvTransferCapacityRequestsPerSecond: number;
  chips: number;
  prefill: DisaggregatedPool;
  decode: DisaggregatedPool;
  /** Both pools' chip power at the offered traffic, before PUE: each replica's idle power and the energy of its steps over its run. */
  watts: number;
  /** Both pools' chips over their lifetime and their electricity, per million output tokens served and per hour. */
  usdPerMillionOutputTokens: number;
  usdPerHour: number;
  /** False when a pool's chip has no price: the costs are electricity only. */
  capitalKnown: boolean;
  sloAttainment?: number;
  /** The pools do not keep up with the offered rate: latencies grow with the run. */
  overloaded?: true;
  /** A pool's simulation reached its step bound or the editor's time budget. */
  truncated?: true;
  /** Measured requests that no pool could run (no room for their KV cache), of `measuredRequests`. */
  rejected: number;
  measuredRequests: number;
}

export interface DisaggregatedPool {
  design: string;
  replicas: number;
  chips: number;
  meanBatch: number;
  /** The pool's chip power at the offered traffic, before PUE. */
  watts: number;
  /** The price its cost counts per chip, and where it comes from (Economics): the cost row names both pools'. */
  chipPriceUsd: number;
  priceSource: 'given' | 'modelled' | 'unknown';
  pricePreset?: string;
  /** The modelled price's cost and margin, for the margin it was built at. */
  price?: { costUsd: number; marginUsd: number; nreUsd: number };
}

export interface Percentiles {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
}

/** A histogram over [lo, hi): counts per equal-width bin. */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
}

/** One point of the latency-against-load curve. */
export interface LoadPoint {
  ratePerSecond: number;
  ttftMs: Percentiles;
  tpotMs: Percentiles;
  e2eMs: Percentiles;
  requestsPerSecond: number;
  meetsSlo: boolean;
}

export interface ServingResult {
  ttftMs: Percentiles;
  tpotMs: Percentiles;
  e2eMs: Percentiles;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  meanBatch: number;
  /** With an SLO: share of measured requests meeting every target. */
  sloAttainment?: number;
  /**
   * With an SLO: highest Poisson rate at which the SLO percentile holds (0: not even at a
   * trickle). Absent when the editor's time budget cut the search before it bracketed the rate
   * to within `SHOWN_BRACKET` of saturation (`maxRateBracket` then says where it lies).
   */
  maxRateAtSlo?: number;
  /**
   * The SLO holds at the search's highest rate, 95 % of saturation (`STABLE_SHARE`), the most it
   * counts as a steady state: `maxRateAtSlo` is that cap, and the targets have room to spare.
   */
  maxRateAtCap?: true;
  /** A search the time budget cut: the rate met the SLO at the first end and failed it at the second, requests/s. */
  maxRateBracket?: [number, number];
  /** The bracket's upper end is the search's cap (95 % of saturation), not a rate seen to miss: nothing above its lower end was tried. */
  maxRateBracketUntried?: true;
  /**
   * With an SLO, Poisson arrivals below saturation and a search run in full: the run at the
   * offered rate and the max-rate search disagree about that rate ('met': this run meets the SLO
   * above the highest rate the search's settled runs meet; 'missed': it misses below it). Near
   * the edge one run's percentile is noise (report/metrics.ts sloEdgeNote).
   */
  sloEdge?: { offeredPerSecond: number; run: 'met' | 'missed' };
  /** The targets, ms, and their percentile (for the SLO lines of the view). */
  slo?: { ttftMs?: number; tpotMs?: number; e2eMs?: number; percentile: number };
  /**
   * The SLO percentile's value of each metric at this traffic, ms, over every measured request as
   * the SLO check reads them: null when the percentile falls among requests that could never
   * run, which miss every target.
   */
  sloPercentileMs?: { ttft: number | null; tpot: number | null; e2e: number | null };
  /** Average power per chip over the measured window, W (idle included). */
  wattsPerChip: number;
  /** The time budget (editor) stopped the max-rate search or the load curve early: the bracket is wider. */
  searchTruncated: boolean;
  /** Highest throughput of one instance (closed loop at `max_batch`), requests/s. */
  saturationRequestsPerSecond: number;
  /** The open loop's offered rate (`serving.rate`, or a trace's mean), requests/s: where the run sits on the load curve. Absent for a closed loop. */
  offeredRequestsPerSecond?: number;
  /** An open loop offered more than the saturation rate: the queue grows for as long as the run, so the percentiles measure its length. */
  overloaded?: true;
  meanPromptTokens: number;
  meanOutputTokens: number;
  preemptions: number;
  /** Requests that could never fit the KV cache or the token budget, dropped. */
  rejected: number;
  measuredRequests: number;
  /** The simulation hit its step bound before every measured request finished. */
  truncated: boolean;
  /** Simulated seconds of the measured window. */
  windowSeconds: number;
  /** Engine evaluations the step cache made (no wall time: the same config gives the same JSON). */
  engineEvaluations: number;
  /** Tokens the KV cache of one instance holds (`memory_utilization` × memory − weights). */
  kvCacheTokens: number;
  /** When requests got their blocks (`serving.admission`). */
  admission: ServingSpec['admission'];
  /** For the view. */
  ttftHistogramMs: Histogram;
  tpotHistogramMs: Histogram;
  timeline: { seconds: number[]; batch: number[]; queue: number[]; kvUsedTokens: number[] };
  loadCurve: LoadPoint[];
  /** With `serving.disaggregated`: the same traffic on separate prefill and decode pools. */
  disaggregated?: DisaggregatedResult;
}

export interface FleetPool {
  design: string;
  replicas: number;
  chips: number;
  watts: number;
  /** Load share of one replica at the average rate, 0..1 of its SLO capacity. */
  utilization: number;
}

export interface FleetResult {
  /** Active replicas that carry the peak within the SLO. */
  replicas: number;
  standbyReplicas: number;
  /** Chips of the whole fleet, standby included. */
  chips: number;
  /** The fleet's chip power at the average rate (standby idle but powered), W, before PUE: the chips alone. */
  watts: number;
  /** Its hosts' power (`cost.host_power` per chip, standby included), W, before PUE; 0 where not given. In the costs. */
  hostWatts: number;
  usdPerMillionOutputTokens: number;
  usdPerResponse: number;
  usdPerHour: number;
  /** Every pool's chip price is known (given or modelled); without, the costs count electricity only (contract §4.4). */
  capitalKnown: boolean;
  /** Peak rate over the fleet's SLO capacity (active replicas only). */
  peakUtilization: number;
  averageRatePerSecond: number;
  peakRatePerSecond: number;
  pools: FleetPool[];
}
