// The metrics of the report, as data. Every surface lists them from here: the CLI table, the
// sweep CSV, the HTML report, the CodeLens, the status bar and the views' header pick
// metrics by id and print `metric.text`; none formats a result itself.
//
// To add a metric (a serving percentile, the die area, ...):
//   1. put the number on `EvaluationResult` (model/result.ts) at the path the contract
//      JSON names it (`serving.ttftMs.p99`): the JSON then carries it with no further step;
//   2. append a definition below with that path as `id`, a label, the unit it is in, which
//      way is better, and `value` reading it (return undefined when its section is absent,
//      e.g. no `serving:`: the metric is then left out of the report);
//   3. give it a `column` to have it in sweep CSVs, `headline` to have it in the CLI table,
//      HTML report and view header. A range comes on its own from `result.ranges[id]` (or, for
//      a per-token rate, from the throughput's: `rangeFollowsThroughput`); a range of another
//      kind, with its basis in words, from `ownRange`.

import {
  formatAttainment,
  formatCapacity,
  formatMm2,
  formatMs,
  formatPercent,
  formatRange,
  formatUsd,
  formatWatts,
  groupThousands,
  significant,
} from './format';
import {
  grownForShoreline,
  mainMemoryLevel,
  modelledPriceApart,
  overTdpAtEveryClock,
  type BaselineComparison,
  type EvaluationResult,
} from '../result';
import { STABLE_SHARE, type DisaggregatedPool, type DisaggregatedResult } from '../serving/types';
import {
  BOTTLENECK_LABEL,
  builtOfText,
  ELECTRICITY_ONLY,
  marginOf,
  NO_DECODE_STEP,
  priceOrigin,
  SERVED_AT_SATURATION,
  SERVING_OVERLOADED,
  POOLS_OVERLOADED,
  TPOT_AT_FULL_BATCH,
  OVER_TDP_AT_EVERY_CLOCK,
} from './labels';
import type { MetricUnit } from './types';
import { DEVICES_PER_X32_CHANNEL, isStacked, MEMORY_TECHNOLOGY_TABLE, type MemoryTechnology } from '../silicon/memoryTechnologies';
import { RANGE_METRICS, type RangeMetric } from '../ranges/predictionRanges';
import { atHostFloor } from '../silicon/price';

export interface MetricDefinition {
  /** Dotted path under `result` in the contract JSON. */
  id: string;
  label: string;
  unit: MetricUnit;
  better?: 'lower' | 'higher';
  value(r: EvaluationResult): number | undefined;
  note?(r: EvaluationResult): string | undefined;
  /** Shown in the summaries (CLI table, HTML headline, view header). */
  headline?: boolean;
  /** Column name in sweep CSVs (SI-free units a spreadsheet user expects: ms, tokens/s, W, J, USD). */
  column?: string;
  /**
   * A metric that is a rate over the throughput (joules or dollars per token: watts or
   * dollars per second divided by tokens per second) carries the throughput's relative 80 %
   * range, inverted when it falls as the throughput rises. Only the throughput's error is in
   * it: the power model has no measured rows to draw its own error from.
   */
  rangeFollowsThroughput?: 'inverse' | 'direct';
  /**
   * A range of another kind than the 80 % prediction ranges, with what it comes from in words
   * (the die area's, from the model's errors on published dies). Not in `result.ranges`.
   */
  ownRange?(r: EvaluationResult): { range: [number, number]; basis: string } | undefined;
  /** Its own text where the unit's would mislead (an SLO's attainment is never rounded up to its target). */
  format?(value: number): string;
}

/** Said of a modelled price's range: it is the die area's range carried through the price model. */
// The die's error alone: memory, wafer and margin prices are assumptions of their own, said so
// (a review read "[$14,000–$14,200]" as the price's whole uncertainty; HBM's moves 3-4x over a cycle).
const PRICE_AT_AREA_ENDS =
  "the modelled price at the two ends of the die area's range: the die's error only, not the memory's, wafer's or margin's prices (docs/silicon.md)";

/** The die area's range (model/silicon/areaRange.ts), or the modelled price's at its ends. */
const areaRangeOf = (r: EvaluationResult, which: 'dieAreaRangeMm2' | 'modelledPriceRangeUsd') => {
  const range = r.silicon?.[which];
  const basis = which === 'dieAreaRangeMm2' ? r.silicon?.areaRangeBasis : PRICE_AT_AREA_ENDS;
  // A die its HBM edge sizes is that size at both ends of its logic's range: no range to show ("614 mm² at both ends").
  // Equal up to rounding: the area's two ends differ in their last bits (a review read "286 mm² at both ends" beside a price with none).
  return range && basis && range[1] - range[0] > 1e-9 * Math.abs(range[1]) ? { range, basis } : undefined;
};

