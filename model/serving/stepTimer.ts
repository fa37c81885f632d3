// Step times of a serving simulation, from the engine's own forward pass (`stepCost`), cached.
//
// A decode-only step of B sequences attending to C cached tokens in total costs, per
// operator, the larger of affine functions of C (weights and activations fixed, KV reads
// and attention work proportional to C) plus fixed overheads: convex and piecewise linear
// in C. So for each B the step is evaluated at a few contexts and interpolated on the
// pieces that are verified linear (midpoint test; a convex function that meets its chord
// at an interior point is linear on the whole interval). This is exact, not a fit.
//
// A step carrying prefill work adds, to the decode part, the marginal cost of its prefill
// tokens in the same pass (shared weight reads, attention of the chunks), evaluated by the
// engine on a grid of compositions and interpolated (see `mixed`).

import type { DesignPoint } from '../design';
import { stepCost, type StepCost } from '../engine/evaluate';

/** Relative deviation from the chord below which a piece counts as linear. */
const LINEAR_TOLERANCE = 1e-7;

export interface StepTime {
  seconds: number;
  /**
   * The pass's physical floor, unscaled (StepCost.floorSeconds): a step the fast end of the
   * ranges scales down stops there, a later step of a multi-step call too. 0 in a timer whose
   * steps are not scaled down (it is computed only where it is read).
   */
  floorSeconds: number;
  /** Dynamic joules per chip (idle power is charged over wall time). */
  joules: number;
}

/** The prefill part of a step: `tokens` new tokens of `sequences` requests. */
export interface PrefillPart {
  sequences: number;
  tokens: number;
  /** Query-key pairs of the chunks: s·c + s²/2 for s new tokens after c cached. */
  attendedPairs: number;
  /** Cached tokens the chunks' attention reads: c + s per chunk. */
  kvTokens: number;
}

/**
 * Factors on the engine's step times: prefill passes by `prefill`, decode passes by `decode`.
 * The serving ranges re-run a simulation with steps as slow (or fast) as the static model's
 * 80 % range says a real run's are (model/serving/servingRanges.ts); 1 and 1 is the model. A
 * factor below 1 stops at each pass's physical floor (every byte at peak bandwidth, every MAC
 * at peak rate), as the static ranges do.
 */
export interface StepScale {
  prefill: number;
  decode: number;
}

const UNSCALED: StepScale = { prefill: 1, decode: 1 };

export class StepTimer {
  private readonly decodeCurves = new Map<number, PiecewiseLinear>();
  private readonly prefillCache = new Map<number, Map<number, Map<number, StepTime>>>();
  private readonly decodeAlone = new Map<number, StepTime>();
  /** Engine evaluations so far (for benchmarks and tests). */
  evaluations = 0;
  /**
   * The runtime's latency per request outside the engine (`runtime.request_overhead`): not a
   * step, so the simulator adds it to a request's path (TTFT, e2e, a closed-loop client's
   * next send) rather than to any step time.
   */
  readonly requestOverheadSeconds: number;

  /** Steps scaled below the model's: only then are the passes' floors needed (and computed). */
  private readonly fastEnd: boolean;

  constructor(
    private readonly design: DesignPoint,
    private readonly maxContextTokens: number,
    private readonly scale: StepScale = UNSCALED,
  ) {
    this.requestOverheadSeconds = design.runtime.requestOverheadSeconds;
    this.fastEnd = scale.prefill < 1 || scale.decode < 1;
  }

  /**
   * One decode step of `sequences` sequences attending to `contextTokens` cached tokens in total.
   * `newCall` false: a later step of a multi-step scheduler call (`serving.scheduler_steps`),
   * which does not pay the runtime's `step_overhead` — the host time of one scheduler call
   * (scheduling, input preparation), paid by the call's first step only (vLLM multi-step
   * scheduling "performs scheduling and input preparation once and runs the model for n
   * consecutive steps", vLLM v0.6.0 blog). The per-sequence host time is paid every step.
   */
  decode(sequences: number, contextTokens: number, newCall = true): StepTime {
    const step = this.decodeStep(sequences, contextTokens);
    if (newCall) return step;
    // Host time the call's first step paid is not the pass's: the floor holds for this step too.
    const seconds = Math.max(0, step.seconds - this.design.runtime.stepOverheadSeconds);
    return {
      seconds: this.scale.decode < 1 ? Math.max(seconds, step.floorSeconds) : seconds,
      joules: step.joules,
      floorSeconds: step.floorSeconds,
    };
  }

  private decodeStep(sequences: number, contextTokens: number): StepTime {
    let curve = this.decodeCurves.get(sequences);
    if (!curve) {
      const lo = sequences;
      const hi = Math.max(lo + 2, sequences * this.maxContextTokens);
      curve = new PiecewiseLinear((c) => this.engine(sequences, sequences, c, c, 'decode'), lo, hi);
      this.decodeCurves.set(sequences, curve);
    }
    return curve.at(contextTokens);
  }

