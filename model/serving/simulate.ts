// A discrete-time simulation of one model instance serving a stream of requests, one
// forward pass (step) at a time, as vLLM/Orca iteration-level schedulers run it:
// arrivals (closed loop, Poisson or a trace), a waiting queue, the batch of running
// sequences, a paged KV cache (whole blocks; when a decode needs a block and none is free
// the newest running request is preempted and recomputed later, vLLM's default, or with
// `admission: guaranteed` each request holds its whole life's blocks from its start,
// TensorRT-LLM's default), and
// per-request times of first and last token. Step times come from `StepTimer`, i.e. the
// engine. Deterministic: arrivals and lengths come from a seeded generator.
//
// The runtime's latency per request outside the engine (`runtime.request_overhead`: the
// server, tokenisation, streaming) is counted on the way in: a request reaches the engine
// that long after its client sent it. Open-loop arrivals are then the same process shifted
// in time, so only the client-side latencies change (TTFT and e2e gain it, TPOT does not);
// a closed-loop client sends its next request when its last ends, and the engine sees it
// that long later.

import { drawLength } from './lengths';
import { SeededRandom } from './random';
import type { StepTimer } from './stepTimer';
import type { ServingSpec } from './types';

/** Safety bound on steps of one simulation (a config over it says so instead of hanging). */
export const MAX_STEPS = 5_000_000;
/** Preemptions per request beyond which the cache is thrashing and the simulation stops. */
const MAX_PREEMPTIONS_PER_REQUEST = 20;

export interface SimulationOutcome {
  /** Per measured request, seconds (NaN when it was rejected). */
  ttft: Float64Array;
  e2e: Float64Array;
  tpot: Float64Array;
  outputTokens: Int32Array;
  promptTokens: Int32Array;
  measured: number;
  /** Window from the first to the last measured arrival (closed loop: issue). */
  windowStart: number;
  windowEnd: number;
  outputTokensInWindow: number;
  /** Mean sequences per step over the window's steps. */
  meanBatch: number;
  dynamicJoulesInWindow: number;
  preemptions: number;
  rejected: number;
  steps: number;
  truncated: boolean;
  /** Per step: start time, sequences, waiting requests, KV blocks in use. */
  stepStart: Float64Array;
  stepBatch: Int32Array;
  stepQueue: Int32Array;
  stepKvBlocks: Int32Array;
}

const WAITING = 0;
const RUNNING = 1;
const DONE = 2;
const REJECTED = 3;

/** Growable per-request columns: requests are created as they arrive. */
class Requests {
  n = 0;
  arrival = new Float64Array(1024);
  prompt = new Int32Array(1024);
  output = new Int32Array(1024);
  /** Tokens whose KV is in the cache. */
  computed = new Int32Array(1024);
  /** Output tokens produced. */
  generated = new Int32Array(1024);
  blocks = new Int32Array(1024);
  /** Tokens to prefill before decoding: the prompt, or prompt + generated after a preemption (recompute). */
  target = new Int32Array(1024);
  /** 1 once the prefill is done. */
  decoding = new Int8Array(1024);
  /** 1: the prompt was prefilled elsewhere (disaggregated decode pool); its KV cache arrives with it. */
  prefilled = new Int8Array(1024);
  state = new Int8Array(1024);
  first = new Float64Array(1024);
  finish = new Float64Array(1024);

  add(arrival: number, prompt: number, output: number): number {
    if (this.n === this.arrival.length) this.grow();
    const i = this.n++;
    this.arrival[i] = arrival;
    this.prompt[i] = prompt;
    this.output[i] = output;
    this.target[i] = prompt;
    this.first[i] = NaN;
    this.finish[i] = NaN;
    return i;
  }