const SERVING_LABEL = {
  ttftMs: 'Serving: time to first token',
  tpotMs: 'Serving: time per output token',
  e2eMs: 'Serving: end to end',
} as const;

const SLO_TERM = { ttftMs: 'TTFT', tpotMs: 'TPOT', e2eMs: 'end to end' } as const;

/**
 * The run at the offered rate and the max-rate search disagree about the SLO there (a review:
 * "SLO met 100% · max 8.89 req/s" at 9 /s). Both are right about their runs: near the edge one
 * run's percentile is noise, and the search's runs are settled ones, so the rate is at the edge.
 */
export function sloEdgeNote(r: EvaluationResult): string | undefined {
  const s = r.serving;
  const edge = s?.sloEdge;
  if (!edge || s.maxRateAtSlo === undefined) return undefined;
  // Three digits, four where three would print the two rates alike.
  const digits = significant(edge.offeredPerSecond) === significant(s.maxRateAtSlo) ? 4 : 3;
  const offered = `${significant(edge.offeredPerSecond, digits)} /s`;
  const max = `${significant(s.maxRateAtSlo, digits)} /s`;
  return edge.run === 'met'
    ? `this run meets the SLO at ${offered}, above the ${max} the max-rate search's settled runs meet: the rate is at the SLO's edge`
    : `this run misses the SLO at ${offered}, below the ${max} the max-rate search's settled runs meet: the rate is at the SLO's edge`;
}

/**
 * The SLO targets that lie inside their percentile's 80 % range: met at one end of the model's
 * error and missed at the other, so the attainment's range can span 0–100 % and say only that.
 * Named where the SLO's percentile is one the ranges carry (p50, p90, p99).
 */
function sloWithinRangeNote(r: EvaluationResult): string | undefined {
  const slo = r.serving?.slo;
  const p = slo && `p${slo.percentile}`;
  if (!slo || (p !== 'p50' && p !== 'p90' && p !== 'p99')) return undefined;
  const straddled = (['ttftMs', 'tpotMs', 'e2eMs'] as const).flatMap((m) => {
    const target = slo[m];
    const range = r.ranges?.[`serving.${m}.${p}`];
    return target !== undefined && range && range[0] <= target && target < range[1]
      ? [`${p} ${SLO_TERM[m]} ${formatRange(formatMs(range[0]), formatMs(range[1]))} against ${formatMs(target)}`]
      : [];
  });
  return straddled.length ? `target within the 80 % range: ${straddled.join('; ')}` : undefined;
}

/**
 * The max rate's range reaching down to a trickle: at the slow end of the step times the SLO
 * holds only far below the value (a review read "7.98 req/s [0.00385–12.3 req/s]" as a rate to
 * design to). Said, so the low end reads as "barely met", not as a rate.
 */
function maxRateTrickleNote(r: EvaluationResult): string | undefined {
  const value = r.serving?.maxRateAtSlo;
  const low = r.ranges?.['serving.maxRateAtSlo']?.[0];
  if (value === undefined || low === undefined || !(low < value * MAX_RATE_TRICKLE)) return undefined;
  return low > 0
    ? `at the slow end of the step-time range the SLO holds only at a trickle (${significant(low)} /s): the targets are close to what a request takes alone there`
    : 'at the slow end of the step-time range no rate meets the SLO';
}
/**
 * The rate the search stopped at for the queue's sake, not the SLO's: at a loose target the value
 * is 95 % of saturation, and an operator read it as the SLO's edge (a review at p50).
 */
function maxRateAtCapNote(r: EvaluationResult): string | undefined {
  if (!r.serving?.maxRateAtCap) return undefined;
  return `${100 * STABLE_SHARE} % of saturation, the most the search counts as a steady state: the SLO still holds there, so the queue, not the SLO, bounds this rate`;
}

/** A low end under a hundredth of the max rate: the SLO barely holds there (a tenth is still a real rate). */
const MAX_RATE_TRICKLE = 0.01;

/** A time of a run or pools that served nothing (no room for a KV cache, every request rejected) has no value: not "0 s". */
export const servedNothing = (s: { rejected: number; measuredRequests: number } | undefined) =>
  s !== undefined && s.rejected >= s.measuredRequests;
const disaggregatedLatency = (r: EvaluationResult, ms: number | undefined) => (servedNothing(r.serving?.disaggregated) ? undefined : ms);

/** The decode rows of a response with one output token describe a step it never runs. */
/** Single-token responses have no time per output token: none to show, not 0 (which reads as meeting a TPOT target). */
const singleTokenResponses = (r: EvaluationResult) => r.serving !== undefined && r.serving.meanOutputTokens <= 1;
const noDecodeStep = (r: EvaluationResult) => (r.decodeSteps === 0 ? NO_DECODE_STEP : undefined);