  /**
   * A step with prefill work beside `decodeSequences` decodes attending to
   * `decodeContextTokens`: the decode step plus the marginal cost of the prefill part in the
   * same pass (weights are read once for both), Δ(b, t). Δ is evaluated by the engine on a
   * grid — decode sequences b at about 1.5× steps, prefill tokens t at 1/32 relative steps,
   * the prefill's shape (pairs per t², cached tokens per t) rounded to 1/64 — and
   * interpolated between grid points, so steps of similar composition share evaluations.
   * On grid points (a lone prefill of a power-of-two-ish length, b = 0) it is the engine's
   * value exactly; between them the error is second order (below 0.1 % in the tests).
   */
  mixed(prefill: PrefillPart, decodeSequences: number, decodeContextTokens: number): StepTime {
    const t = prefill.tokens;
    const pairsShape = roundBits(prefill.attendedPairs / (t * t), 6);
    const kvShape = roundBits(prefill.kvTokens / t, 6);
    const [t0, t1] = gridAround(t, TOKEN_BITS);
    const [b0, b1] = gridAround(decodeSequences, BATCH_BITS);
    const at = (b: number, tokens: number) => this.marginal(b, prefill.sequences, tokens, pairsShape, kvShape);
    const wt = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
    const wb = b1 > b0 ? (decodeSequences - b0) / (b1 - b0) : 0;
    const lerp = (a: StepTime, c: StepTime, w: number): StepTime => (w === 0 ? a : lerpStep(a, c, w));
    const low = lerp(at(b0, t0), wt ? at(b0, t1) : at(b0, t0), wt);
    const marginal = wb ? lerp(low, lerp(at(b1, t0), wt ? at(b1, t1) : at(b1, t0), wt), wb) : low;
    if (decodeSequences === 0) return marginal;
    const d = this.decodeStep(decodeSequences, decodeContextTokens);
    return {
      seconds: d.seconds + marginal.seconds,
      joules: d.joules + marginal.joules,
      floorSeconds: d.floorSeconds + marginal.floorSeconds,
    };
  }

  /** Δ(b, t): a pass with b decodes (no context) and the prefill part, less the b decodes alone. */
  private marginal(b: number, sequences: number, tokens: number, pairsShape: number, kvShape: number): StepTime {
    // Numeric keys, nested: a string key per lookup made the simulation garbage-collection bound.
    const outer = (b * 4096 + Math.min(sequences, 4095)) * 2 ** 24 + tokens;
    let byShape = this.prefillCache.get(outer);
    if (!byShape) {
      byShape = new Map();
      this.prefillCache.set(outer, byShape);
    }
    let byKv = byShape.get(pairsShape);
    if (!byKv) {
      byKv = new Map();
      byShape.set(pairsShape, byKv);
    }
    let cached = byKv.get(kvShape);
    if (!cached) {
      const whole = this.engine(
        b + sequences,
        b + tokens,
        pairsShape * tokens * tokens,
        Math.max(1, kvShape * tokens),
        'prefill',
        sequences,
      );
      if (b === 0) cached = whole;
      else {
        let alone = this.decodeAlone.get(b);
        if (!alone) {
          alone = this.engine(b, b, 0, 0, 'decode');
          this.decodeAlone.set(b, alone);
        }
        // Scaled by less than the decode it shares a pass with, a prefill still never takes time away.
        cached = {
          seconds: Math.max(0, whole.seconds - alone.seconds),
          joules: whole.joules - alone.joules,
          floorSeconds: Math.max(0, whole.floorSeconds - alone.floorSeconds),
        };
      }
      byKv.set(kvShape, cached);
    }
    return cached;
  }

  /**
   * `attending`: the sequences whose chunks carry the attention work (`attendedPairs`,
   * `kvTokens`). In a prefill part's pass the decodes beside it attend to nothing (their
   * attention is the decode curve's), so the attention products are shaped by the chunks
   * alone: averaged over all sequences, 255 decodes beside one 1,024-token chunk shaped that
   * chunk's attention as 5 queries over 4 keys, and the arrays timed it at a few per cent
   * of their rate (a 112 ms marginal for a chunk that costs 60 ms alone).
   */
  private engine(
    sequences: number,
    tokens: number,
    attendedPairs: number,
    kvTokens: number,
    phase: 'prefill' | 'decode',
    attending = sequences,
  ): StepTime {
    this.evaluations++;
    const decodeTokens = sequences - attending;
    const cost: StepCost = stepCost(
      this.design,
      {
        phase,
        batch: sequences,
        // Means per attending sequence, for the tiling of the attention products only.
        tokensPerSequence: (tokens - decodeTokens) / attending,
        context: Math.max(1, kvTokens / attending),
        mixed: { tokens, attendedPairs, kvTokens },
      },
      this.fastEnd,
    );
    // The work, and so the dynamic energy, is the model's either way: only the time is scaled,
    // and a faster step never past the pass's physical floor, as the static ranges stop there.
    const scale = this.scale[phase];
    const floorSeconds = Math.min(cost.seconds, cost.floorSeconds);
    const seconds = scale < 1 ? Math.max(cost.seconds * scale, floorSeconds) : cost.seconds * scale;
    return { seconds, joules: cost.dynamicJoulesPerChip, floorSeconds };
  }
}