  private grow(): void {
    const size = this.arrival.length * 2;
    this.arrival = grown(this.arrival, size);
    this.first = grown(this.first, size);
    this.finish = grown(this.finish, size);
    this.prompt = grown(this.prompt, size);
    this.output = grown(this.output, size);
    this.computed = grown(this.computed, size);
    this.generated = grown(this.generated, size);
    this.blocks = grown(this.blocks, size);
    this.target = grown(this.target, size);
    this.state = grown(this.state, size);
    this.decoding = grown(this.decoding, size);
    this.prefilled = grown(this.prefilled, size);
  }
}

/** A typed column of `size` elements holding `column`'s values first (the growable columns double this way). */
function grown<T extends Float64Array | Int32Array | Int8Array>(column: T, size: number): T {
  const bigger = new (column.constructor as new (length: number) => T)(size);
  bigger.set(column);
  return bigger;
}

/**
 * Growable columns of the steps taken. A run of decode-only steps taken at once is one
 * entry (`count` steps): window boundaries (arrivals, completions) always end such a run,
 * so window sums stay exact and memory follows events, not steps.
 */
class Steps {
  n = 0;
  /** Steps in all entries. */
  steps = 0;
  count = new Int32Array(4096);
  start = new Float64Array(4096);
  batch = new Int32Array(4096);
  queue = new Int32Array(4096);
  kv = new Int32Array(4096);
  joules = new Float64Array(4096);
  tokens = new Int32Array(4096);

  push(start: number, batch: number, queue: number, kv: number, joules: number, tokens: number, count = 1): void {
    if (this.n === this.start.length) {
      const size = this.n * 2;
      this.start = grown(this.start, size);
      this.joules = grown(this.joules, size);
      this.batch = grown(this.batch, size);
      this.queue = grown(this.queue, size);
      this.kv = grown(this.kv, size);
      this.tokens = grown(this.tokens, size);
      this.count = grown(this.count, size);
    }
    const i = this.n++;
    this.count[i] = count;
    this.steps += count;
    this.start[i] = start;
    this.batch[i] = batch;
    this.queue[i] = queue;
    this.kv[i] = kv;
    this.joules[i] = joules;
    this.tokens[i] = tokens;
  }
}

export interface SimulationOptions {
  /** Overrides the spec's arrivals with Poisson arrivals at this rate (load sweeps, max-rate search). */
  poissonRate?: number;
  /** Overrides the spec's arrivals with a closed loop of this many clients. */
  concurrency?: number;
  /**
   * A closed loop's clients start at random points of a request's life, as in a loop that has
   * run for a while, not all at once: each first request generates a uniform share of its
   * output. Requests of equal length started together stay in lockstep, every prefill at once
   * and then every decode, and serve about a tenth less than the instance can (the saturation run).
   */
  staggered?: boolean;
  /** Measured requests (default: the spec's). */
  requests?: number;
  /** Requests before the measured ones (default: a tenth of `requests`, or the spec's). */
  warmupRequests?: number;
  /** Takes every step one by one (tests check that the fast path gives the same result). */
  stepByStep?: boolean;
  /**
   * Wall-clock time (performance.now(), ms) past which the simulation stops with what it has
   * measured, `truncated`: a pathological config (a token budget of 1 per step) must not hold
   * the editor for longer than its budget. Checked every DEADLINE_CHECK_ITERATIONS passes of the loop.
   */
  deadlineMs?: number;
}

const DEADLINE_CHECK_ITERATIONS = 1024;

/** The part of the options that bounds a simulation's work. */
export type SimulationBound = Pick<SimulationOptions, 'deadlineMs'>;

