// Disaggregated serving (Splitwise, DistServe): a prefill pool computes each prompt's KV
// cache and first token, the cache crosses the link to a decode pool, which generates the
// rest. The traffic only flows forward, so the pools are simulated one after the other
// with the same simulator: the prefill pool on requests of one output token, then the
// decode pool on requests that arrive prefilled when their KV cache lands. Requests are
// assigned to replicas round-robin (in arrival order, then in KV-arrival order).

import type { DesignPoint } from '../design';
import { kvBytesPerSequenceToken } from '../engine/memoryFootprint';
import { attainment, kvCacheTokens } from './evaluateServing';
import { drawLength, expectedOutputTokens, maxLength } from './lengths';
import { SeededRandom } from './random';
import { simulate, type SimulationBound, type SimulationOutcome } from './simulate';
import { sortedFinite, summarise } from './statistics';
import { StepTimer, type StepScale } from './stepTimer';
import { traceMax } from './trace';
import { poolUsdPerSecond } from './fleet';
import { STABLE_SHARE, type DisaggregatedPool, type DisaggregatedResult, type ServingSpec, type TraceRequest } from './types';

/** Step-time factors of each pool (serving ranges: every step at an end of its design's range). */
export interface PoolScales {
  prefill: StepScale;
  decode: StepScale;
}

/** A 400 Gb/s network port per chip (NVIDIA DGX H100: eight ConnectX-7 400 Gb/s ports for 8 GPUs). */
export const NETWORK_BYTES_PER_SECOND_PER_CHIP = 400e9 / 8;

/**
 * Whether the pools, all of one design, fit in one scale-up domain of its link: the chips of
 * every prefill and decode replica within `chip.link.domain` (unstated: assumed, and said so).
 */
export function poolsShareScaleUp(design: DesignPoint, pools: { prefillReplicas: number; decodeReplicas: number }): boolean {
  const domain = design.hardware.link.domainChips;
  return domain === undefined || (pools.prefillReplicas + pools.decodeReplicas) * design.system.chips <= domain;
}

/**
 * The KV transfer's bandwidth when `kv_transfer` is not given. Each chip sends its shard of
 * the cache over its own port and the slower pool sets the pace: pools of one design within one
 * scale-up domain over its scale-up link; pools of two designs (a GPU prefill pool beside an ASIC
 * decode pool), or pools beyond the link's domain (an operator's review: three 8-GPU servers
 * moved their caches over NVLink), over a network port per chip.
 */
export function defaultKvTransferBytesPerSecond(
  prefillDesign: DesignPoint,
  decodeDesign: DesignPoint,
  pools: { prefillReplicas: number; decodeReplicas: number },
): number {
  if (prefillDesign !== decodeDesign || !poolsShareScaleUp(decodeDesign, pools))
    return NETWORK_BYTES_PER_SECOND_PER_CHIP * Math.min(prefillDesign.system.chips, decodeDesign.system.chips);
  return decodeDesign.hardware.link.bandwidthBytesPerSecond * decodeDesign.system.chips;
}