/**
 * A decode step's bottleneck in words. Compute-bound with the matrix units mostly idle (a
 * 320x320 array filling 1 row at batch 1: "compute-bound" beside "compute used 0.11%" read as a
 * contradiction) says why: the arrays' shape, not their rate, sets the step.
 */
function decodeBoundNote(r: EvaluationResult): string {
  // With one output token the response is its prefill: the step is what a second token would take (a review).
  const none = noDecodeStep(r);
  if (none) return none;
  const label = BOTTLENECK_LABEL[r.decode.bottleneck].toLowerCase();
  if (r.decode.bottleneck === 'memory') {
    // Bound by a level other than the chip's own memory (the SRAM feeding the arrays, host DDR
    // holding the KV cache): name it, or "memory-bound" reads beside a memory bandwidth used of 8 %.
    const level = decodeBoundingLevel(r);
    return level && !level.main ? `${label}: ${level.label}` : label;
  }
  // The arrays' use while a stage runs: a chip waiting for the other stages is not an underfilled array.
  return r.decode.bottleneck === 'compute' && r.utilization.computeOfStage < UNDERFILLED_COMPUTE ? `${label}: arrays underfilled` : label;
}

/** The memory level whose time the memory-bound operators of a decode step spend most in. */
function decodeBoundingLevel(r: EvaluationResult): EvaluationResult['chip']['memoryLevels'][number] | undefined {
  let top: { level: EvaluationResult['chip']['memoryLevels'][number]; seconds: number } | undefined;
  for (const level of r.chip.memoryLevels) {
    let seconds = 0;
    for (const o of r.phases.decode.operators) if (o.bottleneck === 'memory') seconds += o.count * (o.time.levels[level.id] ?? 0);
    if (!top || seconds > top.seconds) top = { level, seconds };
  }
  return top?.level;
}
/** Below this share of peak in decode, a compute-bound step is the arrays' fill, not their rate. */
const UNDERFILLED_COMPUTE = 0.05;

/** ", 6 chiplets of 154 mm²", or ", 8 chiplets, the largest 95.3 mm²" where dies grown for their HBM edge differ from the rest. */
function chipletsNote(s: NonNullable<EvaluationResult['silicon']>): string {
  if (s.chiplets <= 1 || s.perDieMm2 === null || s.largestDieMm2 === null) return '';
  return s.largestDieMm2 > s.perDieMm2 * (1 + 1e-9)
    ? `, ${s.chiplets} chiplets, the largest ${formatMm2(s.largestDieMm2)}`
    : `, ${s.chiplets} chiplets of ${formatMm2(s.perDieMm2)}`;
}

