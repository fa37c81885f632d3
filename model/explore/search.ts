// The automatic choice of how to run a model on a chip: chip count, tensor x pipeline
// parallelism and batch, searched exhaustively for the best feasible design under latency
// limits (the question Vidur's configuration search answers by simulation, here over the
// analytical model). Layouts keep tensor_parallel x pipeline_parallel = chips by
// construction, so no point is spent on a layout that cannot run.

import { FLAG } from './evaluator';
import { computeFront, NEAR_TIE, type ExploreResults } from './results';
import type { DiscreteDimension } from './space';

/** Every (chips, tensor, pipeline) with chips a power of two up to `maxChips` and tp x pp = chips. */
export function parallelismDimension(maxChips: number, linkDomainChips = Infinity): DiscreteDimension {
  const choices: { texts: string[] }[] = [];
  for (let chips = 1; chips <= maxChips; chips *= 2) {
    // Tensor parallelism stays within the chips the link reaches (`chip.link.domain`): wider,
    // its all-reduces would cross a network the link does not describe; pipeline stages span it.
    for (let tp = 1; tp <= Math.min(chips, linkDomainChips); tp *= 2)
      choices.push({ texts: [String(chips), String(tp), String(chips / tp)] });
  }
  return { kind: 'discrete', paths: ['system.chips', 'system.tensor_parallel', 'system.pipeline_parallel'], choices };
}

/** Every batch from 1 to `maxBatch`: the cheapest batch under a latency limit sits at the limit, so no step is skipped. */
export function batchDimension(maxBatch: number): DiscreteDimension {
  return { kind: 'discrete', paths: ['workload.batch'], choices: Array.from({ length: maxBatch }, (_, i) => ({ texts: [String(i + 1)] })) };
}

/**
 * The best feasible point: among the front's points (computeFront), those within 0.1 % of the
 * lowest on the first objective (negated when maximised), the model's resolution, then of
 * those the lowest on the next objective, and so on; then the lower index. Undefined when
 * nothing is feasible. On the front by construction: the front is exact (the contract's), and
 * a cost lower in the sixth digit does not beat a latency 20 % lower at the same cost.
 */
export function bestPoint(r: ExploreResults): number | undefined {
  const m = r.metrics.length;
  let candidates = [...computeFront(r)].filter((i) => i < r.evaluated && r.flags[i]! & FLAG.feasible);
  r.objectives.forEach((o, j) => {
    const value = (i: number) => (o.direction === 'max' ? -1 : 1) * r.values[i * m + j]!;
    const lowest = Math.min(...candidates.map(value));
    // Within the resolution a tie the next objective breaks; the last has no next: its lowest.
    const tie = j < r.objectives.length - 1 ? NEAR_TIE * Math.abs(lowest) : 0;
    candidates = candidates.filter((i) => value(i) - lowest <= tie);
  });
  return candidates.length ? Math.min(...candidates) : undefined;
}

/**
 * When nothing is feasible, the evaluable point nearest to being so: the least sum, over the
 * constraints, of how far each misses its bound as a share of the bound. Undefined when no
 * point was evaluable or there are no constraints.
 */
export function closestPoint(r: ExploreResults): number | undefined {
  const m = r.metrics.length;
  const columns = r.constraints.map((c) => r.metrics.indexOf(c.metric));
  if (!r.constraints.length || columns.some((j) => j < 0)) return undefined;
  let closest: number | undefined;
  let least = Infinity;
  for (let i = 0; i < r.evaluated; i++) {
    if (!(r.flags[i]! & FLAG.ok)) continue;
    let miss = 0;
    r.constraints.forEach((c, k) => {
      const v = r.values[i * m + columns[k]!]!;
      const over = c.op === '<=' || c.op === '<' ? v - c.value : c.value - v;
      miss += Number.isNaN(v) ? Infinity : Math.max(0, over) / Math.max(Math.abs(c.value), Number.MIN_VALUE);
    });
    if (miss < least) [closest, least] = [i, miss];
  }
  return closest;
}
