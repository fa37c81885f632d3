// "What this key drives now": one sentence, from the last evaluation, that tells the
// architect whether the number under the cursor matters for this design point (a memory
// bandwidth matters when decode is memory-bound, a clock does not).

import {
  collectiveTime,
  mainMemoryLevel,
  modelledPriceApart,
  type Bottleneck,
  type EvaluationResult,
  type PhaseResult,
  type Sensitivity,
} from '../../model/result';
import { formatQuantity } from '../../model/units';
import { areaBreakdown } from '../../model/report/breakdowns';
import { metricOf } from '../../model/report/build';
import {
  formatAttainment,
  formatBytes,
  formatChange,
  formatCount,
  formatJoules,
  formatMs,
  formatPercent,
  formatTokensPerSecond,
  formatUsd,
  formatWatts,
  significant,
} from '../../model/report/format';
import { ELECTRICITY_ONLY, builtOfText, datapathIdleText } from '../../model/report/labels';
import { sloEdgeNote } from '../../model/report/metrics';
import type { ServingRangeMetric } from '../../model/serving/servingRanges';
import { ACTIVE_SHARE_OF_HEADROOM, IDLE_SHARE_OF_TDP, IDLE_SHARE_WHY } from '../../model/presets/pooledPrior';
import { readsKey } from '../../model/silicon/memoryTechnologies';
import { atHostFloor } from '../../model/silicon/price';

/** Keys whose effect is the time one kind of resource takes. */
const RESOURCE_OF: [RegExp, Bottleneck][] = [
  [
    /^chip\.memory\.(bandwidth|efficiency)$|^chip\.sram\.bandwidth$|^chip\.memory_levels\.\w+\.(bandwidth|efficiency)$|^runtime\.grouped_attention$/,
    'memory',
  ],
  [/^chip\.(clock|matrix(\..*)?|vector(\..*)?)$|^runtime\.gemm_efficiency$/, 'compute'],
  [/^chip\.link\.|^system\.(tensor_parallel|pipeline_parallel|topology|chips)$|^runtime\.collective_overhead$/, 'interconnect'],
  [
    /^chip\.(dispatch_overhead|fixed_function(_supports)?)(\.|$)|^chip\.host_launch$|^runtime\.(step|sequence|launch|prefill)_overhead$/,
    'overhead',
  ],
];

const RESOURCE_NOUN: Record<Bottleneck, string> = {
  memory: 'memory traffic',
  compute: 'compute',
  interconnect: 'chip-to-chip communication',
  overhead: 'software overhead (dispatch and host time)',
};

/** Keys that only the die area and price read (docs/silicon.md). */
const SILICON_KEYS =
  /^chip\.(process|silicon(\..*)?|memory\.(technology|stacks)|memory_levels\.\w+\.technology|link\.phy)$|^cost\.(chip_price|silicon(\..*)?)$/;

const RANGE_WHY: Record<NonNullable<EvaluationResult['rangeCategory']>, string> = {
  seen: 'a calibrated chip family on a calibrated runtime',
  'unseen-runtime': 'a runtime the fit never saw (a prior or the generic runtime)',
  'unseen-chip': 'a chip family the fit never saw',
  'unseen-both': 'a chip family and a runtime the fit never saw',
};

export function whatItDrives(path: string, result: EvaluationResult): string | undefined {
  const drives = drivesOf(path, result);
  // A calibrated key written over a calibrated preset: why the ranges are wider than the preset's.
  const why = result.rangeCategory && result.rangeCategoryWhy?.keys.includes(path);
  if (!why) return drives;
  const what = path.startsWith('runtime.') ? 'a fitted runtime preset: this runtime' : 'a calibrated preset: this chip';
  const note = `Set here over ${what} counts as one the fit never saw, so the 80 % prediction ranges are those of ${RANGE_WHY[result.rangeCategory!]}, wider than the preset's own.`;
  return drives ? `${drives} ${note}` : note;
}

/** Rate keys whose time is inversely proportional to them, by the resource they set. */
const RATE_KEY_OF: [RegExp, Bottleneck][] = [
  [/^chip\.memory\.bandwidth$|^chip\.sram\.bandwidth$|^chip\.memory_levels\.\w+\.bandwidth$/, 'memory'],
  [/^chip\.clock$|^chip\.matrix\.(peak\.\w+|units)$/, 'compute'],
];

