// Merging the outputs of shards (`explore --shard I/N --json`, run anywhere) into one
// result: the shards must explore the same space with the same objectives and constraints
// and must not overlap; the front is recomputed over the union. The global front is a
// subset of the union of the shards' fronts (a point no point dominates is dominated by
// nothing in its own shard either), so shards run with `--front` merge to the same front.

import { FLAG } from './evaluator';
import { parseConstraint, parseObjective } from './objectives';
import { paretoFront } from './pareto';
import type { ExploreJson, ExploreResults, PointJson } from './results';

export class MergeError extends Error {}

export interface Merged extends ExploreJson {
  /** Index ranges of the space no shard covered (empty when the union is the whole space). */
  missing: { start: number; end: number }[];
}

export function mergeShards(shards: readonly ExploreJson[]): Merged {
  if (shards.length === 0) throw new MergeError('nothing to merge');
  const first = shards[0]!;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const s of shards) {
    if (!s || !Array.isArray(s.points) || !s.range || !s.space)
      throw new MergeError('not the output of `explore --json` (no points, range or space)');
    if (!same(s.space, first.space)) throw new MergeError('the shards explore different spaces');
    if (!same(s.objectives, first.objectives) || !same(s.constraints, first.constraints))
      throw new MergeError('the shards use different objectives or constraints');
    if (!same(s.metrics, first.metrics) || s.range.size !== first.range.size)
      throw new MergeError('the shards record different metrics or spaces of different sizes');
    if (![s.range.start, s.range.size, s.evaluated, s.feasible, s.seconds].every(Number.isFinite))
      throw new MergeError('not the output of `explore --json` (its range, counts or time are not numbers)');
    const seen = new Set<number>();
    s.points.forEach((p, i) => {
      checkPoint(p, i, s);
      if (seen.has(p.index)) throw new MergeError(`not the output of \`explore --json\`: point ${p.index} is in a shard twice`);
      seen.add(p.index);
    });
  }
  const ranges = shards.map((s) => [s.range.start, s.range.start + s.evaluated] as const).sort((a, b) => a[0] - b[0]);
  const missing: { start: number; end: number }[] = [];
  let covered = 0;
  for (const [start, end] of ranges) {
    if (start < covered) throw new MergeError(`shards overlap at point ${start}`);
    if (start > covered) missing.push({ start: covered, end: start });
    covered = end;
  }
  if (covered < first.range.size) missing.push({ start: covered, end: first.range.size });

  const points: PointJson[] = shards.flatMap((s) => s.points.map((p) => ({ ...p, pareto: false }))).sort((a, b) => a.index - b.index);
  const objectives = first.objectives.map(parseObjective);
  const k = objectives.length;
  const values = new Float64Array(points.length * k);
  const feasible: number[] = [];
  points.forEach((p, i) => {
    if (!p.feasible) return;
    feasible.push(i);
    objectives.forEach((o, j) => {
      values[i * k + j] = o.direction === 'max' ? -p.metrics[o.metric]! : p.metrics[o.metric]!;
    });
  });
  for (const i of paretoFront(values, k, feasible)) points[i]!.pareto = true;
  const frontOnly = shards.some((s) => s.frontOnly);
  return {
    points: frontOnly ? points.filter((p) => p.pareto) : points,
    evaluated: shards.reduce((n, s) => n + s.evaluated, 0),
    seconds: shards.reduce((n, s) => n + s.seconds, 0),
    space: first.space,
    objectives: first.objectives,
    constraints: first.constraints,
    metrics: first.metrics,
    range: { start: 0, end: first.range.size, size: first.range.size },
    feasible: shards.reduce((n, s) => n + s.feasible, 0),
    frontOnly,
    // Shards written before runs said it count as valid.
    valid: shards.every((s) => s.valid !== false),
    missing,
  };
}

/**
 * The merged points as one run's results, for what a single run notes about them (keys that
 * change nothing, near ties, contenders): every point of the space, in order. Undefined where
 * shards kept only their fronts or left points out (a review: `merge` printed none of the notes).
 */
export function mergedResults(m: Merged): ExploreResults | undefined {
  const size = m.range.size;
  if (m.frontOnly || m.missing.length > 0 || m.points.length !== size) return undefined;
  const k = m.metrics.length;
  const values = new Float64Array(size * k).fill(Number.NaN);
  const flags = new Uint16Array(size);
  const front: number[] = [];
  for (const p of m.points) {
    m.metrics.forEach((metric, j) => (values[p.index * k + j] = p.metrics[metric] ?? Number.NaN));
    flags[p.index] = (p.ok ? FLAG.ok : 0) | (p.feasible ? FLAG.feasible : 0);
    if (p.pareto) front.push(p.index);
  }
  return {
    space: m.space,
    objectives: m.objectives.map(parseObjective),
    constraints: m.constraints.map(parseConstraint),
    metrics: m.metrics,
    start: 0,
    count: size,
    evaluated: size,
    flags,
    values,
    front: front.sort((a, b) => a - b),
    seconds: m.seconds,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A point as `explore --json` writes it: an edited or truncated file is refused, not merged. */
function checkPoint(p: PointJson, i: number, shard: ExploreJson): void {
  const bad = (what: string) => new MergeError(`not the output of \`explore --json\`: point ${i} of a shard ${what}`);
  if (!isRecord(p)) throw bad('is not an object');
  const { start } = shard.range;
  if (!Number.isInteger(p.index) || p.index < start || p.index >= start + shard.evaluated)
    throw bad(`has no index within its range (${start} to ${start + shard.evaluated - 1})`);
  if (typeof p.ok !== 'boolean' || typeof p.feasible !== 'boolean') throw bad('has no `ok` or `feasible`');
  if (!isRecord(p.values) || !isRecord(p.metrics)) throw bad('has no `values` or `metrics`');
  if (!Object.values(p.metrics).every((v) => v === null || typeof v === 'number')) throw bad('has a metric that is not a number');
  if (p.feasible && !shard.objectives.every((o) => typeof p.metrics[parseObjective(o).metric] === 'number'))
    throw bad('is feasible without a number for every objective');
}