export const METRICS: MetricDefinition[] = [
  {
    id: 'decode.msPerToken',
    label: 'Per-token latency',
    unit: 'ms',
    better: 'lower',
    headline: true,
    column: 'decode_ms_per_token',
    value: (r) => r.decode.msPerToken,
    note: decodeBoundNote,
  },
  {
    id: 'decode.lowerMs',
    label: 'Per-token latency, all resources overlapped',
    unit: 'ms',
    value: (r) => r.decode.lowerMs,
    note: noDecodeStep,
  },
  { id: 'decode.upperMs', label: 'Per-token latency, nothing overlapped', unit: 'ms', value: (r) => r.decode.upperMs, note: noDecodeStep },
  {
    id: 'prefill.ms',
    label: 'Time to first token',
    unit: 'ms',
    better: 'lower',
    headline: true,
    column: 'prefill_ms',
    value: (r) => r.prefill.ms,
  },
  { id: 'prefill.lowerMs', label: 'Time to first token, all resources overlapped', unit: 'ms', value: (r) => r.prefill.lowerMs },
  { id: 'prefill.upperMs', label: 'Time to first token, nothing overlapped', unit: 'ms', value: (r) => r.prefill.upperMs },
  {
    id: 'response.ms',
    label: 'Response time',
    unit: 'ms',
    better: 'lower',
    headline: true,
    column: 'response_ms',
    value: (r) => r.response.ms,
  },
  {
    id: 'throughput.outputTokensPerSecond',
    label: 'Throughput',
    unit: 'tokens/s',
    better: 'higher',
    headline: true,
    column: 'output_tokens_per_s',
    value: (r) => r.throughput.outputTokensPerSecond,
  },
  {
    id: 'throughput.perChip',
    label: 'Throughput per chip',
    unit: 'tokens/s',
    better: 'higher',
    column: 'tokens_per_s_per_chip',
    value: (r) => r.throughput.perChip,
  },
  {
    id: 'utilization.memoryBandwidth',
    label: 'Memory bandwidth used in decode',
    unit: 'fraction',
    value: (r) => r.utilization.memoryBandwidth,
    // A chip with no memory of its own (`chip.memory.technology: none`): its SRAM, or an added level (docs/model.md).
    note: (r) => {
      const main = mainMemoryLevel(r.chip.memoryLevels);
      const of =
        !main || main.ownMemory ? undefined : `of the ${main.label}: ${main.onChip ? 'no off-chip memory' : 'no memory of its own'}`;
      return [noDecodeStep(r), of].filter((n) => n !== undefined).join('; ') || undefined;
    },
  },
  { id: 'utilization.compute', label: 'Compute used in decode', unit: 'fraction', value: (r) => r.utilization.compute, note: noDecodeStep },
  {
    id: 'power.watts',
    label: 'Power per chip',
    unit: 'W',
    better: 'lower',
    headline: true,
    column: 'watts_per_chip',
    value: (r) => r.power.watts,
    // Over the cap even at the lowest clock: the design does not meet its TDP (model/checks.ts says why).
    // Throttling is per phase, and this is the response's average: which phase ran derated, at what
    // clock ("158 W (throttled)" under a 400 W cap read as a contradiction: an architect's review).
    note: (r) => (overTdpAtEveryClock(r.power) ? OVER_TDP_AT_EVERY_CLOCK : r.power.throttled ? throttledPhases(r.power) : undefined),
  },
  { id: 'power.tdpWatts', label: 'Power cap (TDP)', unit: 'W', value: (r) => r.power.tdpWatts },
  {
    id: 'energy.joulesPerOutputToken',
    label: 'Energy per output token',
    unit: 'J',
    better: 'lower',
    headline: true,
    column: 'joules_per_output_token',
    value: (r) => r.energy.joulesPerOutputToken,
    rangeFollowsThroughput: 'inverse',
  },
  {
    id: 'energy.perfPerWatt',
    label: 'Performance per watt',
    unit: 'tokens/J',
    better: 'higher',
    rangeFollowsThroughput: 'direct',
    value: (r) => r.energy.perfPerWatt,
  },
  {
    id: 'cost.usdPerMillionOutputTokens',
    label: 'Cost per 1M output tokens',
    unit: 'USD',
    better: 'lower',
    headline: true,
    column: 'usd_per_million_output_tokens',
    value: (r) => r.cost.usdPerMillionOutputTokens,
    note: costNote,
    rangeFollowsThroughput: 'inverse',
  },
  {
    id: 'cost.usdPerResponse',
    label: 'Cost per response',
    unit: 'USD',
    better: 'lower',
    headline: true,
    column: 'usd_per_response',
    value: (r) => r.cost.usdPerResponse,
    note: costNote,
    rangeFollowsThroughput: 'inverse',
  },
  // The die and the chip price modelled from it (model/silicon, contract.md §4.4). Without
  // a price (`silicon` absent) neither is listed and the cost metrics say electricity only.
  {
    id: 'silicon.dieAreaMm2',
    label: 'Die area',
    unit: 'mm²',
    headline: true,
    column: 'die_area_mm2',
    value: (r) => r.silicon?.dieAreaMm2 ?? undefined,
    ownRange: (r) => areaRangeOf(r, 'dieAreaRangeMm2'),
    note: (r) =>
      r.silicon?.process
        ? `${r.silicon.process}${chipletsNote(r.silicon)}${grownForShoreline(r.silicon) ? `, grown for ${r.silicon.chiplets > 1 ? 'their' : 'its'} HBM edge, which sets the area` : ''}${publishedDieText(r.silicon)}`
        : undefined,
  },
  {
    id: 'silicon.chipPriceUsd',
    label: 'Chip price',
    unit: 'USD',
    headline: true,
    column: 'chip_price_usd',
    value: (r) => r.silicon?.chipPriceUsd,
    note: priceNote,
    // The price used is the modelled one only when it is not given nor a preset's scaled to this die.
    ownRange: (r) =>
      r.silicon && r.silicon.chipPriceUsd === r.silicon.modelledPriceUsd ? areaRangeOf(r, 'modelledPriceRangeUsd') : undefined,
  },
  {
    id: 'silicon.modelledPriceUsd',
    label: 'Chip price modelled from the die',
    unit: 'USD',
    // Shown whenever the die prices the chip, also when it is the price used: a blank cell
    // there read as "no modelled price" beside a baseline's given one.
    value: (r) => r.silicon?.modelledPriceUsd ?? undefined,
    ownRange: (r) => areaRangeOf(r, 'modelledPriceRangeUsd'),
    note: (r) => {
      const s = r.silicon;
      if (!s?.price) return undefined;
      return `${modelledPriceApart(s) ? '' : 'the price used, '}at ${formatPercent(marginOf(s.price))} margin`;
    },
  },
  // What the modelled price is made of: a review found $4.5k of the reference's $14.1k was its
  // share of a server, said only in --json. Both follow the modelled price (also beside a given one).
  {
    id: 'silicon.price.costUsd',
    label: 'Cost to build one chip (modelled)',
    unit: 'USD',
    value: (r) => r.silicon?.price?.costUsd,
    note: (r) => (r.silicon?.price ? builtOfText(r.silicon.price) : undefined),
  },
  {
    id: 'silicon.price.nreUsd',
    label: 'Design (NRE) per chip in the modelled price',
    unit: 'USD',
    // Listed where a design states its NRE: at a vendor's margin (the default) the margin pays for it.
    value: (r) => (r.silicon?.price?.nreUsd ? r.silicon.price.nreUsd : undefined),
    note: () =>
      '`cost.silicon.nre` spread evenly over `cost.silicon.volume` chips; not in a cost ratio of two modelled prices, which prices both at one vendor margin',
  },
  {
    id: 'silicon.price.systemUsd',
    label: 'Server share in the modelled price',
    unit: 'USD',
    value: (r) => r.silicon?.price?.systemUsd,
    note: (r) =>
      r.silicon?.price
        ? atHostFloor(r.silicon.price)
          ? `the chip's slot in a host server (CPUs, DRAM, drives, chassis): \`cost.silicon.host_per_chip\`, more than the ${formatUsd(r.silicon.price.systemFromShareUsd)} that \`system_share\` gives (its share of this chip's cost priced at an H100's margin)`
          : `CPUs, NICs, switches and chassis per chip: \`cost.silicon.system_share\` of what the chip's cost sells for at an H100's margin (a DGX H100's server per GPU), so it grows with the chip's cost, memory included (at least \`host_per_chip\`)`
        : undefined,
  },
  {
    id: 'silicon.memory.interfaces',
    label: 'Memory interfaces',
    unit: 'count',
    // Derived from the bandwidth and capacity where not stated: a stack more is a step in area and price.
    value: (r) => (r.silicon?.memory && r.silicon.memory.interfaces > 0 ? r.silicon.memory.interfaces : undefined),
    note: (r) => {
      const m = r.silicon?.memory;
      if (!m) return undefined;
      if (isStacked(m.technology)) return `${m.technology} stacks`;
      // The count is the die's least (silicon memoryInterfaces): a bus run at a lower pin rate has
      // more channels (the A10G's 600 GB/s on 12 at 12.5 Gb/s reads 10 here), which a review took for a wrong count.
      const pinGbps = (MEMORY_TECHNOLOGY_TABLE[m.technology as MemoryTechnology].bandwidthPerStack * 8) / 32 / 1e9;
      return `${m.technology} x32 channels for ${m.stacks} devices: the fewest that carry the bandwidth at ${significant(pinGbps)} Gb/s a pin, one for every ${DEVICES_PER_X32_CHANNEL} devices at least`;
    },
  },
  {
    id: 'memory.perChip.usedBytes',
    label: 'Memory used per chip',
    unit: 'bytes',
    headline: true,
    value: (r) => r.memory.perChip.weightsBytes + r.memory.perChip.kvCacheBytes,
    note: (r) => (r.memory.fits ? undefined : 'does not fit'),
  },
  { id: 'memory.perChip.weightsBytes', label: 'Weights per chip', unit: 'bytes', value: (r) => r.memory.perChip.weightsBytes },
  { id: 'memory.perChip.kvCacheBytes', label: 'KV cache per chip', unit: 'bytes', value: (r) => r.memory.perChip.kvCacheBytes },
  {
    id: 'memory.perChip.capacityBytes',
    label: 'Memory capacity per chip',
    unit: 'bytes',
    value: (r) => r.memory.perChip.capacityBytes,
    format: formatCapacity,
  },
  {
    id: 'memory.maxBatch',
    label: 'Largest batch that fits',
    unit: 'count',
    better: 'higher',
    column: 'largest_batch_that_fits',
    value: (r) => r.memory.maxBatch,
  },
  // Serving (contract §4.2): one instance under the `serving:` traffic; absent without it.
  ...(['ttftMs', 'tpotMs', 'e2eMs'] as const).flatMap((m) =>
    (['mean', 'p50', 'p90', 'p99'] as const).map((p): MetricDefinition => ({
      id: `serving.${m}.${p}`,
      label: `${SERVING_LABEL[m]}, ${p === 'mean' ? 'mean' : p}`,
      unit: 'ms',
      better: 'lower',
      headline: p === 'p99' || (m !== 'e2eMs' && p === 'p50'),
      column: `serving_${m.replace('Ms', '')}_${p}_ms`,
      value: (r) => ((m === 'tpotMs' && singleTokenResponses(r)) || servedNothing(r.serving) ? undefined : r.serving?.[m][p]),
      note: (r) => (r.serving?.overloaded ? (m === 'tpotMs' ? TPOT_AT_FULL_BATCH : SERVING_OVERLOADED) : undefined),
    })),
  ),
  {
    id: 'serving.requestsPerSecond',
    label: 'Served, requests',
    unit: 'requests/s',
    better: 'higher',
    headline: true,
    column: 'serving_requests_per_s',
    value: (r) => r.serving?.requestsPerSecond,
    note: (r) => (r.serving?.overloaded ? SERVED_AT_SATURATION : undefined),
  },
  {
    id: 'serving.outputTokensPerSecond',
    label: 'Served, output tokens',
    unit: 'tokens/s',
    better: 'higher',
    column: 'serving_output_tokens_per_s',
    value: (r) => r.serving?.outputTokensPerSecond,
    note: (r) => (r.serving?.overloaded ? SERVED_AT_SATURATION : undefined),
  },
  {
    id: 'serving.meanBatch',
    label: 'Sequences per step, mean',
    unit: 'count',
    headline: true,
    value: (r) => r.serving?.meanBatch,
    note: (r) => (r.serving?.preemptions ? `${r.serving.preemptions} preemptions` : undefined),
  },
  {
    // What bounds the batch under KV pressure; the static rows' "KV cache per chip" is the static batch's.
    id: 'serving.kvCacheTokens',
    label: 'Serving: KV cache per instance, tokens',
    unit: 'count',
    value: (r) => r.serving?.kvCacheTokens,
    note: (r) => (r.serving?.admission === 'guaranteed' ? 'guaranteed admission' : undefined),
  },
  {
    id: 'serving.saturationRequestsPerSecond',
    label: 'Saturation throughput',
    unit: 'requests/s',
    better: 'higher',
    value: (r) => r.serving?.saturationRequestsPerSecond,
  },
  {
    id: 'serving.sloAttainment',
    label: 'Requests meeting the SLO',
    unit: 'fraction',
    better: 'higher',
    headline: true,
    column: 'serving_slo_attainment',
    value: (r) => r.serving?.sloAttainment,
    format: formatAttainment,
    note: (r) => [sloEdgeNote(r), sloWithinRangeNote(r)].filter((n) => n !== undefined).join('; ') || undefined,
  },
  {
    id: 'serving.maxRateAtSlo',
    label: 'Highest Poisson rate within the SLO',
    unit: 'requests/s',
    better: 'higher',
    headline: true,
    column: 'serving_max_rate_at_slo',
    value: (r) => r.serving?.maxRateAtSlo,
    note: (r) =>
      [r.serving?.searchTruncated ? 'search cut by the time budget' : undefined, maxRateAtCapNote(r), maxRateTrickleNote(r)]
        .filter(Boolean)
        .join('; ') || undefined,
  },
  {
    id: 'serving.disaggregated.ttftMs.p99',
    label: 'Disaggregated: time to first token, p99',
    unit: 'ms',
    better: 'lower',
    headline: true,
    value: (r) => disaggregatedLatency(r, r.serving?.disaggregated?.ttftMs.p99),
    note: (r) => (r.serving?.disaggregated?.overloaded ? SERVING_OVERLOADED : undefined),
  },
  {
    id: 'serving.disaggregated.tpotMs.p99',
    label: 'Disaggregated: time per output token, p99',
    unit: 'ms',
    better: 'lower',
    headline: true,
    value: (r) => (singleTokenResponses(r) ? undefined : disaggregatedLatency(r, r.serving?.disaggregated?.tpotMs.p99)),
    // Either pool can be the one that does not keep up: a decode pool at one sequence a step is
    // not at a full batch (a review: an overloaded prefill pool's TPOT read so).
    note: (r) => (r.serving?.disaggregated?.overloaded ? POOLS_OVERLOADED : undefined),
  },
  {
    id: 'serving.disaggregated.requestsPerSecond',
    label: 'Disaggregated: served, requests',
    unit: 'requests/s',
    better: 'higher',
    value: (r) => r.serving?.disaggregated?.requestsPerSecond,
    // What the pools got through of an offer they do not keep up with (an operator's review: the
    // aggregated rows said so, these did not).
    note: (r) => (r.serving?.disaggregated?.overloaded ? POOLS_OVERLOADED : undefined),
  },
  {
    id: 'serving.disaggregated.chips',
    label: 'Disaggregated: chips in both pools',
    unit: 'count',
    headline: true,
    value: (r) => r.serving?.disaggregated?.chips,
  },
  {
    id: 'serving.disaggregated.sloAttainment',
    label: 'Disaggregated: requests meeting the SLO',
    unit: 'fraction',
    better: 'higher',
    value: (r) => r.serving?.disaggregated?.sloAttainment,
    format: formatAttainment,
  },
  // What the two pools draw and cost at the offered traffic (an operator's review: a mixed
  // deployment of H100 prefill and ASIC decode could not be priced).
  {
    id: 'serving.disaggregated.watts',
    label: 'Disaggregated: chip power of both pools (before PUE)',
    unit: 'W',
    better: 'lower',
    value: (r) => r.serving?.disaggregated?.watts,
    note: (r) => {
      const d = r.serving?.disaggregated;
      return d
        ? `prefill ${formatWatts(d.prefill.watts)}, decode ${formatWatts(d.decode.watts)}${d.overloaded ? `; ${POOLS_OVERLOADED}` : ''}`
        : undefined;
    },
  },
  {
    id: 'serving.disaggregated.usdPerMillionOutputTokens',
    label: 'Disaggregated: cost per 1M output tokens',
    unit: 'USD',
    better: 'lower',
    value: (r) => r.serving?.disaggregated?.usdPerMillionOutputTokens,
    note: (r) => {
      const d = r.serving?.disaggregated;
      if (!d) return undefined;
      return (
        [d.capitalKnown ? poolPrices(d) : ELECTRICITY_ONLY, d.overloaded ? POOLS_OVERLOADED : undefined].filter(Boolean).join('; ') ||
        undefined
      );
    },
  },
  {
    id: 'serving.disaggregated.kvTransferMs',
    label: 'Disaggregated: KV transfer per request, queue included',
    unit: 'ms',
    value: (r) => disaggregatedLatency(r, r.serving?.disaggregated?.kvTransferMs),
  },
  // Fleet: sized for the peak within the SLO, counted at the average load.
  {
    id: 'fleet.replicas',
    label: 'Fleet: active replicas',
    unit: 'count',
    better: 'lower',
    headline: true,
    column: 'fleet_replicas',
    value: (r) => r.fleet?.replicas,
  },
  {
    id: 'fleet.standbyReplicas',
    label: 'Fleet: hot-standby replicas',
    unit: 'count',
    headline: true,
    value: (r) => r.fleet?.standbyReplicas,
  },
  {
    id: 'fleet.chips',
    label: 'Fleet: chips, standby included',
    unit: 'count',
    better: 'lower',
    headline: true,
    column: 'fleet_chips',
    value: (r) => r.fleet?.chips,
    // A standby of another chip (an H100 hot standby beside Jalapeño replicas) is not the same count (model/serving/fleet.ts: active pool first).
    note: (r) => {
      const [active, standby] = r.fleet?.pools ?? [];
      return active && standby && standby.design !== active.design
        ? `${groupThousands(active.chips)} of this design + ${groupThousands(standby.chips)} ${standby.design} on standby`
        : undefined;
    },
  },
  {
    id: 'fleet.watts',
    label: 'Fleet: chip power at the average rate (before PUE)',
    unit: 'W',
    better: 'lower',
    headline: true,
    column: 'fleet_watts',
    value: (r) => r.fleet?.watts,
    // The hosts' power is the operator's to state (an operator's review: 16 kW for nine DGX-class
    // nodes, which draw up to 10.2 kW each): said where it is not counted.
    note: (r) => (r.fleet && !(r.fleet.hostWatts > 0) ? HOSTS_NOT_COUNTED : undefined),
  },
  {
    id: 'fleet.hostWatts',
    label: 'Fleet: host power (`cost.host_power`, before PUE)',
    unit: 'W',
    better: 'lower',
    column: 'fleet_host_watts',
    value: (r) => (r.fleet && r.fleet.hostWatts > 0 ? r.fleet.hostWatts : undefined),
  },
  {
    id: 'fleet.usdPerMillionOutputTokens',
    label: 'Fleet: cost per 1M output tokens',
    unit: 'USD',
    better: 'lower',
    headline: true,
    column: 'fleet_usd_per_million_output_tokens',
    value: (r) => r.fleet?.usdPerMillionOutputTokens,
    note: fleetCostNote,
  },
  {
    id: 'fleet.usdPerHour',
    label: 'Fleet: cost per hour',
    unit: 'USD',
    better: 'lower',
    value: (r) => r.fleet?.usdPerHour,
    note: fleetCostNote,
  },
  { id: 'fleet.peakUtilization', label: 'Fleet: peak load of its SLO capacity', unit: 'fraction', value: (r) => r.fleet?.peakUtilization },
];