/**
 * Where a rate key's resource bounds decode, +10 % on it would cut the step by about that
 * share of 1 − 1/1.1: less than half of that says another limit is close, which the hover's
 * "memory-bound" beside "−2.5 %" left to the reader to reconcile (a review).
 */
export function nearAnotherLimit(path: string, result: EvaluationResult, s: Sensitivity): string | undefined {
  const resource = RATE_KEY_OF.find(([pattern]) => pattern.test(path))?.[1];
  if (!resource || result.decode.bottleneck !== resource || !(s.step > 0)) return undefined;
  const expected = -(1 - 1 / (1 + s.step)) * share(result.phases.decode, resource);
  if (!(s.decodeMsPerToken > expected / 2)) return undefined;
  return `less than the ${formatChange(expected)} a pure ${resource} limit would give: another limit is close, so more of this soon stops helping`;
}

function drivesOf(path: string, result: EvaluationResult): string | undefined {
  const main = mainMemoryLevel(result.chip.memoryLevels);
  // `chip.memory.technology: none`: its other keys are not read (the `memory-none-unused` warning).
  if (main && !main.ownMemory && !readsKey('none', path))
    return `Not used: \`chip.memory.technology: none\`, so the chip has no memory of its own; its ${main.label} stores the weights and KV cache.`;
  if (main && !main.ownMemory && path === 'chip.memory')
    return `No memory of its own (\`technology: none\`): its ${main.label} stores the weights and KV cache.`;
  if (SILICON_KEYS.test(path)) return silicon(result);
  if ((path === 'runtime' || path === 'runtime.extends') && result.ranges && result.rangeCategory) {
    const d = result.ranges['decode.msPerToken'];
    const why = result.rangeCategoryWhy ? ` (${result.rangeCategoryWhy.text})` : '';
    return `80 % prediction ranges of ${RANGE_WHY[result.rangeCategory]}${why}: decode ${formatMs(result.decode.msPerToken)} (${formatMs(d[0])}–${formatMs(d[1])}) per token.`;
  }
  if (path === 'runtime.shape_buckets' || path === 'runtime.smallest_bucket') {
    return `Prefill computes ${significant(result.phases.prefill.tokens)} tokens (padding included) at a decode context of ${significant(result.phases.decode.contextTokens)} tokens.`;
  }
  for (const [pattern, resource] of RESOURCE_OF) if (pattern.test(path)) return resourceShare(resource, result);
  if (path === 'chip.memory.capacity' || /^chip\.memory_levels\.\w+\.capacity$/.test(path)) return capacity(result);
  // A chip with no off-chip memory stores the weights and KV cache in its SRAM.
  if (path === 'chip.sram.capacity' && main?.onChip) return capacity(result);
  if (path === 'chip.idle_power' && result.power.idleSource === 'die area')
    return `Not given: idle power is the leakage of the modelled ${metricOf('silicon.dieAreaMm2', result)?.text ?? '—'} die, ${formatWatts(result.power.idleWatts)}, more than the ${formatPercent(IDLE_SHARE_OF_TDP)} of TDP the presets assume. ${power(result)}`;
  if (path === 'chip.idle_power' && result.power.idleSource === 'share of TDP')
    return `Not given: idle power is ${formatPercent(result.power.idleWatts / result.power.tdpWatts)} of the TDP, ${formatWatts(result.power.idleWatts)}, ${IDLE_SHARE_WHY} (leakage, memory refresh, SerDes, always-on logic; a modelled die that leaks more sets it instead). ${power(result)}`;
  if (path === 'chip.idle_power' && result.power.idleSource === 'share of datapath TDP')
    return `Not given: idle power is ${datapathIdleText(result.power.idleWatts)}, ${formatWatts(result.power.idleWatts)}: a higher cap does not leak more. ${power(result)}`;
  if (path === 'chip.idle_power' && result.power.idleSource === 'scaled from preset')
    return `The preset's idle power describes its own die and TDP, which this chip changes: it is scaled by the larger of the modelled die's leakage and ${formatPercent(IDLE_SHARE_OF_TDP)} of TDP, here against the preset's, to ${formatWatts(result.power.idleWatts)}. ${power(result)}`;
  if (path === 'chip.tdp') return `${power(result)} ${activePower(result)}`;
  if (path === 'chip.idle_power') return power(result);
  if (path.startsWith('chip.energy'))
    return `Energy ${formatJoules(result.energy.joulesPerOutputToken)} per output token; average power ${formatWatts(result.power.watts)} per chip.`;
  if (path.startsWith('cost.'))
    return `${formatUsd(result.cost.usdPerMillionOutputTokens)} per million output tokens, ${formatUsd(result.cost.usdPerResponse)} per response; ${result.cost.capitalKnown ? `capital is ${formatPercent(result.cost.capitalShare)} of it` : ELECTRICITY_ONLY}.`;
  if (path === 'workload.batch') return batch(result);
  if (path === 'workload.prompt')
    return `Time to first token ${formatMs(result.prefill.ms)} (prefill of the whole batch's prompts, ${boundBy(result.phases.prefill)}).`;
  if (path === 'workload.output')
    return result.decodeSteps === 0
      ? `A response takes ${formatMs(result.response.ms)}, its prefill: one output token runs no decode step (a second would take ${formatMs(result.decode.msPerToken)}).`
      : `A response takes ${formatMs(result.response.ms)}: prefill ${formatMs(result.prefill.ms)} plus ${result.decodeSteps} decode steps at ${formatMs(result.decode.msPerToken)} each.`;
  if (path.startsWith('workload.precision'))
    return `Weights ${formatBytes(result.memory.weightsBytes)}, KV cache ${formatBytes(result.memory.kvCacheBytes)} in all; the matrix units compute in ${result.chip.computeDtype}.`;
  if (path.startsWith('serving')) return servingNow(result);
  if (path.startsWith('fleet')) return fleetNow(result);
  if (path.startsWith('workload.model'))
    return `Decode ${formatMs(result.decode.msPerToken)} per token, ${boundBy(result.phases.decode)}; weights ${formatBytes(result.memory.weightsBytes)}.`;
  return undefined;
}

