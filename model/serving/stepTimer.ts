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
// engine on a composition rounded to 1/256 relative (below 0.4 % in any dimension) so that
// steps of similar composition share one evaluation.

import type { DesignPoint } from '../design';
import { stepCost, type StepCost } from '../engine/evaluate';

/** Relative deviation from the chord below which a piece counts as linear. */
const LINEAR_TOLERANCE = 1e-7;
/** Mantissa bits kept when a prefill composition is rounded for the cache. */
const ROUNDING_BITS = 8;

export interface StepTime {
  seconds: number;
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

export class StepTimer {
  private readonly decodeCurves = new Map<number, PiecewiseLinear>();
  private readonly prefillCache = new Map<string, StepTime>();
  /** Engine evaluations so far (for benchmarks and tests). */
  evaluations = 0;

  constructor(private readonly design: DesignPoint, private readonly maxContextTokens: number) {}

  /** One decode step of `sequences` sequences attending to `contextTokens` cached tokens in total. */
  decode(sequences: number, contextTokens: number): StepTime {
    let curve = this.decodeCurves.get(sequences);
    if (!curve) {
      const lo = sequences;
      const hi = Math.max(lo + 2, sequences * this.maxContextTokens);
      curve = new PiecewiseLinear((c) => this.engine(sequences, sequences, c, c, 'decode'), lo, hi);
      this.decodeCurves.set(sequences, curve);
    }
    return curve.at(contextTokens);
  }

  /** A step with prefill work, beside `decodeSequences` decodes attending to `decodeContextTokens`. */
  mixed(prefill: PrefillPart, decodeSequences: number, decodeContextTokens: number): StepTime {
    const p = { sequences: prefill.sequences, tokens: round(prefill.tokens), attendedPairs: round(prefill.attendedPairs), kvTokens: round(prefill.kvTokens) };
    const b = decodeSequences > 16 ? round(decodeSequences) : decodeSequences;
    const key = `${b}|${p.sequences}|${p.tokens}|${p.attendedPairs}|${p.kvTokens}`;
    let marginal = this.prefillCache.get(key);
    if (!marginal) {
      const whole = this.engine(b + p.sequences, b + p.tokens, p.attendedPairs, p.kvTokens, 'prefill');
      if (b === 0) marginal = whole;
      else {
        const decodeOnly = this.engine(b, b, 0, 0, 'decode');
        marginal = { seconds: whole.seconds - decodeOnly.seconds, joules: whole.joules - decodeOnly.joules };
      }
      this.prefillCache.set(key, marginal);
    }
    if (decodeSequences === 0) return marginal;
    const d = this.decode(decodeSequences, decodeContextTokens);
    return { seconds: d.seconds + marginal.seconds, joules: d.joules + marginal.joules };
  }

  private engine(sequences: number, tokens: number, attendedPairs: number, kvTokens: number, phase: 'prefill' | 'decode'): StepTime {
    this.evaluations++;
    const cost: StepCost = stepCost(this.design, {
      phase, batch: sequences,
      // Means per sequence, for the tiling of the attention products only.
      tokensPerSequence: tokens / sequences, context: Math.max(1, kvTokens / sequences),
      mixed: { tokens, attendedPairs, kvTokens },
    });
    return { seconds: cost.seconds, joules: cost.dynamicJoulesPerChip };
  }
}

/** `value` rounded to ROUNDING_BITS significant bits (integers below 2^bits stay exact). */
function round(value: number): number {
  if (value < 1 << ROUNDING_BITS) return value;
  const shift = 2 ** (Math.floor(Math.log2(value)) - ROUNDING_BITS + 1);
  return Math.round(value / shift) * shift;
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

  constructor(private readonly f: (x: number) => StepTime, lo: number, hi: number) {
    this.xs = [lo, hi];
    this.ys = [f(lo), f(hi)];
    this.linear = [false];
  }

  at(x: number): StepTime {
    const xs = this.xs;
    if (x <= xs[0]!) return x === xs[0] ? this.ys[0]! : this.f(x);
    if (x >= xs[xs.length - 1]!) return x === xs[xs.length - 1] ? this.ys[xs.length - 1]! : this.f(x);
    for (;;) {
      let lo = 0;
      let hi = xs.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (xs[mid]! <= x) lo = mid; else hi = mid;
      }
      const x0 = xs[lo]!;
      const x1 = xs[lo + 1]!;
      const y0 = this.ys[lo]!;
      const y1 = this.ys[lo + 1]!;
      if (x === x0) return y0;
      if (this.linear[lo] || x1 - x0 <= 2) {
        if (!this.linear[lo] && x1 - x0 <= 2) return this.sampleAt(lo, x);
        const w = (x - x0) / (x1 - x0);
        return { seconds: y0.seconds + w * (y1.seconds - y0.seconds), joules: y0.joules + w * (y1.joules - y0.joules) };
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
  get samples(): number { return this.xs.length; }
}