export function simulateDisaggregated(
  spec: ServingSpec,
  decodeDesign: DesignPoint,
  prefillDesign: DesignPoint,
  bound: SimulationBound = {},
  scales?: PoolScales,
): DisaggregatedResult | undefined {
  const d = spec.disaggregated;
  if (!d || spec.arrivals.kind === 'closed') return undefined;
  const requests = requestStream(spec);
  const warmup = spec.arrivals.kind === 'trace' ? 0 : spec.warmupRequests;
  const measured = spec.arrivals.kind === 'trace' ? requests.length : spec.requests;

  const bandwidth = d.kvTransferBytesPerSecond ?? defaultKvTransferBytesPerSecond(prefillDesign, decodeDesign, d);
  const latency = Math.max(prefillDesign.hardware.link.latencySeconds, decodeDesign.hardware.link.latencySeconds);
  const kvPerToken = kvBytesPerSequenceToken(decodeDesign.workload.model, decodeDesign.workload.precision);

  // The prefill pool: one output token each.
  const firstToken = new Float64Array(requests.length).fill(NaN);
  const prefillRuns = pool(
    d.prefillReplicas,
    requests.map((r, j) => ({ ...r, outputTokens: 1, j })),
    prefillDesign,
    spec,
    bound,
    scales?.prefill,
  );
  for (const run of prefillRuns)
    run.ids.forEach((j, k) => {
      firstToken[j] = requests[j]!.arrivalSeconds + run.outcome.e2e[k]!;
    });

  // The KV cache crosses the link; the decode pool takes over with the first token done. Each
  // prefill instance sends over its own `kv_transfer` bandwidth, one cache after another: a
  // transfer waits for the one before it. As a fixed delay per request, 0.1 GB/s moved 10
  // requests/s of 165 MB each (1.65 GB/s) with no queue. The receiving decode instances' links
  // are not modelled as a second queue (each receives from every prefill instance).
  const transfer = new Float64Array(requests.length).fill(NaN);
  for (const run of prefillRuns) {
    const sent = run.ids.filter((j) => Number.isFinite(firstToken[j]!)).sort((a, b) => firstToken[a]! - firstToken[b]!);
    let linkFree = -Infinity;
    for (const j of sent) {
      const done = Math.max(firstToken[j]!, linkFree) + (requests[j]!.promptTokens * kvPerToken) / bandwidth;
      linkFree = done;
      transfer[j] = done + latency - firstToken[j]!;
    }
  }
  const ready = requests
    .map((r, j) => ({ ...r, arrivalSeconds: firstToken[j]! + transfer[j]!, prefilled: true, j }))
    .filter((r) => Number.isFinite(r.arrivalSeconds))
    .sort((a, b) => a.arrivalSeconds - b.arrivalSeconds);
  const finish = new Float64Array(requests.length).fill(NaN);
  const decodeRuns = pool(d.decodeReplicas, ready, decodeDesign, spec, bound, scales?.decode);
  for (const run of decodeRuns)
    run.ids.forEach((j, k) => {
      finish[j] = requests[j]!.arrivalSeconds + (run.ready[k]! - requests[j]!.arrivalSeconds) + run.outcome.e2e[k]!;
    });

  let meanPromptTokens = 0;
  for (let k = 0; k < measured; k++) meanPromptTokens += requests[warmup + k]!.promptTokens / measured;
  const ttft = new Float64Array(measured);
  const e2e = new Float64Array(measured);
  const tpot = new Float64Array(measured);
  let start = Infinity;
  let end = -Infinity;
  for (let k = 0; k < measured; k++) {
    const j = warmup + k;
    const r = requests[j]!;
    ttft[k] = firstToken[j]! - r.arrivalSeconds;
    e2e[k] = (r.outputTokens > 1 ? finish[j]! : firstToken[j]!) - r.arrivalSeconds;
    tpot[k] = r.outputTokens > 1 ? (e2e[k]! - ttft[k]!) / (r.outputTokens - 1) : NaN;
    start = Math.min(start, r.arrivalSeconds);
    end = Math.max(end, r.arrivalSeconds);
  }
  let window = Math.max(1e-12, end - start);
  const doneAt = (j: number) => (requests[j]!.outputTokens > 1 ? finish[j]! : firstToken[j]!);
  let completed = 0;
  let tokens = 0;
  for (let j = 0; j < requests.length; j++) {
    const done = doneAt(j);
    if (done >= start && done < end) {
      completed++;
      tokens += requests[j]!.outputTokens;
    }
  }
  // Requests completed in the window against those that arrived in it: a pool that cannot
  // keep up leaves a queue that grows with the run, so its latencies measure the run.
  const overloaded = completed < STABLE_SHARE * (measured - 1);
  // Overloaded, the pools serve at their capacity: the rate of completions while the queue is
  // full, between the tenth and the ninetieth percentile of the measured completion times (before
  // them the decode pool fills behind the prefill pool, after them the last batch drains). Counted
  // within the arrival window, the served rate fell as more was offered (33 /s at 40 /s offered,
  // 1.5 /s at 1,000 /s: the arrivals' window shrank while the pools' capacity stayed), and a batch
  // arriving at once served 0 /s.
  // Arrivals that span no time (one request, or a batch arriving at once) give no window either:
  // then every completion from the first arrival on.
  if (overloaded || !(end > start)) {
    const done = Array.from({ length: measured }, (_, k) => warmup + k)
      .filter((j) => Number.isFinite(doneAt(j)))
      .sort((a, b) => doneAt(a) - doneAt(b));
    const first = Math.floor(done.length * 0.1);
    const last = Math.ceil(done.length * 0.9) - 1;
    const span = last > first ? doneAt(done[last]!) - doneAt(done[first]!) : 0;
    // Completions bunched in one step (10 requests decoded together) span no time either.
    const whole = !(span > 0);
    const counted = whole ? done : done.slice(first + 1, last + 1);
    completed = counted.length;
    tokens = counted.reduce((sum, j) => sum + requests[j]!.outputTokens, 0);
    window = whole ? (done.length ? doneAt(done[done.length - 1]!) - start : 0) : span;
    if (!(window > 0)) window = Number.POSITIVE_INFINITY;
  }
  const meanBatch = (runs: ReturnType<typeof pool>) => runs.reduce((sum, r) => sum + r.outcome.meanBatch, 0) / Math.max(1, runs.length);
  const outcome = { ttft, e2e, tpot, measured } as unknown as SimulationOutcome;
  const prefillWatts = poolWatts(prefillRuns, d.prefillReplicas, prefillDesign);
  const decodeWatts = poolWatts(decodeRuns, d.decodeReplicas, decodeDesign);
  const prefillChips = d.prefillReplicas * prefillDesign.system.chips;
  const decodeChips = d.decodeReplicas * decodeDesign.system.chips;
  const usdPerSecond =
    poolUsdPerSecond(prefillDesign, prefillChips, prefillWatts) + poolUsdPerSecond(decodeDesign, decodeChips, decodeWatts);
  const outputTokensPerSecond = tokens / window;
  return {
    ttftMs: summarise(sortedFinite(ttft), 1e3),
    tpotMs: summarise(sortedFinite(tpot), 1e3),
    e2eMs: summarise(sortedFinite(e2e), 1e3),
    requestsPerSecond: completed / window,
    outputTokensPerSecond,
    kvTransferMs: meanFinite(transfer) * 1e3,
    kvTransferCapacityRequestsPerSecond: (d.prefillReplicas * bandwidth) / (meanPromptTokens * kvPerToken),
    chips: prefillChips + decodeChips,
    prefill: {
      design: prefillDesign.name,
      replicas: d.prefillReplicas,
      chips: prefillChips,
      meanBatch: meanBatch(prefillRuns),
      watts: prefillWatts,
      ...poolPrice(prefillDesign),
    },
    decode: {
      design: decodeDesign.name,
      replicas: d.decodeReplicas,
      chips: decodeChips,
      meanBatch: meanBatch(decodeRuns),
      watts: decodeWatts,
      ...poolPrice(decodeDesign),
    },
    watts: prefillWatts + decodeWatts,
    // Per token of the traffic's expected output, as the fleet's cost is, not the run's sample
    // mean (an operator's review: the two rows of one table divided by 242.6 and 248.2 tokens).
    usdPerMillionOutputTokens: completed / window > 0 ? (usdPerSecond / ((completed / window) * expectedOutputTokens(spec))) * 1e6 : 0,
    usdPerHour: usdPerSecond * 3600,
    capitalKnown: prefillDesign.economics.priceSource !== 'unknown' && decodeDesign.economics.priceSource !== 'unknown',
    ...(spec.slo ? { sloAttainment: attainment(outcome, spec) } : {}),
    ...(overloaded ? { overloaded: true as const } : {}),
    ...([...prefillRuns, ...decodeRuns].some((r) => r.outcome.truncated) ? { truncated: true as const } : {}),
    rejected: ttft.reduce((n, v, k) => n + (Number.isFinite(v) && Number.isFinite(e2e[k]!) ? 0 : 1), 0),
    measuredRequests: measured,
  };
}

