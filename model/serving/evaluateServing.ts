// One model instance under a serving spec: the simulation of the configured traffic, the
// instance's saturation throughput, the highest Poisson rate that meets the SLO (a
// bisection over simulated rates) and latency against load for the Serving view.

import type { DesignPoint } from '../design';
import { footprint } from '../engine/memoryFootprint';
import { storageCapacityBytes } from '../engine/residency';
import { longLength, maxLength, meanLength } from './lengths';
import { simulate, type SimulationOptions, type SimulationOutcome } from './simulate';
import { histogram, percentile, sortedFinite, summarise } from './statistics';
import { StepTimer, type StepScale } from './stepTimer';
import { recalled, remember, servingMemoKey } from './servingMemo';
import { traceMax } from './trace';
import { STABLE_SHARE, type LoadPoint, type ServingResult, type ServingSpec } from './types';

export interface ServingOptions {
  /** Wall-clock budget of the searches (max rate, load curve): past it they stop with what they have. */
  budgetMs?: number;
  /** Polled between simulations: true stops the analysis (the editor cancels a stale one). */
  cancelled?: () => boolean;
  /** At most this many measured requests per simulation (a quick look: fuzzing, previews). */
  requestsCap?: number;
  /** Step times scaled (the serving ranges' ends); absent: the model's. */
  stepScale?: StepScale;
  /** false: no serving and fleet ranges (two more simulations per design; sweeps do without them). */
  ranges?: boolean;
}

/** The max-rate search brackets the rate to this share of saturation. */
const SEARCH_RESOLUTION = 1 / 256;
/** The lowest share of saturation the search tries: below it, no request practically waits for another (1/16⁴ of 1/256). */
export const TRICKLE_SHARE = SEARCH_RESOLUTION / 16 ** 4;
/**
 * A search the time budget cut reports the rate it last met only when the bracket is this
 * tight (as a share of saturation): cut after one probe, the editor showed 0.86 requests/s
 * at the SLO where the full search finds 8.85, and sized the fleet 8x too large from it.
 */
const SHOWN_BRACKET = 1 / 32;
/** Requests of the closed loop that measures the saturation throughput, and the fewest measured in a search or load-curve run. */
const SATURATION_REQUESTS = 1000;
/**
 * Lifetimes of the longest request that a search or load-curve run spends warming up, and
 * then measuring. A batch reaches its steady mix only once the longest requests have come and
 * gone: in the fleet example (Llama-3-70B, lognormal outputs up to 2,048 tokens, about 90 s at
 * 8 requests/s; measured with prompts up to 8,192 tokens) a p99 TPOT read 46.6 ms over 1,000
 * requests, 57.8 over 4,000 and 55.4 over 16,000. One and two lifetimes found about the same
 * highest rate at the SLO as two and four (7.61 and 7.57 /s, where 1,000 requests found 8.34).
 * The example as it stands finds 7.61 /s, and 16,000 requests at it hold the SLO (p99 TPOT
 * 49.4 ms of 50).
 */
const SETTLE_WARMUP_LIFETIMES = 1;
const SETTLE_MEASURED_LIFETIMES = 2;
/**
 * Requests a search or load-curve run measures beyond the SLO's percentile, at least: a p99 read
 * from 12 tail requests is one seed's luck. Llama-3-70B in FP8 on 8 H100s under vLLM (lognormal
 * outputs up to 1,000 tokens, p99 TTFT ≤ 2 s and TPOT ≤ 60 ms, an operator's review): its runs
 * of two lifetimes measured about 1,200 requests, and seeds 1 to 5 found 10.44, 9.24, 10.17, 9.88
 * and 10.41 requests/s (mean 10.03), where 16,000-request runs cross the TPOT target near 9.7 (p99
 * TPOT 54.3, 57.6, 54.8 ms at 9.5 /s; 61.4, 65.2, 62.4 at 10 /s; seeds 1 to 3). With 40 beyond the
 * p99 (4,000 measured): 9.80, 9.67, 10.25, 9.35, 9.80 (mean 9.77), for 30 % more time; with 100,
 * mean 9.86 for twice the time. The fleet example, whose runs were long already, moves 1 % (its
 * `eval` 8.05 -> 8.43 s). A run still measures at most 10,000 requests (MAX_SEARCH_REQUESTS): a
 * p99.9 is read from 10 beyond it, a p99.99 from 1, where the search is as noisy as before.
 */