/** The die and the price in the report's words (its metrics and area breakdown), with the modelled price's parts. */
function silicon(result: EvaluationResult): string {
  const s = result.silicon;
  if (!s)
    return `No chip price: \`cost.chip_price\` is not given and the die cannot be modelled without \`chip.process\`; cost counts ${ELECTRICITY_ONLY}.`;
  const area = metricOf('silicon.dieAreaMm2', result);
  const price = metricOf('silicon.chipPriceUsd', result)!;
  const largest = [...areaBreakdown(s)]
    .sort((a, b) => b.value - a.value)
    .slice(0, 2)
    .map((c) => `${c.label} ${c.shareText}`)
    .join(', ');
  // Each range beside its own value, as the report's tables print it.
  const ranged = (m: { text: string; range?: { text: string } }) => `${m.text}${m.range ? ` [${m.range.text}]` : ''}`;
  const die = area
    ? `Die ${ranged(area)}${area.note ? ` at ${area.note}` : ''}, largest parts ${largest}. `
    : 'The die is not modelled (no `chip.process`). ';
  const p = s.price;
  const parts = p
    ? `${builtOfText(p)}, then margin ${formatUsd(p.marginUsd)}${p.nreUsd > 0 ? `, design ${formatUsd(p.nreUsd)} (\`nre\` over \`volume\`)` : ''} and server share ${formatUsd(p.systemUsd)}${atHostFloor(p) ? ' (its slot in a host server, `host_per_chip`)' : ''}`
    : '';
  // The modelled price beside a price that is not it (a given one, or a preset's scaled to this die).
  const modelled = modelledPriceApart(s) ? metricOf('silicon.modelledPriceUsd', result) : undefined;
  const how = !parts ? '' : modelled ? `; modelled ${ranged(modelled)} = ${parts}` : s.priceSource === 'modelled' ? `: ${parts}` : '';
  const rangeNote = area?.range?.basis ? ` Ranges: ${area.range.basis}.` : '';
  return `${die}${price.label} ${ranged(price)} (${price.note})${how}.${rangeNote}`;
}

function resourceShare(resource: Bottleneck, result: EvaluationResult): string {
  const decode = share(result.phases.decode, resource);
  const prefill = share(result.phases.prefill, resource);
  const bound =
    result.decode.bottleneck === resource
      ? `Decode is ${resource}-bound`
      : `Decode is ${result.decode.bottleneck}-bound, not ${resource}-bound`;
  if (resource === 'interconnect') {
    // The collectives' link time and their software start-up, as the collective check counts
    // them: an all-reduce whose start-up outweighs its hops is overhead-bound, so the
    // interconnect's bottleneck share alone reads 0 % while the all-reduces take most of a step.
    const d = collectiveTime(result.phases.decode);
    const p = collectiveTime(result.phases.prefill);
    if (d.linkShare + d.startupShare === 0 && p.linkShare + p.startupShare === 0)
      return `${bound}: no chip-to-chip communication in this layout.`;
    // Overhead-bound yet the all-reduces take most of the step read as a contradiction (a
    // workbench review): their start-up is software, counted as overhead, not link time.
    const why =
      result.decode.bottleneck === 'overhead' && d.startupShare > d.linkShare ? ', their start-up counted as overhead, not link time' : '';
    return `${bound}: the chip-to-chip all-reduces take ${formatPercent(d.linkShare + d.startupShare)} of the decode step (${formatPercent(d.linkShare)} on the links, ${formatPercent(d.startupShare)} in start-up and dispatch${why}) and ${formatPercent(p.linkShare + p.startupShare)} of prefill.`;
  }
  return `${bound}: ${RESOURCE_NOUN[resource]} limits ${formatPercent(decode)} of the decode step time and ${formatPercent(prefill)} of prefill.`;
}

/** Fraction of the phase's time spent limited by `resource`. */
function share(phase: PhaseResult, resource: Bottleneck): number {
  const total = Object.values(phase.secondsBy).reduce((a, b) => a + b, 0);
  return total > 0 ? phase.secondsBy[resource] / total : 0;
}

function boundBy(phase: PhaseResult): string {
  return `${phase.bottleneck}-bound`;
}

function capacity(result: EvaluationResult): string {
  const m = result.memory.perChip;
  const used = (m.weightsBytes + m.kvCacheBytes) / m.capacityBytes;
  const fits = result.memory.fits ? `${formatPercent(used)} used` : `does not fit (${formatPercent(used)} of capacity)`;
  return `Per chip: weights ${formatBytes(m.weightsBytes)} + KV cache ${formatBytes(m.kvCacheBytes)} of ${formatBytes(m.capacityBytes)}, ${fits}; the largest batch that fits is ${formatCount(result.memory.maxBatch)}.`;
}

function power(result: EvaluationResult): string {
  const p = result.power;
  if (p.throttled)
    return `Average power would be ${formatWatts(p.unthrottledWatts)} against a cap of ${formatWatts(p.tdpWatts)}: the clock is derated to ${formatPercent(p.clockScale)} (${formatQuantity(p.effectiveClockHz, 'frequency')}).`;
  return `Average power ${formatWatts(p.watts)} per chip while serving, ${formatPercent(p.watts / p.tdpWatts)} of the ${formatWatts(p.tdpWatts)} cap: not throttled.`;
}

/** What the chip draws above idle while busy, and whether the TDP sizes it (model/buildDesign.ts activePower). */
function activePower(result: EvaluationResult): string {
  const p = result.power;
  // Idle power not given is still a share of the TDP (13 %): a higher cap then costs energy
  // through it, which "a cap, not a size" alone would deny (a review's TDP sweep).
  const idleFollows =
    p.idleSource === 'share of TDP'
      ? ` The idle power, not given, is still ${formatPercent(IDLE_SHARE_OF_TDP)} of the TDP: write \`chip.idle_power\` and the energy no longer moves with the cap.`
      : '';
  return p.activeSource === 'datapath'
    ? `Busy, it draws ${formatWatts(p.activeWatts)} above idle (clock tree, control and issue logic, per cycle): 3/7 of its matrix units' peak switching power, so the TDP caps it and does not size it.${idleFollows}`
    : `Busy, it draws ${formatWatts(p.activeWatts)} above idle, ${formatPercent(ACTIVE_SHARE_OF_HEADROOM)} of TDP − idle: without \`chip.process\` there is no modelled die for it to come from, so the stated TDP sizes it. With a process it follows the silicon (3/7 of the matrix units' peak switching power).`;
}