/** A cost that counts no capital says so (contract.md §4.4: never an electricity-only cost read as a low one). */
function costNote(r: EvaluationResult): string | undefined {
  return r.cost.capitalKnown ? undefined : ELECTRICITY_ONLY;
}

/** A fleet with a pool of no known price counts electricity only, as `costNote`. */
/** The chip prices a disaggregated cost counts: each pool's, and where it comes from (a review: the row named neither). */
function poolPrices(d: DisaggregatedResult): string {
  const price = (p: DisaggregatedPool) => `${formatUsd(p.chipPriceUsd)} a chip (${priceOrigin(p)})`;
  if (d.prefill.design === d.decode.design) return `both pools' chips at ${price(d.decode)}`;
  return `prefill pool ${d.prefill.design}: ${price(d.prefill)}; decode pool ${d.decode.design}: ${price(d.decode)}`;
}

/** The fleet's power and electricity count its chips only: `cost.host_power` adds each chip's share of its server's. */
export const HOSTS_NOT_COUNTED = "chips only: `cost.host_power` adds their hosts'";

function fleetCostNote(r: EvaluationResult): string | undefined {
  return r.fleet && !r.fleet.capitalKnown ? ELECTRICITY_ONLY : undefined;
}

/** priceOrigin's words; a modelled price where a preset gave one says why (its price describes its own die). */
function priceNote(r: EvaluationResult): string | undefined {
  const s = r.silicon;
  if (!s) return undefined;
  const over = s.modelledOverPreset;
  if (!over) return priceOrigin(s);
  const keys = over.keys.slice(0, 2).join(', ') + (over.keys.length > 2 ? ` and ${over.keys.length - 2} more` : '');
  const how = over.presetModelledUsd !== undefined ? `scaled from ${over.presetId}'s price` : 'modelled';
  return `${how}: ${keys} ${over.keys.length > 1 ? 'differ' : 'differs'} from ${over.presetId}`;
}