const TAIL_REQUESTS = 40;
/** Most requests of one search or load-curve run, warm-up included: bounds its time (about 0.15 s per 10,000). */
const MAX_SEARCH_REQUESTS = 15_000;

/**
 * How many requests a search or load-curve run warms up on and then measures: `lifetimes` of
 * the longest request at its rate, at least SATURATION_REQUESTS and TAIL_REQUESTS beyond the
 * SLO's percentile, at most MAX_SEARCH_REQUESTS in all.
 */
export function searchRunLength(lifetimes: number, sloPercentile: number | undefined): { requests: number; warmupRequests: number } {
  const tailRequests = sloPercentile === undefined ? 0 : Math.ceil(TAIL_REQUESTS / (1 - sloPercentile / 100));
  const requests = Math.min(
    (2 * MAX_SEARCH_REQUESTS) / 3,
    Math.max(SATURATION_REQUESTS, Math.ceil(SETTLE_MEASURED_LIFETIMES * lifetimes), tailRequests),
  );
  const warmupRequests = Math.min(MAX_SEARCH_REQUESTS / 3, Math.ceil(SETTLE_WARMUP_LIFETIMES * lifetimes));
  return { requests, warmupRequests: Math.max(warmupRequests, Math.ceil(requests / 10)) };
}
/** Load-curve points, as shares of the saturation rate. */
const LOAD_SHARES = [0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.9, 0.95, 1.0];
/** Timeline points kept for the view. */
const TIMELINE_POINTS = 400;

export class ServingCancelled extends Error {
  constructor() {
    super('serving simulation cancelled');
    this.name = 'ServingCancelled';
  }
}

/** KV-cache capacity of one instance, in tokens: the memory the runtime may use, less the weights. */
export function kvCacheTokens(design: DesignPoint, spec: ServingSpec): number {
  const fp = footprint(design);
  const perToken = fp.kvBytesPerTokenPerChip;
  const free = storageCapacityBytes(design.hardware) * spec.memoryUtilization - fp.weightsBytesPerChip;
  return free > 0 && perToken > 0 ? Math.floor(free / perToken) : 0;
}

export async function evaluateServing(
  design: DesignPoint,
  fullSpec: ServingSpec,
  options: ServingOptions & ServingParts = {},
): Promise<ServingResult> {
  // The same design, traffic and parts as a recent save's: its result, not a second simulation.
  const key = servingMemoKey(design, fullSpec, [
    options.stepScale ?? null,
    options.requestsCap ?? null,
    options.maxRateSearch ?? true,
    options.loadCurve ?? true,
  ]);
  const known = recalled(key);
  if (known) return known;
  const started = now();
  // Between simulations the event loop runs (the editor keeps typing) and a cancelled
  // analysis stops.
  const steps = servingSteps(design, fullSpec, options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) {
      remember(key, step.value, options.budgetMs === undefined || now() - started <= options.budgetMs);
      return step.value;
    }
    await yieldToEventLoop();
    if (options.cancelled?.()) throw new ServingCancelled();
  }
}

/** What `evaluateServing` skips (exploration asks only for some figures): the simulations of the rest are not run. */
export interface ServingParts {
  /** The max-rate bisection (`maxRateAtSlo`); default true. */
  maxRateSearch?: boolean;
  /** The latency-against-load curve (`loadCurve`); default true. */
  loadCurve?: boolean;
}

/**
 * `evaluateServing` without yielding to the event loop: the same simulations in the same
 * order, so the same figures (exploration's worker threads evaluate points synchronously).
 * Parts left out are absent (`maxRateAtSlo`) or empty (`loadCurve`); the rest is unchanged,
 * every simulation being seeded on its own.
 */