function batch(result: EvaluationResult): string {
  return `${formatTokensPerSecond(result.throughput.outputTokensPerSecond)} of output over the system at ${formatMs(result.decode.msPerToken)} per token; the largest batch that fits in memory is ${formatCount(result.memory.maxBatch)}.`;
}

/** " [212 ms–8.71 s]": a serving or fleet figure's range (model/serving/servingRanges.ts), when it has one, bracketed as the lenses, views and CLI bracket it. */
function within(result: EvaluationResult, id: ServingRangeMetric, format: (x: number) => string): string {
  const r = result.ranges?.[id];
  return r ? ` [${format(r[0])}–${format(r[1])}]` : '';
}

/** Said once after the serving or fleet figures that have ranges. */
const SERVING_RANGES_ARE = ' In brackets: every step at both ends of its 80 % range (the simulation’s own error is not in it).';

function servingNow(result: EvaluationResult): string | undefined {
  const s = result.serving;
  if (!s) return undefined;
  const perSecond = (x: number) => significant(x);
  // A search the editor's time budget cut found a rate that holds, not the highest one.
  const seen = s.maxRateAtSlo ?? s.maxRateBracket?.[0];
  const cut = " the editor's time budget cut the search for the highest rate short: `jalapeno eval` runs it in full";
  const holds = !s.slo
    ? undefined
    : !s.searchTruncated
      ? s.maxRateAtSlo !== undefined &&
        `The SLO holds up to ${significant(s.maxRateAtSlo)}${within(result, 'serving.maxRateAtSlo', perSecond)} requests/s (Poisson)`
      : seen
        ? `The SLO holds at ${significant(seen)} requests/s (Poisson);${cut}`
        : `No rate was yet seen to meet the SLO;${cut}`;
  const edge = sloEdgeNote(result);
  const slo = holds
    ? ` ${holds}. Of the requests simulated here, ${formatAttainment(s.sloAttainment ?? 0)} meet it${edge ? `: ${edge}` : ''}.`
    : '';
  const ranged = result.ranges?.['serving.ttftMs.p99'] ? SERVING_RANGES_ARE : '';
  return `One instance: TTFT p50 ${formatMs(s.ttftMs.p50)} / p99 ${formatMs(s.ttftMs.p99)}${within(result, 'serving.ttftMs.p99', formatMs)}, TPOT p50 ${formatMs(s.tpotMs.p50)} / p99 ${formatMs(s.tpotMs.p99)}${within(result, 'serving.tpotMs.p99', formatMs)}, ${significant(s.requestsPerSecond)} requests/s, ${significant(s.meanBatch)} sequences per step on average (saturates at ${significant(s.saturationRequestsPerSecond)}${within(result, 'serving.saturationRequestsPerSecond', perSecond)} requests/s).${slo}${ranged}`;
}