/**
 * A pool's chip power at the traffic it was given, before PUE: each replica that ran requests at
 * its idle power plus its steps' energy over its run (as an instance's `wattsPerChip`), a replica
 * given none at idle.
 */
function poolWatts(runs: ReturnType<typeof pool>, replicas: number, design: DesignPoint): number {
  const idle = design.hardware.idlePowerWatts;
  const running = runs.reduce((sum, r) => {
    const window = r.outcome.windowEnd - r.outcome.windowStart;
    return sum + idle + (window > 0 ? r.outcome.dynamicJoulesInWindow / window : 0);
  }, 0);
  return design.system.chips * (running + (replicas - runs.length) * idle);
}

/** The mean of the finite values (a request the prefill pool could not run has no transfer), 0 for none. */
function meanFinite(xs: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (const x of xs)
    if (Number.isFinite(x)) {
      sum += x;
      n++;
    }
  return n ? sum / n : 0;
}

/** The requests of the configured traffic, warm-up and a tail after the measured ones included. */
function requestStream(spec: ServingSpec): TraceRequest[] {
  if (spec.arrivals.kind === 'trace') return spec.arrivals.requests.map((r) => ({ ...r }));
  const rate = spec.arrivals.kind === 'poisson' ? spec.arrivals.ratePerSecond : 1;
  const rng = new SeededRandom(spec.seed);
  const total = spec.warmupRequests + spec.requests + Math.ceil(spec.requests / 10);
  const out: TraceRequest[] = [];
  let t = 0;
  for (let i = 0; i < total; i++) {
    t += rng.exponential(1 / rate);
    out.push({ arrivalSeconds: t, promptTokens: drawLength(spec.prompt, rng), outputTokens: drawLength(spec.output, rng) });
  }
  return out;
}