/**
 * The prediction-range metric whose errors a metric's range carries: its own, or the
 * throughput's for a rate over it (energy, perf/W, cost); undefined for a range of another kind
 * (serving and fleet figures, the die area).
 */
export function predictionBasis(id: string): RangeMetric | undefined {
  if ((RANGE_METRICS as readonly string[]).includes(id)) return id as RangeMetric;
  const own = COMPARED_COSTS.find((c) => c.id === id)?.shown ?? id;
  return METRICS.find((d) => d.id === own)?.rangeFollowsThroughput ? 'throughput.outputTokensPerSecond' : undefined;
}

/**
 * The costs a cost ratio divides where it compares other chip prices than the rows show
 * (model/silicon/costComparison.ts): rows of the report only, each under the row at the prices
 * shown, and the ratio stands beside them (build.ts comparedCosts).
 */
export const COMPARED_COSTS = [
  {
    engine: 'costPerResponse',
    shown: 'cost.usdPerResponse',
    id: 'cost.usdPerResponseAtComparedPrices',
    label: 'Cost per response at the compared chip prices',
    costs: (b: BaselineComparison) => b.costUsdPerResponse,
    value: (r: EvaluationResult) => r.cost.usdPerResponse,
  },
  {
    engine: 'fleetCostPerToken',
    shown: 'fleet.usdPerMillionOutputTokens',
    id: 'fleet.usdPerMillionOutputTokensAtComparedPrices',
    label: 'Fleet: cost per 1M output tokens at the compared chip prices',
    costs: (b: BaselineComparison) => b.fleetCostUsdPerMillionOutputTokens,
    value: (r: EvaluationResult) => r.fleet?.usdPerMillionOutputTokens,
  },
] as const satisfies readonly {
  engine: keyof BaselineComparison['ratios'];
  shown: string;
  id: string;
  label: string;
  costs: (b: BaselineComparison) => { design: number; baseline: number } | undefined;
  value: (r: EvaluationResult) => number | undefined;
}[];

/** "prefill throttled to 71 % of the clock", "decode …", or both: the phases held under the TDP by a lower clock. */
function throttledPhases(p: EvaluationResult['power']): string {
  const phases = [
    ['prefill', p.prefillClockScale],
    ['decode', p.decodeClockScale],
  ] as const;
  const derated = phases.filter(([, scale]) => scale < 1);
  return derated.map(([phase, scale]) => `${phase} throttled to ${formatPercent(scale)} of the clock`).join(', ');
}

/**
 * "; GH100 as published: 814 mm²" where the chip keeps a preset's die whose area its maker
 * publishes: the model's 769 mm² was shown with no word of the 814 (an architect's review).
 */
function publishedDieText(s: NonNullable<EvaluationResult['silicon']>): string {
  const d = s.publishedDie;
  return d ? `; ${d.name} as published: ${formatMm2(d.mm2)}` : '';
}