export function evaluateServingSync(
  design: DesignPoint,
  fullSpec: ServingSpec,
  options: Omit<ServingOptions, 'cancelled'> & ServingParts = {},
): ServingResult {
  const steps = servingSteps(design, fullSpec, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The analysis as a generator that pauses before each simulation (the async driver yields there). */
function* servingSteps(
  design: DesignPoint,
  fullSpec: ServingSpec,
  options: ServingOptions & ServingParts,
): Generator<void, ServingResult, void> {
  const started = now();
  const spec = capRequests(fullSpec, options.requestsCap);
  const deadline = started + (options.budgetMs ?? Infinity);
  const kvTokens = kvCacheTokens(design, spec);
  const kvBlocks = Math.floor(kvTokens / spec.blockTokens);
  const trace = spec.arrivals.kind === 'trace' ? spec.arrivals.requests : undefined;
  const longest =
    (trace && spec.prompt.kind === 'trace' ? traceMax(trace, 'promptTokens') : maxLength(spec.prompt)) +
    (trace && spec.output.kind === 'trace' ? traceMax(trace, 'outputTokens') : maxLength(spec.output));
  const timer = new StepTimer(design, Math.max(2, Math.min(longest, kvTokens)), options.stepScale);
  const run = function* (o: SimulationOptions = {}): Generator<void, SimulationOutcome, void> {
    yield;
    return simulate(spec, timer, kvBlocks, { ...(Number.isFinite(deadline) ? { deadlineMs: deadline } : {}), ...o });
  };

  const main = yield* run();
  const stats = measure(main, design, spec);

  // Saturation: a closed loop that keeps the batch full — max_batch clients, or as many as
  // the KV cache can hold (half as many again to cover the spread of lengths): more would
  // only queue.
  const meanTokens =
    meanLength(spec.prompt.kind === 'trace' ? { kind: 'fixed', tokens: design.workload.promptTokens } : spec.prompt) +
    meanLength(spec.output.kind === 'trace' ? { kind: 'fixed', tokens: design.workload.outputTokens } : spec.output);
  const clients = Math.max(1, Math.min(spec.maxBatch, Math.ceil((1.5 * kvTokens) / meanTokens)));
  // Its length does not follow `serving.requests`: a short closed loop is still ringing from
  // its clients' common start, and the saturation must not depend on how long the main run is.
  const saturated = yield* run({ concurrency: clients, requests: Math.max(SATURATION_REQUESTS, 2 * clients), staggered: true });
  // The most the design was seen to serve: a run of the traffic itself that served more (its own
  // draws of lengths, shorter on average) proves that much (an operator's review: 11.76 requests/s
  // served beside "saturation 11.36" from a closed loop at the saturating concurrency).
  const saturation = Math.max(servedRequestsPerSecond(saturated), servedRequestsPerSecond(main));
  // The load curve and the max-rate search probe shares of the closed loop's rate alone: the main
  // run is the traffic shown, and what the fleet is sized on must not follow it (an operator's
  // review: 75 or 76 replicas as `serving.rate` moved between overloading rates).
  const closedLoop = servedRequestsPerSecond(saturated);
  const anchor = closedLoop > 0 ? closedLoop : saturation;

  // The search and load-curve runs follow the traffic, not `serving.requests`: the highest
  // rate at the SLO is a steady state's, and a short run measures an instance still filling up
  // (10 requests read 0.54 /s where 200 read 6.1 /s, and a trickle could fail the SLO that the
  // main run met at 5 /s). They span lifetimes of the longest request, as slow as at saturation.
  const longestOutput = trace && spec.output.kind === 'trace' ? traceMax(trace, 'outputTokens') : longLength(spec.output);
  const settleSeconds = longestLifetimeSeconds(saturated, longestOutput);
  const openLoop = (rate: number) => run({ poissonRate: rate, ...searchRunLength(rate * settleSeconds, spec.slo?.percentile) });

  let maxRateAtSlo: number | undefined;
  // The lowest rate the search saw miss the SLO (above maxRateAtSlo, by the search's resolution).
  let missedAt: number | undefined;
  let maxRateBracket: [number, number] | undefined;
  let maxRateBracketOpen = false;
  let searchTruncated = false;
  let maxRateAtCap = false;
  let sloAttainment: number | undefined;
  let sloPercentileMs: ServingResult['sloPercentileMs'];
  const slo = spec.slo;
  // A rate is met when the SLO percentile holds and the instance keeps up with it: past
  // saturation a finite run can end before its growing queue breaks the SLO. It keeps up with
  // what arrived: 1,000 Poisson arrivals come ±3 % faster or slower than the nominal rate, and
  // that noise, against a 5 % margin, is not the design's.
  const meets = (o: SimulationOutcome) =>
    slo !== undefined && meetsSlo(o, spec) && servedRequestsPerSecond(o) >= STABLE_SHARE * arrivedRequestsPerSecond(o);
  if (slo) {
    sloAttainment = attainment(main, spec);
    const p = slo.percentile;
    // As the SLO check reads them (sloPercentiles): a p99 that falls among rejected requests has no value.
    const at = sloPercentiles(main, p);
    const ms = (seconds: number) => (Number.isFinite(seconds) ? seconds * 1e3 : null);
    sloPercentileMs = { ttft: ms(at.ttft()), tpot: ms(at.tpot()), e2e: ms(at.e2e()) };
  }
  // A run the time budget stopped is not a miss: it says nothing about the SLO at its rate,
  // and the search ends there (cut, with what it bracketed so far).
  const cutShort = (o: SimulationOutcome) => o.truncated && now() > deadline;
  // The load curve first: its points bracket the max-rate search.
  const loadCurve: LoadPoint[] = [];
  for (const share of options.loadCurve === false ? [] : LOAD_SHARES) {
    if (now() > deadline) {
      searchTruncated = true;
      break;
    }
    const rate = anchor * share;
    if (!(rate > 0)) break;
    const o = yield* openLoop(rate);
    if (cutShort(o)) {
      searchTruncated = true;
      break;
    }
    const sorted = { ttft: sortedFinite(o.ttft), tpot: sortedFinite(o.tpot), e2e: sortedFinite(o.e2e) };
    loadCurve.push({
      ratePerSecond: rate,
      ttftMs: summarise(sorted.ttft, 1e3),
      tpotMs: summarise(sorted.tpot, 1e3),
      e2eMs: summarise(sorted.e2e, 1e3),
      requestsPerSecond: servedRequestsPerSecond(o),
      // Past 95 % of saturation no rate counts as met, as the max-rate search says (below):
      // there a finite run's queue has not yet grown to what a longer one would show.
      meetsSlo: slo ? share <= STABLE_SHARE && meets(o) : true,
    });
  }

  if (slo && options.maxRateSearch !== false) {
    // Latency grows with load, so the SLO holds below some rate and fails above it. Coarse: a
    // binary search over the load curve's shares of saturation (each run is the curve's own
    // when it ran: same rate, same seed), then a bisection to 1/256 of saturation between the
    // last share that meets the SLO and the next (or a trickle and the lowest share). Without
    // the curve (exploration, the range ends) the same probes give the same rate. At most 95 %
    // of saturation: nearer, the queue's random walk grows with the run however long it is
    // (Llama 3 8B on one H100 at saturation: p90 TTFT 201 ms over 2,000 requests, 738 over
    // 16,000; at 95 %, 121 over 16,000).
    const curve = new Map(loadCurve.map((p) => [p.ratePerSecond, p.meetsSlo]));
    // lo: the highest rate seen to meet the SLO (0: none); hi: the lowest seen to miss it.
    let lo = 0;
    let hi: number | undefined;
    let cut = false;
    const probe = function* (rate: number): Generator<void, void, void> {
      let met = curve.get(rate);
      if (met === undefined) {
        const o = now() > deadline ? undefined : yield* openLoop(rate);
        if (!o || cutShort(o)) {
          cut = true;
          return;
        }
        met = meets(o);
      }
      if (met) lo = Math.max(lo, rate);
      else hi = Math.min(hi ?? Infinity, rate);
    };
    const shares = LOAD_SHARES.filter((share) => share <= STABLE_SHARE);
    const at = (k: number) => anchor * shares[k]!;
    if (anchor > 0) {
      const last = shares.length - 1;
      yield* probe(at(last));
      if (!cut && hi !== undefined) {
        yield* probe(at(0));
        if (!cut && lo === 0) {
          // Down to a trickle, 16x at a time: a static scheduler's requests wait behind a batch
          // in flight as long as one arrives during it, so its SLO can hold only far below
          // saturation (Llama 3 8B on one H100, static: met at about 0.03 /s, not at 1/256 of
          // saturation, 0.18 /s, where the search stopped and reported 0).
          for (let share = SEARCH_RESOLUTION; !cut && lo === 0 && share >= TRICKLE_SHARE; share /= 16) yield* probe(anchor * share);
          // Not even a trickle meets it: 0, and nothing to bisect.
          if (!cut && lo === 0) hi = 0;
        } else {
          let [a, b] = [0, last];
          while (b - a > 1 && !cut) {
            const m = (a + b) >> 1;
            yield* probe(at(m));
            if (lo >= at(m)) a = m;
            else b = m;
          }
        }
      }
      // To 1/256 of saturation, or to 5 % of a rate found below that.
      while (!cut && hi !== undefined && hi - lo > Math.min(anchor * SEARCH_RESOLUTION, lo * 0.05)) yield* probe((lo + hi) / 2);
    }
    if (cut) {
      // What every run so far says, the load curve's too: the highest rate met, and the lowest
      // missed above it (none: nothing above was tried, and the bracket ends at the search's cap).
      for (const p of loadCurve) if (p.meetsSlo) lo = Math.max(lo, p.ratePerSecond);
      for (const p of loadCurve) if (!p.meetsSlo && p.ratePerSecond > lo) hi = Math.min(hi ?? Infinity, p.ratePerSecond);
      searchTruncated = true;
      maxRateBracket = [lo, hi ?? anchor * STABLE_SHARE];
      maxRateBracketOpen = hi === undefined;
    }
    maxRateAtSlo = cut && maxRateBracket![1] - lo > anchor * SHOWN_BRACKET ? undefined : lo;
    missedAt = hi;
    // Met at the search's highest probe: the queue's stability, not the SLO, stops it there.
    maxRateAtCap = !cut && anchor > 0 && lo >= at(shares.length - 1);
  }

  // An instance offered more than it serves runs at its saturation: its throughput, batch and
  // power are the saturated loop's. The main run's window spans its arrivals, which can be
  // shorter than one step (2,000 requests at 10⁶ /s arrive in 2 ms) and then held no step at all.
  // A design that serves nothing (every request rejected) is not overloaded: requests-rejected says why.
  const offered = offeredRequestsPerSecond(spec);
  const overloaded = saturation > 0 && (offered ?? 0) > saturation;
  const busy = overloaded ? measure(saturated, design, spec) : undefined;
  // A cut search or run, or an overloaded instance, is said otherwise: no edge to speak of there.
  const sloEdge =
    searchTruncated || overloaded || main.truncated ? undefined : edgeOfSlo(spec, maxRateAtSlo, missedAt, meetsSlo(main, spec));
  return {
    ...stats,
    ...(busy
      ? {
          requestsPerSecond: busy.requestsPerSecond,
          outputTokensPerSecond: busy.outputTokensPerSecond,
          meanBatch: busy.meanBatch,
          wattsPerChip: busy.wattsPerChip,
        }
      : {}),
    ...(sloAttainment !== undefined ? { sloAttainment } : {}),
    ...(maxRateAtSlo !== undefined ? { maxRateAtSlo } : {}),
    ...(maxRateAtCap ? { maxRateAtCap: true as const } : {}),
    ...(maxRateBracket ? { maxRateBracket, ...(maxRateBracketOpen ? { maxRateBracketUntried: true as const } : {}) } : {}),
    ...(sloPercentileMs ? { sloPercentileMs } : {}),
    ...(sloEdge ? { sloEdge } : {}),
    ...(slo
      ? {
          slo: {
            ...(slo.ttftSeconds !== undefined ? { ttftMs: slo.ttftSeconds * 1e3 } : {}),
            ...(slo.tpotSeconds !== undefined ? { tpotMs: slo.tpotSeconds * 1e3 } : {}),
            ...(slo.e2eSeconds !== undefined ? { e2eMs: slo.e2eSeconds * 1e3 } : {}),
            percentile: slo.percentile,
          },
        }
      : {}),
    saturationRequestsPerSecond: saturation,
    ...(offered !== undefined && Number.isFinite(offered) ? { offeredRequestsPerSecond: offered } : {}),
    ...(overloaded ? { overloaded: true as const } : {}),
    searchTruncated,
    engineEvaluations: timer.evaluations,
    kvCacheTokens: kvTokens,
    admission: spec.admission,
    loadCurve,
  };
}

/**
 * Where the run at the offered Poisson rate and the max-rate search disagree about that rate
 * (ServingResult.sloEdge).
 */
function edgeOfSlo(
  spec: ServingSpec,
  maxRateAtSlo: number | undefined,
  missedAt: number | undefined,
  mainMet: boolean,
): ServingResult['sloEdge'] {
  if (spec.arrivals.kind !== 'poisson' || maxRateAtSlo === undefined || !spec.slo) return undefined;
  const offeredPerSecond = spec.arrivals.ratePerSecond;
  // Between the highest rate met and the lowest missed the search did not look: no disagreement there.
  if (mainMet && missedAt !== undefined && offeredPerSecond >= missedAt) return { offeredPerSecond, run: 'met' };
  if (!mainMet && offeredPerSecond <= maxRateAtSlo) return { offeredPerSecond, run: 'missed' };
  return undefined;
}

/**
 * The mean rate an open loop offers: a Poisson rate, or a trace's requests over the span of
 * its arrivals; unbounded for a trace whose requests all arrive at once (an offline batch,
 * served at saturation: its arrivals span no time, so a window over them held no step, and the
 * served rate read 0). Undefined for a closed loop, whose rate follows the server, and for a
 * trace of one request.
 */
export function offeredRequestsPerSecond(spec: ServingSpec): number | undefined {
  if (spec.arrivals.kind === 'poisson') return spec.arrivals.ratePerSecond;
  if (spec.arrivals.kind !== 'trace') return undefined;
  const r = spec.arrivals.requests;
  if (r.length < 2) return undefined;
  const span = r[r.length - 1]!.arrivalSeconds - r[0]!.arrivalSeconds;
  return span > 0 ? (r.length - 1) / span : Number.POSITIVE_INFINITY;
}

/** The spec with at most `cap` measured requests (a trace keeps its first `cap`). */
export function capRequests(spec: ServingSpec, cap: number | undefined): ServingSpec {
  if (cap === undefined || spec.requests <= cap) return spec;
  const arrivals =
    spec.arrivals.kind === 'trace' ? { kind: 'trace' as const, requests: spec.arrivals.requests.slice(0, cap) } : spec.arrivals;
  return { ...spec, arrivals, requests: cap, warmupRequests: Math.min(spec.warmupRequests, Math.ceil(cap / 10)) };
}

/**
 * Requests served per second: the output tokens the steps of the window produce, over the
 * window, in requests of the measured mean length. Counting completions in the window of
 * the measured arrivals would miss the requests still in flight at its end (about one
 * request lifetime's worth: 4.27 of 20 requests/s when 300 requests of a 14 s lifetime were
 * simulated); tokens are produced throughout a request's life, so their rate is the
 * steady state's once the warm-up has filled the instance.
 */
export function servedRequestsPerSecond(o: SimulationOutcome): number {
  const window = o.windowEnd - o.windowStart;
  if (!(window > 0) || o.measured === 0) return 0;
  let outputSum = 0;
  for (let i = 0; i < o.measured; i++) outputSum += o.outputTokens[i]!;
  return outputSum > 0 ? o.outputTokensInWindow / window / (outputSum / o.measured) : 0;
}

/**
 * How long the longest request lives at the closed loop's full batch: its TTFT there plus its
 * output at the loop's mean time per token (0 when nothing finished).
 */
function longestLifetimeSeconds(saturated: SimulationOutcome, longestOutput: number): number {
  const tpot = sortedFinite(saturated.tpot);
  const ttft = sortedFinite(saturated.ttft);
  if (!tpot.length || !ttft.length) return 0;
  const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return percentile(ttft, 50) + longestOutput * mean(tpot);
}

/** Requests that arrived per second over the window: its gaps between measured arrivals. */
export function arrivedRequestsPerSecond(o: SimulationOutcome): number {
  const window = o.windowEnd - o.windowStart;
  return window > 0 && o.measured > 1 ? (o.measured - 1) / window : 0;
}

/** The contract's figures of one simulation. */
export function measure(o: SimulationOutcome, design: DesignPoint, spec: ServingSpec) {
  const ttft = sortedFinite(o.ttft);
  const tpot = sortedFinite(o.tpot);
  const e2e = sortedFinite(o.e2e);
  const window = Math.max(1e-12, o.windowEnd - o.windowStart);
  let promptSum = 0;
  let outputSum = 0;
  for (let i = 0; i < o.measured; i++) {
    promptSum += o.promptTokens[i]!;
    outputSum += o.outputTokens[i]!;
  }
  return {
    ttftMs: summarise(ttft, 1e3),
    tpotMs: summarise(tpot, 1e3),
    e2eMs: summarise(e2e, 1e3),
    requestsPerSecond: servedRequestsPerSecond(o),
    outputTokensPerSecond: o.outputTokensInWindow / window,
    meanBatch: o.meanBatch,
    // Dynamic energy is averaged over the system's chips (pipeline stages share a step).
    wattsPerChip: design.hardware.idlePowerWatts + o.dynamicJoulesInWindow / window,
    meanPromptTokens: o.measured ? promptSum / o.measured : meanLength(spec.prompt),
    meanOutputTokens: o.measured ? outputSum / o.measured : meanLength(spec.output),
    preemptions: o.preemptions,
    rejected: o.rejected,
    measuredRequests: o.measured,
    windowSeconds: window,
    ttftHistogramMs: histogram(ttft, 1e3),
    tpotHistogramMs: histogram(tpot, 1e3),
    timeline: timeline(o, spec.blockTokens),
    truncated: o.truncated,
  };
}

/** The SLO percentile of every target metric is within its target (rejected requests fail it). */
export function meetsSlo(o: SimulationOutcome, spec: ServingSpec): boolean {
  const slo = spec.slo;
  if (!slo) return true;
  if (o.truncated) return false;
  const at = sloPercentiles(o, slo.percentile);
  if (slo.ttftSeconds !== undefined && !(at.ttft() <= slo.ttftSeconds)) return false;
  if (slo.tpotSeconds !== undefined && !(at.tpot() <= slo.tpotSeconds)) return false;
  if (slo.e2eSeconds !== undefined && !(at.e2e() <= slo.e2eSeconds)) return false;
  return true;
}

/**
 * The SLO's percentile of each metric over every measured request, seconds, each computed when
 * asked (the check stops at the first miss). A rejected request (NaN) counts as missing every
 * target: it sorts last, as +Infinity, so a p99 that falls among rejected requests is Infinity,
 * as `attainment` counts them as misses. A single-token request has no TPOT and meets that target.
 */
function sloPercentiles(o: SimulationOutcome, p: number): Record<'ttft' | 'tpot' | 'e2e', () => number> {
  const at = (values: Float64Array) => {
    // No request measured: nothing shows a target met.
    if (values.length === 0) return Infinity;
    const value = percentile(Float64Array.from(values, (v) => (Number.isNaN(v) ? Infinity : v)).sort(), p);
    return Number.isNaN(value) ? Infinity : value; // between two rejected requests: Infinity − Infinity
  };
  return { ttft: () => at(o.ttft), tpot: () => at(tpotOrZero(o)), e2e: () => at(o.e2e) };
}

/** TPOT with single-token requests (no TPOT) counted as meeting it, rejected ones as not. */
function tpotOrZero(o: SimulationOutcome): Float64Array {
  return Float64Array.from(o.tpot, (v, i) => (Number.isNaN(v) && Number.isFinite(o.e2e[i]!) ? 0 : v));
}

/** Share of measured requests that meet every target. */
export function attainment(o: SimulationOutcome, spec: ServingSpec): number {
  const slo = spec.slo;
  if (!slo || o.measured === 0) return 1;
  let ok = 0;
  const tpot = tpotOrZero(o);
  for (let i = 0; i < o.measured; i++) {
    if (!Number.isFinite(o.e2e[i]!)) continue;
    if (slo.ttftSeconds !== undefined && !(o.ttft[i]! <= slo.ttftSeconds)) continue;
    if (slo.tpotSeconds !== undefined && !(tpot[i]! <= slo.tpotSeconds)) continue;
    if (slo.e2eSeconds !== undefined && !(o.e2e[i]! <= slo.e2eSeconds)) continue;
    ok++;
  }
  return ok / o.measured;
}

function timeline(o: SimulationOutcome, blockTokens: number): ServingResult['timeline'] {
  const n = o.stepStart.length;
  const stride = Math.max(1, Math.ceil(n / TIMELINE_POINTS));
  const out: ServingResult['timeline'] = { seconds: [], batch: [], queue: [], kvUsedTokens: [] };
  for (let i = 0; i < n; i += stride) {
    // The mean over each stride, so a short burst still shows.
    let b = 0;
    let q = 0;
    let kv = 0;
    const end = Math.min(n, i + stride);
    for (let k = i; k < end; k++) {
      b += o.stepBatch[k]!;
      q += o.stepQueue[k]!;
      kv += o.stepKvBlocks[k]!;
    }
    out.seconds.push(o.stepStart[i]!);
    out.batch.push(b / (end - i));
    out.queue.push(q / (end - i));
    out.kvUsedTokens.push((kv / (end - i)) * blockTokens);
  }
  return out;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