function fleetNow(result: EvaluationResult): string | undefined {
  const f = result.fleet;
  if (!f) return undefined;
  const ranged = result.ranges?.['fleet.replicas'] ? SERVING_RANGES_ARE : '';
  // Replicas are sized at the highest rate within the SLO: a cut search under-reads it.
  const cut = result.serving?.searchTruncated
    ? " Sized at the rate the editor's cut search saw the SLO hold, not the highest: `jalapeno eval` may need fewer replicas."
    : '';
  // Every figure with the range the CodeLens and the views give it (the standby and the chips had none here).
  const count = (x: number) => Math.round(x).toLocaleString('en-US');
  return `${f.replicas}${within(result, 'fleet.replicas', count)} replicas${f.standbyReplicas ? ` + ${f.standbyReplicas}${within(result, 'fleet.standbyReplicas', count)} standby` : ''}, ${count(f.chips)}${within(result, 'fleet.chips', count)} chips, ${formatWatts(f.watts)}${within(result, 'fleet.watts', formatWatts)} at ${significant(f.averageRatePerSecond)} requests/s; ${formatUsd(f.usdPerMillionOutputTokens)}${within(result, 'fleet.usdPerMillionOutputTokens', formatUsd)} per million output tokens, ${formatUsd(f.usdPerHour)}${within(result, 'fleet.usdPerHour', formatUsd)} per hour.${ranged}${cut}`;
}