export function simulate(spec: ServingSpec, timer: StepTimer, kvBlocks: number, options: SimulationOptions = {}): SimulationOutcome {
  const rng = new SeededRandom(spec.seed);
  const arrivals =
    options.poissonRate !== undefined
      ? { kind: 'poisson' as const, ratePerSecond: options.poissonRate }
      : options.concurrency !== undefined
        ? { kind: 'closed' as const, concurrency: options.concurrency }
        : spec.arrivals;
  const trace = arrivals.kind === 'trace' ? arrivals.requests : undefined;
  const lengthTrace =
    spec.arrivals.kind === 'trace' && (spec.prompt.kind === 'trace' || spec.output.kind === 'trace') && spec.arrivals.requests.length > 0
      ? spec.arrivals.requests
      : undefined;
  const requestOverhead = timer.requestOverheadSeconds;
  const measuredCount = trace ? trace.length : (options.requests ?? spec.requests);
  // A closed loop starts with every client's request at once: the warm-up outlasts that burst.
  const warmup = trace
    ? 0
    : Math.max(
        options.warmupRequests ?? (options.requests !== undefined ? Math.ceil(options.requests / 10) : spec.warmupRequests),
        arrivals.kind === 'closed' ? 2 * arrivals.concurrency : 0,
      );
  const firstMeasured = warmup;
  const lastMeasured = warmup + measuredCount - 1;
  const R = new Requests();
  const S = new Steps();
  const B = spec.blockTokens;
  const blocksFor = (tokens: number) => Math.ceil(tokens / B);
  // TensorRT-LLM's GUARANTEED_NO_EVICT: a request holds the blocks of its whole life from its start.
  const reserveWhole = spec.admission === 'guaranteed' && spec.scheduler === 'continuous';
  /** Tokens request i's blocks are taken for when it starts. */
  const startTokens = (i: number, first: number) => (reserveWhole ? R.prompt[i]! + R.output[i]! : first);
  let freeBlocks = kvBlocks;

  // Arrival source: the next request not yet created, and when it arrives.
  let nextArrival = Infinity;
  let created = 0;
  const newRequest = (at: number): number => {
    let prompt: number;
    let output: number;
    // The trace's own lengths, in its order; a search's Poisson or closed loop over a trace
    // config cycles through them (it drew 1-token requests before: 8,250 requests/s of a 70B model).
    const lengths = trace ?? lengthTrace;
    if (lengths) {
      const t = lengths[created % lengths.length]!;
      prompt = spec.prompt.kind === 'trace' ? t.promptTokens : drawLength(spec.prompt, rng);
      output = spec.output.kind === 'trace' ? t.outputTokens : drawLength(spec.output, rng);
    } else {
      prompt = drawLength(spec.prompt, rng);
      output = drawLength(spec.output, rng);
    }
    created++;
    const i = R.add(at, prompt, output);
    if (trace?.[created - 1]?.prefilled) R.prefilled[i] = 1;
    return i;
  };
  const waiting: number[] = [];
  let waitingHead = 0;
  /** Preempted requests resume before new ones, oldest preemption first. */
  const resumed: number[] = [];
  let resumedHead = 0;
  const enqueue = (i: number) => {
    waiting.push(i);
  };
  let poissonNext = 0;
  const scheduleOpen = () => {
    if (arrivals.kind === 'poisson') {
      poissonNext += rng.exponential(1 / arrivals.ratePerSecond);
      nextArrival = poissonNext;
    } else if (trace) {
      nextArrival = created < trace.length ? trace[created]!.arrivalSeconds : Infinity;
    }
  };
  if (arrivals.kind === 'closed') {
    for (let c = 0; c < arrivals.concurrency; c++) {
      const i = newRequest(0);
      if (options.staggered) R.output[i] = 1 + Math.floor(rng.next() * R.output[i]!);
      enqueue(i);
    }
  } else {
    if (arrivals.kind === 'poisson') poissonNext = 0;
    scheduleOpen();
  }
  // Open-loop arrivals after the measured ones only keep the load on while those finish:
  // half as many again is plenty, and an overloaded instance (a step longer than the time
  // between arrivals by orders of magnitude) must not create millions of requests at once.
  const lastCreated = lastMeasured + Math.ceil(measuredCount / 2) + spec.maxBatch;
  /** Closed loop with a request latency: times at which clients' next requests reach the engine, in order. */
  const sends: number[] = [];
  let sendsHead = 0;
  /** A closed-loop client sends its next request at `at` (its last ended): it reaches the engine `requestOverhead` later. */
  const clientSends = (at: number) => {
    if (requestOverhead <= 0) {
      enqueue(newRequest(at));
      return;
    }
    sends.push(at + requestOverhead);
    nextArrival = Math.min(nextArrival, at + requestOverhead);
  };
  const admitArrivals = (t: number) => {
    if (arrivals.kind === 'closed') {
      while (sendsHead < sends.length && sends[sendsHead]! <= t) enqueue(newRequest(sends[sendsHead++]!));
      nextArrival = sendsHead < sends.length ? sends[sendsHead]! : Infinity;
      return;
    }
    while (nextArrival <= t && created <= lastCreated) {
      enqueue(newRequest(nextArrival));
      scheduleOpen();
    }
    if (created > lastCreated) nextArrival = Infinity;
  };

  let running: number[] = [];
  let t = 0;
  let doneMeasured = 0;
  let preemptions = 0;
  let rejected = 0;
  let truncated = false;
  let staticBatch = false;
  /** Prefilled requests admitted since the last step. */
  let admittedDecodes = 0;
  /**
   * Multi-step scheduling (vLLM `--num-scheduler-steps`): decode steps left in the current
   * scheduler call. While it is above 0 the batch is fixed: no request is admitted, no prefill
   * runs. A prefill step is a scheduler call of its own (vLLM gives prefills no lookahead slots).
   */
  const schedulerSteps = Math.max(1, spec.schedulerSteps ?? 1);
  let bundleLeft = 0;
  /** Decode steps taken: the position in the scheduler call moves on by as many. */
  const advanceBundle = (steps: number) => {
    bundleLeft = (((bundleLeft - steps) % schedulerSteps) + schedulerSteps) % schedulerSteps;
  };

  /**
   * A closed-loop client sends its next request when one ends, until every measured request
   * has ended. Without that stop a cache too small for any request rejected each new one at
   * once inside one admission pass, which never returned to the loop's check: the boundary
   * fuzz (gpt-3-175b on 16 Gaudi2, `serving: { rate: 1e-6 }`, whose saturation run is closed
   * loop) created requests until memory ran out. Requests created are now at most
   * firstMeasured + measured + clients.
   */
  const replaceClient = (at: number) => {
    if (arrivals.kind === 'closed' && doneMeasured < measuredCount) clientSends(at);
  };
  const finishRequest = (i: number, at: number) => {
    R.state[i] = DONE;
    R.finish[i] = at;
    freeBlocks += R.blocks[i]!;
    R.blocks[i] = 0;
    if (i >= firstMeasured && i <= lastMeasured) doneMeasured++;
    replaceClient(at);
  };
  const reject = (i: number) => {
    R.state[i] = REJECTED;
    freeBlocks += R.blocks[i]!;
    R.blocks[i] = 0;
    rejected += i >= firstMeasured && i <= lastMeasured ? 1 : 0;
    if (i >= firstMeasured && i <= lastMeasured) doneMeasured++;
    replaceClient(t);
  };
  const preempt = (i: number) => {
    freeBlocks += R.blocks[i]!;
    R.blocks[i] = 0;
    R.computed[i] = 0;
    R.decoding[i] = 0;
    R.target[i] = R.prompt[i]! + R.generated[i]!;
    R.state[i] = WAITING;
    resumed.push(i);
    preemptions++;
  };
  const queued = () => waiting.length - waitingHead + resumed.length - resumedHead;
  const peekQueued = (): number | undefined =>
    resumedHead < resumed.length ? resumed[resumedHead] : waitingHead < waiting.length ? waiting[waitingHead] : undefined;
  const popQueued = (): void => {
    if (resumedHead < resumed.length) resumedHead++;
    else waitingHead++;
    // Drop what has been taken once it is most of the array: queues stay as long as their contents.
    if (waitingHead > 4096 && waitingHead * 2 > waiting.length) {
      waiting.splice(0, waitingHead);
      waitingHead = 0;
    }
    if (resumedHead > 4096 && resumedHead * 2 > resumed.length) {
      resumed.splice(0, resumedHead);
      resumedHead = 0;
    }
  };
  /** Blocks to grow request i to `tokens` cached tokens; false when the cache is full. */
  const grow = (i: number, tokens: number): boolean => {
    const need = blocksFor(tokens) - R.blocks[i]!;
    if (need <= 0) return true;
    if (need > freeBlocks) return false;
    freeBlocks -= need;
    R.blocks[i] += need;
    return true;
  };

  // Scratch for one step's work, reused (a step allocates nothing).
  const chunkIds: number[] = [];
  const chunkTokens: number[] = [];
  const decodeIds: number[] = [];
  let decodeContext = 0;

  let iterations = 0;
  while (doneMeasured < measuredCount) {
    // A cache too small for the batch it admits thrashes (preempt, recompute, preempt): stop
    // with what was measured rather than spin.
    if (S.steps >= MAX_STEPS || preemptions > MAX_PREEMPTIONS_PER_REQUEST * (firstMeasured + measuredCount)) {
      truncated = true;
      break;
    }
    if (options.deadlineMs !== undefined && ++iterations % DEADLINE_CHECK_ITERATIONS === 0 && clockMs() > options.deadlineMs) {
      truncated = true;
      break;
    }
    admitArrivals(t);
    if (running.length === 0 && queued() === 0) {
      if (nextArrival === Infinity) break;
      t = nextArrival;
      continue;
    }
    // A full batch cannot change either, whatever waits: max_batch 1 under 10,000 clients
    // took every decode step one by one (the boundary fuzz: 1.3 s for 100 requests).
    if (
      spec.scheduler === 'continuous' &&
      !options.stepByStep &&
      (queued() === 0 || running.length >= spec.maxBatch || bundleLeft > 0) &&
      fastForwardDecodes()
    )
      continue;
    chunkIds.length = 0;
    chunkTokens.length = 0;
    decodeIds.length = 0;
    decodeContext = 0;
    let budget = spec.maxBatchedTokens;

    if (spec.scheduler === 'static') {
      if (!staticBatch) {
        // A new batch: waiting requests whose whole reservation (prompt + output) fits.
        while (running.length < spec.maxBatch) {
          const i = peekQueued();
          if (i === undefined) break;
          const need = blocksFor(R.prompt[i]! + R.output[i]!);
          if (need > kvBlocks) {
            popQueued();
            reject(i);
            continue;
          }
          if (need > freeBlocks) break;
          popQueued();
          freeBlocks -= need;
          R.blocks[i] = need;
          R.state[i] = RUNNING;
          running.push(i);
          chunkIds.push(i);
          chunkTokens.push(R.prompt[i]!);
        }
        if (running.length > 0) staticBatch = true;
      } else {
        for (const i of running) {
          decodeIds.push(i);
          decodeContext += R.prompt[i]! + R.generated[i]!;
        }
      }
    } else if (!spec.chunkedPrefill && bundleLeft === 0 && queued() > 0 && running.length < spec.maxBatch && admit(budget, true) > 0) {
      // Prefill first (vLLM V0): when a waiting request can start, the step is prefill only.
    } else {
      scheduleDecodes();
      if (spec.chunkedPrefill && bundleLeft === 0) {
        budget -= decodeIds.length;
        // Running requests part-way through their prompt continue, then new ones start.
        for (const i of running) {
          if (budget <= 0) break;
          const remaining = R.target[i]! - R.computed[i]!;
          if (R.decoding[i] || remaining <= 0) continue;
          const s = Math.min(remaining, budget);
          if (!grow(i, R.computed[i]! + s)) break;
          chunkIds.push(i);
          chunkTokens.push(s);
          budget -= s;
        }
        admit(budget, false);
      }
    }

    // The step's composition, then its time from the engine.
    let prefillTokens = 0;
    let pairs = 0;
    let kvTokens = 0;
    for (let k = 0; k < chunkIds.length; k++) {
      const s = chunkTokens[k]!;
      const c = R.computed[chunkIds[k]!]!;
      prefillTokens += s;
      pairs += s * c + (s * s) / 2;
      kvTokens += c + s;
    }
    if (decodeIds.length === 0 && chunkIds.length === 0) {
      // Requests that arrived prefilled joined the batch: they decode from the next step.
      if (admittedDecodes > 0) {
        admittedDecodes = 0;
        continue;
      }
      // A scheduler call with nothing left to decode (its decodes finished, the rest are part-way
      // through a chunked prefill) ends here: the next call schedules the chunks.
      if (bundleLeft > 0) {
        bundleLeft = 0;
        continue;
      }
      // Nothing can run (the head request waits for blocks held by nobody): it cannot fit.
      const head = peekQueued();
      if (head !== undefined && running.length === 0) {
        popQueued();
        reject(head);
        continue;
      }
      if (nextArrival === Infinity && running.length === 0) break;
      t = Math.max(t, nextArrival);
      continue;
    }
    admittedDecodes = 0;
    // A step with prefill work is a scheduler call of its own; a decode-only step moves the call on
    // (and only the call's first step pays the host's per-call time, `step_overhead`).
    const newCall = bundleLeft === 0;
    if (chunkIds.length > 0) bundleLeft = 0;
    else advanceBundle(1);
    const cost =
      chunkIds.length > 0
        ? timer.mixed(
            { sequences: chunkIds.length, tokens: prefillTokens, attendedPairs: pairs, kvTokens },
            decodeIds.length,
            decodeContext,
          )
        : timer.decode(decodeIds.length, decodeContext, newCall);
    const start = t;
    t += cost.seconds;

    // Effects at the end of the step.
    let produced = 0;
    let completions = 0;
    for (let k = 0; k < chunkIds.length; k++) {
      const i = chunkIds[k]!;
      R.computed[i] += chunkTokens[k]!;
      if (R.computed[i]! >= R.target[i]!) {
        R.decoding[i] = 1;
        // The pass that completes a prefill also samples the next token.
        if (R.generated[i] === 0) R.first[i] = t;
        R.generated[i]++;
        produced++;
        if (R.generated[i]! >= R.output[i]! && spec.scheduler !== 'static') {
          finishRequest(i, t);
          completions++;
        }
      }
    }
    for (const i of decodeIds) {
      if (R.state[i] === DONE) continue; // a static batch pads finished sequences
      R.generated[i]++;
      R.computed[i] = R.prompt[i]! + R.generated[i]! - 1;
      produced++;
      if (R.generated[i]! >= R.output[i]!) {
        if (spec.scheduler === 'static') {
          R.state[i] = DONE;
          R.finish[i] = t;
          if (i >= firstMeasured && i <= lastMeasured) doneMeasured++;
        } else {
          finishRequest(i, t);
          completions++;
        }
      }
    }
    if (spec.scheduler === 'static') {
      // Single-token requests finish with the prefill.
      for (const i of chunkIds)
        if (R.generated[i]! >= R.output[i]! && R.state[i] !== DONE) {
          R.state[i] = DONE;
          R.finish[i] = t;
          if (i >= firstMeasured && i <= lastMeasured) doneMeasured++;
        }
      if (running.every((i) => R.state[i] === DONE)) {
        // The batch ends when its longest request does; then every slot frees at once.
        for (const i of running) {
          freeBlocks += R.blocks[i]!;
          R.blocks[i] = 0;
          if (arrivals.kind === 'closed') clientSends(t);
          completions++;
        }
        running = [];
        staticBatch = false;
      }
    } else if (completions > 0) {
      running = running.filter((i) => R.state[i] === RUNNING);
    }
    if (running.length === 0) bundleLeft = 0;
    S.push(start, decodeIds.length + chunkIds.length, queued(), kvBlocks - freeBlocks, cost.joules, produced);
  }

  /**
   * Decode steps while nothing can change the batch (no request waiting or the batch full, every running one
   * decoding, none finishing, the KV cache not running out): each step's composition is the
   * last one's with the context grown by one token per sequence, so the steps are taken
   * without touching the requests, which are updated once at the end. Stops after the step
   * during which the next request arrives. Same steps and times as one by one, far fewer
   * operations: the simulation costs O(steps + tokens / batch) instead of O(tokens).
   */
  function fastForwardDecodes(): boolean {
    const n = running.length;
    if (n === 0 || t >= nextArrival) return false;
    let remaining = Infinity;
    let context = 0;
    for (let k = 0; k < n; k++) {
      const i = running[k]!;
      if (!R.decoding[i]) return false;
      remaining = Math.min(remaining, R.output[i]! - R.generated[i]!);
      context += R.prompt[i]! + R.generated[i]!;
    }
    // Each sequence needs at most one new block every B steps (plus one at once).
    const byBlocks = reserveWhole ? Infinity : B * (Math.floor(freeBlocks / n) - 1);
    // Requests wait only for the end of the scheduler call: stop there so they are admitted.
    const untilCall = queued() > 0 && running.length < spec.maxBatch ? bundleLeft : Infinity;
    const steps = Math.min(remaining, byBlocks, MAX_STEPS - S.steps, untilCall);
    if (steps < 2) return false;
    let done = 0;
    let joules = 0;
    const start = t;
    while (done < steps) {
      // Step `done` of the run opens a scheduler call when the call in progress has no steps left.
      const left = (((bundleLeft - done) % schedulerSteps) + schedulerSteps) % schedulerSteps;
      const cost = timer.decode(n, context + done * n, left === 0);
      t += cost.seconds;
      joules += cost.joules;
      done++;
      if (t >= nextArrival) break;
    }
    S.push(start, n, queued(), kvBlocks - freeBlocks, joules, n * done, done);
    advanceBundle(done);
    let completions = 0;
    for (let k = 0; k < n; k++) {
      const i = running[k]!;
      R.generated[i] += done;
      R.computed[i] = R.prompt[i]! + R.generated[i]! - 1;
      grow(i, R.prompt[i]! + R.generated[i]! - 1);
      if (R.generated[i]! >= R.output[i]!) {
        finishRequest(i, t);
        completions++;
      }
    }
    if (completions > 0) {
      running = running.filter((i) => R.state[i] === RUNNING);
    }
    if (running.length === 0) bundleLeft = 0;
    return true;
  }

  /** Every running request past its prefill decodes one token; a full cache preempts the newest. */
  function scheduleDecodes(): void {
    for (let k = 0; k < running.length; k++) {
      const i = running[k]!;
      if (!R.decoding[i]) continue;
      const context = R.prompt[i]! + R.generated[i]!;
      let preemptedSelf = false;
      if (context > R.blocks[i]! * B) {
        while (!grow(i, context)) {
          const victim = running.pop()!;
          preempt(victim);
          if (victim === i) {
            preemptedSelf = true;
            break;
          }
        }
      }
      if (!preemptedSelf) {
        decodeIds.push(i);
        decodeContext += context;
      }
    }
  }

  /** Starts queued requests within the token budget; returns how many started. */
  function admit(budget: number, wholePrompts: boolean): number {
    let started = 0;
    while (budget > 0 && running.length < spec.maxBatch) {
      const i = peekQueued();
      if (i === undefined) break;
      const target = R.target[i]!;
      if (blocksFor(startTokens(i, target + 1)) > kvBlocks || (wholePrompts && target > spec.maxBatchedTokens)) {
        // Larger than the whole cache (or, without chunking, than the token budget): it can never run.
        popQueued();
        reject(i);
        continue;
      }
      if (R.prefilled[i] && R.generated[i] === 0) {
        // Its KV cache and first token came from a prefill pool: it starts decoding.
        if (!grow(i, startTokens(i, target))) break;
        popQueued();
        R.state[i] = RUNNING;
        R.computed[i] = target;
        R.generated[i] = 1;
        R.first[i] = R.arrival[i]!;
        R.decoding[i] = 1;
        if (R.output[i]! <= 1) finishRequest(i, t);
        else running.push(i);
        admittedDecodes++;
        started++;
        continue;
      }
      const s = wholePrompts ? target : Math.min(target, budget);
      if (wholePrompts && s > budget) break;
      if (!grow(i, startTokens(i, s))) break;
      popQueued();
      R.state[i] = RUNNING;
      running.push(i);
      chunkIds.push(i);
      chunkTokens.push(s);
      budget -= s;
      started++;
    }
    return started;
  }

  return summarise();

  function summarise(): SimulationOutcome {
    const m = measuredCount;
    const ttft = new Float64Array(m);
    const e2e = new Float64Array(m);
    const tpot = new Float64Array(m);
    const outputTokens = new Int32Array(m);
    const promptTokens = new Int32Array(m);
    let windowStart = Infinity;
    let windowEnd = -Infinity;
    for (let k = 0; k < m; k++) {
      const i = firstMeasured + k;
      if (i >= R.n) {
        ttft[k] = NaN;
        e2e[k] = NaN;
        tpot[k] = NaN;
        continue;
      }
      const a = R.arrival[i]!;
      windowStart = Math.min(windowStart, a);
      windowEnd = Math.max(windowEnd, a);
      const ok = R.state[i] === DONE;
      // Sent `requestOverhead` before it reached the engine (a prefilled request paid it in its prefill pool).
      const sent = R.prefilled[i] ? a : a - requestOverhead;
      ttft[k] = ok ? R.first[i]! - sent : NaN;
      e2e[k] = ok ? R.finish[i]! - sent : NaN;
      tpot[k] = ok && R.output[i]! > 1 ? (R.finish[i]! - R.first[i]!) / (R.output[i]! - 1) : NaN;
      outputTokens[k] = R.output[i]!;
      promptTokens[k] = R.prompt[i]!;
    }
    // A closed loop issues its measured requests over the whole run: the window ends at the
    // last measured completion so that it spans the steady state.
    if (arrivals.kind === 'closed') {
      for (let k = 0; k < m; k++) if (Number.isFinite(e2e[k]!)) windowEnd = Math.max(windowEnd, R.finish[firstMeasured + k]!);
    }
    let tokens = 0;
    let seqSum = 0;
    let stepsIn = 0;
    let joules = 0;
    for (let k = 0; k < S.n; k++) {
      const s = S.start[k]!;
      if (s < windowStart || s >= windowEnd) continue;
      tokens += S.tokens[k]!;
      seqSum += S.batch[k]! * S.count[k]!;
      joules += S.joules[k]!;
      stepsIn += S.count[k]!;
    }
    return {
      ttft,
      e2e,
      tpot,
      outputTokens,
      promptTokens,
      measured: m,
      windowStart: Number.isFinite(windowStart) ? windowStart : 0,
      windowEnd: Number.isFinite(windowEnd) ? windowEnd : 0,
      outputTokensInWindow: tokens,
      meanBatch: stepsIn > 0 ? seqSum / stepsIn : 0,
      dynamicJoulesInWindow: joules,
      preemptions,
      rejected,
      steps: S.steps,
      truncated,
      stepStart: S.start.subarray(0, S.n),
      stepBatch: S.batch.subarray(0, S.n),
      stepQueue: S.queue.subarray(0, S.n),
      stepKvBlocks: S.kv.subarray(0, S.n),
    };
  }
}

export function clockMs(): number {
  return globalThis.performance?.now() ?? Date.now();
}