/** Round-robin over `replicas` instances of `design`, each simulated on its share. */
function pool(
  replicas: number,
  requests: (TraceRequest & { j: number })[],
  design: DesignPoint,
  spec: ServingSpec,
  bound: SimulationBound,
  scale: StepScale | undefined,
) {
  const kvBlocks = Math.floor(kvCacheTokens(design, spec) / spec.blockTokens);
  const longest = requests.length
    ? traceMax(requests, 'promptTokens') + traceMax(requests, 'outputTokens')
    : maxLength(spec.prompt) + maxLength(spec.output);
  const timer = new StepTimer(design, Math.max(2, Math.min(longest, kvBlocks * spec.blockTokens)), scale);
  const runs: { ids: number[]; ready: number[]; outcome: SimulationOutcome }[] = [];
  for (let r = 0; r < replicas; r++) {
    const share = requests.filter((_, k) => k % replicas === r);
    if (!share.length) continue;
    const own: ServingSpec = {
      ...spec,
      arrivals: { kind: 'trace', requests: share },
      prompt: { kind: 'trace' },
      output: { kind: 'trace' },
      requests: share.length,
      warmupRequests: 0,
    };
    runs.push({ ids: share.map((x) => x.j), ready: share.map((x) => x.arrivalSeconds), outcome: simulate(own, timer, kvBlocks, bound) });
  }
  return runs;
}

/** A pool's price per chip and its origin, as the design's economics give them. */
function poolPrice(design: DesignPoint): Pick<DisaggregatedPool, 'chipPriceUsd' | 'priceSource' | 'pricePreset' | 'price'> {
  const e = design.economics;
  const m = design.silicon?.modelled;
  return {
    chipPriceUsd: e.chipPriceUsd,
    priceSource: e.priceSource,
    ...(e.pricePreset ? { pricePreset: e.pricePreset } : {}),
    ...(e.priceSource === 'modelled' && m ? { price: { costUsd: m.costUsd, marginUsd: m.marginUsd, nreUsd: m.nreUsd } } : {}),
  };
}
