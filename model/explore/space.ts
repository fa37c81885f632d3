// A design space: dimensions (config keys and the values each may take) and how points are
// drawn from it — the full grid in a fixed order, or a seeded random / Latin-hypercube
// sample. A point is identified by its index alone, so shards, workers and a later `merge`
// agree on what point i is without exchanging the points themselves.

import { mulberry32, pointUniform } from './random';

/** One value of a dimension: the text written for each of its keys (the config's own syntax). */
export interface Choice {
  texts: readonly string[];
}

/**
 * A dimension varies one key (`workload.batch`) or several keys together (a parallelism
 * layout: `system.chips`, `system.tensor_parallel`, `system.pipeline_parallel`).
 */
export interface DiscreteDimension {
  kind: 'discrete';
  paths: readonly string[];
  choices: readonly Choice[];
}

/** A continuous range: only for sampling (a grid needs a step count, which makes it discrete). */
export interface RangeDimension {
  kind: 'range';
  paths: readonly [string];
  /** The written numbers and their shared unit text (`2`, `8`, `TB/s`). */
  from: number;
  to: number;
  unit: string;
  scale: 'linear' | 'log';
  /** Counts take whole values. */
  integer: boolean;
}

export type Dimension = DiscreteDimension | RangeDimension;

export type Sampling = { kind: 'grid' } | { kind: 'random' | 'lhs'; samples: number; seed: number };

export interface Space {
  dimensions: readonly Dimension[];
  sampling: Sampling;
}

/** Points in the space: the grid's product of choice counts, or the sample size. */
export function spaceSize(space: Space): number {
  if (space.sampling.kind !== 'grid') return space.sampling.samples;
  let n = 1;
  for (const d of space.dimensions) n *= d.kind === 'discrete' ? d.choices.length : Number.NaN;
  return n;
}

/** The `shard`-th of `shards` disjoint contiguous index ranges (1-based), whose union is [0, size). */
export function shardRange(size: number, shard: number, shards: number): { start: number; end: number } {
  return { start: Math.floor(((shard - 1) * size) / shards), end: Math.floor((shard * size) / shards) };
}

/**
 * Where point `index` sits in each dimension: for a discrete dimension the choice index,
 * for a range the position t in [0, 1). Written into `out` (one slot per dimension) so the
 * hot loop allocates nothing.
 */
export type Locator = (index: number, out: Float64Array) => void;

export function locator(space: Space): Locator {
  const dims = space.dimensions;
  const s = space.sampling;
  if (s.kind === 'grid') {
    const radix = dims.map((d) => (d.kind === 'discrete' ? d.choices.length : 1));
    // The first dimension varies slowest: the order of nested loops written in the order given.
    return (index, out) => {
      let rest = index;
      for (let d = dims.length - 1; d >= 0; d--) {
        const r = radix[d]!;
        out[d] = rest % r;
        rest = Math.floor(rest / r);
      }
    };
  }
  const n = s.samples;
  const permutations =
    s.kind === 'lhs' ? dims.map((_, d) => permutation(n, mulberry32((s.seed ^ Math.imul(d + 1, 0x9e3779b1)) >>> 0))) : undefined;
  return (index, out) => {
    for (let d = 0; d < dims.length; d++) {
      const u = pointUniform(s.seed, index, d);
      // Latin hypercube (McKay, Beckman & Conover 1979): each of the n strata of every
      // dimension holds exactly one sample.
      const t = permutations ? (permutations[d]![index]! + u) / n : u;
      const dim = dims[d]!;
      out[d] = dim.kind === 'discrete' ? Math.min(dim.choices.length - 1, Math.floor(t * dim.choices.length)) : t;
    }
  };
}

/** The value of a range dimension at position t, in its written unit (`4.25 TB/s`). */
export function rangeNumber(dim: RangeDimension, t: number): number {
  const v = dim.scale === 'log' ? dim.from * Math.pow(dim.to / dim.from, t) : dim.from + t * (dim.to - dim.from);
  return dim.integer ? Math.round(v) : v;
}

export function rangeText(dim: RangeDimension, t: number): string {
  const v = rangeNumber(dim, t);
  const written = dim.integer ? String(v) : String(+v.toPrecision(6));
  return dim.unit ? `${written} ${dim.unit}` : written;
}

/** Fisher–Yates with a seeded generator: the same seed gives the same permutation in every shard. */
function permutation(n: number, next: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** The values of point `index`, keyed by config path, as written in the config syntax. */
export function pointValues(space: Space, at: Float64Array): Record<string, string> {
  const values: Record<string, string> = {};
  space.dimensions.forEach((dim, d) => {
    if (dim.kind === 'discrete') {
      const choice = dim.choices[at[d]!]!;
      dim.paths.forEach((p, k) => {
        values[p] = choice.texts[k]!;
      });
    } else {
      values[dim.paths[0]] = rangeText(dim, at[d]!);
    }
  });
  return values;
}