/** A step `w` of the way from `a` to `c` (its time, energy and floor alike). */
function lerpStep(a: StepTime, c: StepTime, w: number): StepTime {
  return {
    seconds: a.seconds + w * (c.seconds - a.seconds),
    joules: a.joules + w * (c.joules - a.joules),
    floorSeconds: a.floorSeconds + w * (c.floorSeconds - a.floorSeconds),
  };
}

/** Significant bits of the grids prefill tokens and decode sequences are interpolated on. */
const TOKEN_BITS = 5;
const BATCH_BITS = 1;

/** The grid points at or around `value`: integers below 2^bits, then `bits` significant bits. */
function gridAround(value: number, bits: number): [number, number] {
  if (value < 1 << bits) return [value, value];
  const step = 2 ** (Math.floor(Math.log2(value)) - bits + 1);
  const lo = Math.floor(value / step) * step;
  return lo === value ? [lo, lo] : [lo, lo + step];
}

/** `value` rounded to `bits` significant bits. */
function roundBits(value: number, bits: number): number {
  if (!(value > 0)) return 0;
  const step = 2 ** (Math.floor(Math.log2(value)) - bits + 1);
  return Math.round(value / step) * step;
}

/**
 * A function of a whole number, sampled lazily where it is asked for: pieces proved linear
 * are interpolated, others split at their midpoint until they are (or are two apart).
 */
export class PiecewiseLinear {
  private readonly xs: number[];
  private readonly ys: StepTime[];
  /** linear[i]: the piece [xs[i], xs[i+1]] is verified linear. */
  private readonly linear: boolean[];
  /** The piece the last query fell in. */
  private hint = 0;

  constructor(
    private readonly f: (x: number) => StepTime,
    lo: number,
    hi: number,
  ) {
    this.xs = [lo, hi];
    this.ys = [f(lo), f(hi)];
    this.linear = [false];
  }

  at(x: number): StepTime {
    const xs = this.xs;
    if (x <= xs[0]!) return x === xs[0] ? this.ys[0]! : this.f(x);
    if (x >= xs[xs.length - 1]!) return x === xs[xs.length - 1] ? this.ys[xs.length - 1]! : this.f(x);
    for (;;) {
      // Consecutive steps ask for nearby contexts: try the last piece first.
      let lo = this.hint;
      let hi = lo + 1;
      if (!(hi < xs.length && xs[lo]! <= x && x < xs[hi]!)) {
        lo = 0;
        hi = xs.length - 1;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (xs[mid]! <= x) lo = mid;
          else hi = mid;
        }
        this.hint = lo;
      }
      const x0 = xs[lo]!;
      const x1 = xs[lo + 1]!;
      const y0 = this.ys[lo]!;
      const y1 = this.ys[lo + 1]!;
      if (x === x0) return y0;
      if (this.linear[lo] || x1 - x0 <= 2) {
        if (!this.linear[lo] && x1 - x0 <= 2) return this.sampleAt(lo, x);
        const w = (x - x0) / (x1 - x0);
        return lerpStep(y0, y1, w);
      }
      const xm = Math.round((x0 + x1) / 2);
      const ym = this.f(xm);
      const chord = y0.seconds + ((xm - x0) / (x1 - x0)) * (y1.seconds - y0.seconds);
      if (Math.abs(ym.seconds - chord) <= LINEAR_TOLERANCE * ym.seconds) {
        this.linear[lo] = true;
        continue;
      }
      xs.splice(lo + 1, 0, xm);
      this.ys.splice(lo + 1, 0, ym);
      this.linear.splice(lo, 1, false, false);
    }
  }

  /** An exact sample inside a piece too short to split: kept as a breakpoint. */
  private sampleAt(piece: number, x: number): StepTime {
    const y = this.f(x);
    this.xs.splice(piece + 1, 0, x);
    this.ys.splice(piece + 1, 0, y);
    this.linear.splice(piece, 1, true, true);
    return y;
  }

  /** Breakpoints sampled so far (tests). */
  get samples(): number {
    return this.xs.length;
  }
}
