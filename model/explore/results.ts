// The outcome of exploring part of a space: per point its flags and recorded metrics in
// flat typed arrays (a million points is tens of megabytes, not a million objects), the
// Pareto front over the feasible ones, and the JSON / CSV forms of contract §4.3.

import type { Diagnostic } from '../diagnostics';
import { FLAG, REASONS, type NotEvaluable } from './evaluator';
import { constraintText, objectiveText, satisfies, type Constraint, type Objective } from './objectives';
import { paretoFront } from './pareto';
import { locator, pointValues, type Dimension, type Space } from './space';
import { RESIDUAL_QUANTILES } from '../ranges/residualQuantiles';

export interface ExploreResults {
  space: Space;
  objectives: Objective[];
  constraints: Constraint[];
  metrics: string[];
  /** Index of the first point and how many follow (a shard is a contiguous range). */
  start: number;
  count: number;
  /** Points evaluated so far (less than `count` when cancelled). */
  evaluated: number;
  flags: Uint16Array;
  /** `count * metrics.length`, row-major. */
  values: Float64Array;
  /** Offsets (0-based, relative to `start`) of the front, ascending. */
  front: number[];
  seconds: number;
}

export function emptyResults(
  space: Space,
  objectives: Objective[],
  constraints: Constraint[],
  metrics: string[],
  start: number,
  count: number,
): ExploreResults {
  return {
    space,
    objectives,
    constraints,
    metrics,
    start,
    count,
    evaluated: 0,
    flags: new Uint16Array(count),
    values: new Float64Array(count * metrics.length).fill(Number.NaN),
    front: [],
    seconds: 0,
  };
}

/** The front over the feasible points evaluated so far; maximised objectives are negated. */
export function computeFront(r: ExploreResults): number[] {
  const k = r.objectives.length;
  const m = r.metrics.length;
  const feasible: number[] = [];
  for (let i = 0; i < r.count; i++) if (r.flags[i]! & FLAG.feasible) feasible.push(i);
  const objectives = new Float64Array(r.count * k);
  for (const i of feasible) {
    for (let j = 0; j < k; j++) {
      const v = r.values[i * m + j]!;
      objectives[i * k + j] = r.objectives[j]!.direction === 'max' ? -v : v;
    }
  }
  r.front = paretoFront(objectives, k, feasible);
  return r.front;
}

export interface PointJson {
  index: number;
  values: Record<string, string>;
  ok: boolean;
  feasible: boolean;
  metrics: Record<string, number>;
  pareto: boolean;
  /** Why a point that was evaluated is not feasible. */
  infeasible?: string[];
  /** With `infeasible` holding `constraint`: the constraints it fails, as written (`prefill.ms<=1000`). */
  failedConstraints?: string[];
  /** Why a point could not be evaluated (`ok` false): the first error its build or check gives. */
  notEvaluable?: NotEvaluable;
}

/** Why point `index` could not be evaluated (PreparedExplore.whyNot): asked only of points that were not. */
export type WhyNot = (index: number) => NotEvaluable | undefined;

export function pointJson(
  r: ExploreResults,
  offset: number,
  onFront: boolean,
  locate = locator(r.space),
  at = new Float64Array(r.space.dimensions.length),
  whyNot?: WhyNot,
): PointJson {
  const flags = r.flags[offset]!;
  locate(r.start + offset, at);
  const metrics: Record<string, number> = {};
  if (flags & FLAG.ok)
    r.metrics.forEach((name, j) => {
      metrics[name] = r.values[offset * r.metrics.length + j]!;
    });
  const point: PointJson = {
    index: r.start + offset,
    values: pointValues(r.space, at),
    ok: (flags & FLAG.ok) !== 0,
    feasible: (flags & FLAG.feasible) !== 0,
    metrics,
    pareto: onFront,
  };
  if (flags & FLAG.ok && !(flags & FLAG.feasible)) {
    point.infeasible = infeasibleReasons(flags);
    // Which ones, not only that one failed (an architect's review had to work it out from the metrics).
    if (flags & REASONS.constraint)
      point.failedConstraints = r.constraints
        .filter((c) => metrics[c.metric] !== undefined && !satisfies(metrics[c.metric]!, c))
        .map(constraintText);
  }
  const why = flags & FLAG.ok ? undefined : whyNot?.(r.start + offset);
  if (why) point.notEvaluable = why;
  return point;
}

/**
 * Why a point with these flags is not feasible: the REASONS codes of its bits; with none, an
 * objective had no value there (`no-value`: a cost without a chip price, a latency of an
 * overloaded queue, a fleet no replica can size within the SLO), which has no bit of its own.
 */
export function infeasibleReasons(flags: number): string[] {
  const reasons = Object.entries(REASONS)
    .filter(([, bit]) => flags & bit)
    .map(([reason]) => reason);
  return reasons.length > 0 ? reasons : ['no-value'];
}

/** Evaluated points that are not feasible, and how many fail each reason (a point can fail several). */
export function infeasibleCounts(r: ExploreResults): { notFeasible: number; byReason: Map<string, number> } {
  const byReason = new Map<string, number>();
  let notFeasible = 0;
  for (let i = 0; i < r.evaluated; i++) {
    const flags = r.flags[i]!;
    if (!(flags & FLAG.ok) || flags & FLAG.feasible) continue;
    notFeasible++;
    for (const reason of infeasibleReasons(flags)) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  return { notFeasible, byReason };
}

export interface ExploreJson {
  points: PointJson[];
  evaluated: number;
  seconds: number;
  /** What was explored, so `merge` can check that shards belong together. */
  space: Space;
  objectives: string[];
  constraints: string[];
  metrics: string[];
  range: { start: number; end: number; size: number };
  feasible: number;
  frontOnly: boolean;
  /**
   * False when a likely typo in the file or a `--set` (`bacth: 3`) leaves every point a design
   * other than the one written, as `eval --json` marks its result (`valid`); said once for the run.
   */
  valid: boolean;
}

/**
 * Whether an exploration's points are of the design as written (ExploreJson.valid): not where a
 * likely typo in the file or a `--set` leaves every point another design. The CLI and the editor read it.
 */
export const explorationValid = (prepared: { diagnostics: readonly { invalidatesResult?: boolean }[] }): boolean =>
  !prepared.diagnostics.some((d) => d.invalidatesResult);

export interface ResultsOptions {
  frontOnly?: boolean;
  whyNot?: WhyNot;
  /** ExploreJson.valid (default true). */
  valid?: boolean;
}

export function resultsJson(r: ExploreResults, size: number, options: ResultsOptions = {}): ExploreJson {
  const onFront = new Uint8Array(r.count);
  for (const i of r.front) onFront[i] = 1;
  const locate = locator(r.space);
  const at = new Float64Array(r.space.dimensions.length);
  const points: PointJson[] = [];
  let feasible = 0;
  for (let i = 0; i < r.evaluated; i++) {
    if (r.flags[i]! & FLAG.feasible) feasible++;
    if (options.frontOnly && !onFront[i]) continue;
    points.push(pointJson(r, i, onFront[i] === 1, locate, at, options.whyNot));
  }
  return {
    points,
    evaluated: r.evaluated,
    seconds: r.seconds,
    space: r.space,
    objectives: r.objectives.map(objectiveText),
    constraints: r.constraints.map(constraintText),
    metrics: r.metrics,
    range: { start: r.start, end: r.start + r.count, size },
    feasible,
    frontOnly: !!options.frontOnly,
    valid: options.valid ?? true,
  };
}

export function resultsCsv(r: ExploreResults, options: ResultsOptions = {}): string {
  const onFront = new Uint8Array(r.count);
  for (const i of r.front) onFront[i] = 1;
  const locate = locator(r.space);
  const at = new Float64Array(r.space.dimensions.length);
  const points: PointJson[] = [];
  for (let i = 0; i < r.evaluated; i++)
    if (!options.frontOnly || onFront[i]) points.push(pointJson(r, i, onFront[i] === 1, locate, at, options.whyNot));
  return pointsCsv(points, r.space, r.metrics, options.valid ?? true);
}

/** Points as CSV, one row each: a run's (`resultsCsv`) and a merge of shards alike. */
export function pointsCsv(points: readonly PointJson[], space: Space, metrics: readonly string[], valid: boolean): string {
  const paths = space.dimensions.flatMap((d) => d.paths);
  // `valid` last, as the sweep CSV's: the same for every row (ExploreJson.valid), where a script reading rows sees it.
  const header = ['index', ...paths, 'ok', 'feasible', 'pareto', ...metrics, 'infeasible', 'not_evaluable', 'valid'];
  const lines = [header.map(csvCell).join(',')];
  for (const p of points)
    lines.push(
      [
        p.index,
        ...paths.map((k) => p.values[k]),
        p.ok,
        p.feasible,
        p.pareto,
        ...metrics.map((m) => p.metrics[m]),
        (p.infeasible ?? []).join(' '),
        p.notEvaluable?.code,
        valid,
      ]
        .map(csvCell)
        .join(','),
    );
  return lines.join('\n');
}

function csvCell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(+v.toPrecision(9));
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The points checked for why they could not be evaluated (re-building each is cheap, but not free). */
const NOTES_CHECKED = 1000;
/** Reasons listed; the rest are counted in one line. */
const NOTES_SHOWN = 3;

/**
 * Points no metric could be read from, grouped by the code of why (the first error a build or
 * check of each gives), with the first message and point of each as the example: said rather
 * than left blank (`ok: false`), in the CLI's stderr and the Exploration panel alike.
 */
export function notEvaluableNotes(r: ExploreResults, whyNot: (index: number) => NotEvaluable | undefined): string[] {
  // Chips varied alone against a written tensor_parallel: every other point is a layout that
  // cannot be, and the eval message does not say what to do about the grid (a review).
  const varied = new Set(r.space.dimensions.flatMap((d) => d.paths));
  const chipsAlone = varied.has('system.chips') && !varied.has('system.tensor_parallel') && !varied.has('system.pipeline_parallel');
  const hint = (n: NotEvaluable): NotEvaluable =>
    chipsAlone && n.code === 'parallelism-mismatch'
      ? {
          ...n,
          message: `${n.message.replace(/ If you counted cores.*$/, '')} Varying \`system.chips\` alone keeps \`tensor_parallel\` and \`pipeline_parallel\` as the file or its preset sets them: vary them too, or the layout (\`search\`, or the layout key of the Explore command); where no file writes \`tensor_parallel\`, it follows \`chips\`.`,
        }
      : n;
  return groupedNotes(
    r,
    (flags) => !(flags & FLAG.ok),
    (index) => [hint(whyNot(index) ?? { code: 'not-evaluated', message: 'not evaluated' })],
    'not evaluable',
  );
}

/**
 * Evaluated points with warnings their varied values bring (FLAG.warned: a bandwidth the stated
 * HBM stacks cannot give, modelled with the stacks it needs), grouped by code with an example, as
 * `notEvaluableNotes`: a value the model changed or doubts is said, not left to look like a
 * design of its own.
 */
export function variedWarningNotes(r: ExploreResults, whatWarned: (index: number) => NotEvaluable[]): string[] {
  return groupedNotes(r, (flags) => (flags & FLAG.warned) !== 0, whatWarned, 'with a warning');
}

/**
 * Varied keys that change none of the recorded metrics: every pair of evaluated grid points
 * that differ only in that key's value recorded the same numbers (the first 2,000 points'
 * pairs checked). Such a key is not read by what is recorded — `workload.batch` beside fleet
 * metrics only (the fleet is sized from the serving simulation's batches, not the static
 * batch) — and a front over it would just repeat each point once per value.
 */
export function inertDimensionNotes(r: ExploreResults): string[] {
  return inertDimensions(r).map(
    (dim) =>
      `${dim.paths.join(', ')}: every value recorded the same ${r.metrics.join(', ')}, ${r.metrics.length === 1 ? 'which does not change with it here' : 'none of which changes with it here'}: varying it only repeats each point`,
  );
}

/** The varied dimensions `inertDimensionNotes` speaks of, in the space's order. */
function inertDimensions(r: ExploreResults): Dimension[] {
  if (r.space.sampling.kind !== 'grid' || r.metrics.length === 0) return [];
  const dims = r.space.dimensions;
  const radix = dims.map((d) => (d.kind === 'discrete' ? d.choices.length : 1));
  const m = r.metrics.length;
  const same = (i: number, j: number) => {
    for (let k = 0; k < m; k++) {
      const a = r.values[i * m + k]!;
      const b = r.values[j * m + k]!;
      if (!(a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)))) return false;
    }
    return true;
  };
  const inert: Dimension[] = [];
  let stride = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    const dim = dims[d]!;
    const count = radix[d]!;
    let pairs = 0;
    let differs = false;
    for (let i = 0; i < Math.min(r.evaluated, 2000) && !differs; i++) {
      const j = i + stride;
      if (j >= r.evaluated || Math.floor((r.start + i) / stride) % count === count - 1) continue;
      if (!(r.flags[i]! & FLAG.ok) || !(r.flags[j]! & FLAG.ok)) continue;
      pairs++;
      differs = !same(i, j);
    }
    if (dim.kind === 'discrete' && count > 1 && pairs > 0 && !differs) inert.push(dim);
    stride *= count;
  }
  return inert.reverse();
}

/**
 * What a run notes about its points' values, in the order the CLI, merge and the panel print
 * them: varied keys that change nothing recorded, front points that tie exactly, front points
 * by a hair, and contenders off the front.
 */
export function valueNotes(r: ExploreResults): string[] {
  return [...inertDimensionNotes(r), ...exactTieNotes(r), ...nearTieNotes(r), ...contenderNotes(r)];
}

/**
 * Front points equal to another front point on every objective: neither is better, so the front
 * keeps both, and a front over a key that moves no objective there repeats each design once per
 * value (an architect's review: every design 3-4 times, at SRAM bandwidths the banks' ports give
 * for free). Said with an example pair and what it differs in. The first 2,000 front points.
 */
export function exactTieNotes(r: ExploreResults): string[] {
  const front = (r.front ?? []).slice(0, 2000);
  const k = r.objectives.length;
  const m = r.metrics.length;
  const groups = new Map<string, number[]>();
  for (const i of front) {
    let key = '';
    for (let o = 0; o < k; o++) key += `${r.values[i * m + o]},`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  // Ties that only an inert key makes are its note's (every value of it repeats each point).
  const inert = new Set(inertDimensions(r).flatMap((d) => d.paths));
  const valuesOf = (i: number) => pointJson(r, i, false).values;
  const differing = (a: number, b: number) => {
    const [va, vb] = [valuesOf(a), valuesOf(b)];
    return Object.keys(va).filter((key) => va[key] !== vb[key]);
  };
  // A group's example: two of its points that differ in a key that is not inert (an inert key
  // varied faster than the one that makes the tie would hide it behind the first two points).
  let compared = 0;
  const exampleOf = (group: number[]): [number, number] | undefined => {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        // A bound on the pairs compared: a front of thousands of equal points must not take seconds.
        if (++compared > 20_000) return undefined;
        if (differing(group[i]!, group[j]!).some((key) => !inert.has(key))) return [group[i]!, group[j]!];
      }
    return undefined;
  };
  const tied = [...groups.values()].flatMap((g) => {
    const example = g.length > 1 ? exampleOf(g) : undefined;
    return example ? [{ size: g.length, example }] : [];
  });
  if (tied.length === 0) return [];
  const points = tied.reduce((n, g) => n + g.size, 0);
  const [a, b] = tied[0]!.example;
  const [va, vb] = [valuesOf(a), valuesOf(b)];
  const differ = differing(a, b);
  return [
    `${points.toLocaleString('en')} of the ${front.length.toLocaleString('en')} front points${front.length < (r.front?.length ?? 0) ? ' compared' : ''} ${points === 1 ? 'ties' : 'tie'} another front point on every objective (${tied.length.toLocaleString('en')} group${tied.length === 1 ? '' : 's'}): neither is better, so the front keeps each. E.g. ${differ.map((key) => `${key}=${va[key]}`).join(', ')} and ${differ.map((key) => `${key}=${vb[key]}`).join(', ')} (otherwise the same) give the same ${r.objectives.map((o) => o.metric).join(' and ')}: what they differ in changes no objective there`,
  ];
}

/** Relative difference below which two objective values are within the model's resolution (its ranges span tens of per cent). */
export const NEAR_TIE = 1e-3;

/**
 * Front points on the front only by a difference below the model's resolution: another front
 * point is within 0.1 % of them on every objective and better by more than that on one. By
 * the contract's exact dominance (pareto.ts) they are on the front, but the model cannot tell
 * them from a dominated point (past the bandwidth decode needs, its latency still moves in the
 * eighth digit as the price rises). The first 2,000 points of the front are compared.
 */
export function nearTiePoints(r: ExploreResults): Set<number> {
  const front = (r.front ?? []).slice(0, NEAR_TIE_FRONT_POINTS);
  const k = r.objectives.length;
  const m = r.metrics.length;
  const value = (i: number, o: number) => (r.objectives[o]!.direction === 'max' ? -1 : 1) * r.values[i * m + o]!;
  /** j is no worse than i beyond the resolution on every objective, and better beyond it on one. */
  const nearlyDominates = (j: number, i: number) => {
    let better = false;
    for (let o = 0; o < k; o++) {
      const [a, b] = [value(j, o), value(i, o)];
      const tolerance = NEAR_TIE * Math.max(Math.abs(a), Math.abs(b));
      if (a > b + tolerance) return false;
      if (a < b - tolerance) better = true;
    }
    return better;
  };
  return new Set(front.filter((i) => front.some((j) => j !== i && nearlyDominates(j, i))));
}
const NEAR_TIE_FRONT_POINTS = 2000;
/** The mark the CLI's front table puts before a near-tie point (nearTiePoints). */
export const NEAR_TIE_MARK = '≈';

export function nearTieNotes(r: ExploreResults): string[] {
  const compared = Math.min(r.front?.length ?? 0, NEAR_TIE_FRONT_POINTS);
  const byAHair = nearTiePoints(r).size;
  if (byAHair === 0) return [];
  return [
    `${byAHair.toLocaleString('en')} of the ${compared.toLocaleString('en')} front points${compared < (r.front?.length ?? 0) ? ' compared' : ''} ${byAHair === 1 ? 'is' : 'are'} on it by less than 0.1 %: another front point is within 0.1 % of each on every objective and better by more on one. The front is exact (no other feasible point is better on one objective and no worse on any), but the model cannot tell such a point from a dominated one (its ranges span tens of per cent)`,
  ];
}

/** Front points compared with every feasible point for contenders; a longer front is sampled evenly along it. */
export const CONTENDER_FRONT_POINTS = 2000;

/**
 * The model's 80 % error on the ratio of two configurations of one chip and runtime, in log
 * terms, for an objective's metric: the paired residuals' (docs/validation.md, "Paired
 * ranges"), of a chip and runtime the fit has seen, the narrower of the two kinds, so that
 * fewer points are called contenders, not more. Metrics without pairs of their own (costs,
 * fleets, areas) take the pooled figure.
 */
export function pairedTolerance(metric: string): number | undefined {
  const seen = RESIDUAL_QUANTILES.paired?.seen;
  const q = seen?.metrics[metric as keyof typeof seen.metrics] ?? seen?.all;
  return q && Math.max(Math.abs(q.q10), Math.abs(q.q90));
}

/**
 * Feasible points off the front that no front point beats by more than the model's paired
 * error: on the front's own terms they lose, but by less than the model can tell two designs
 * apart (an operator's review: 4 chips in FP8 at $3.36 per million tokens was the whole answer,
 * 8 chips at $3.42 unmentioned). A point is beaten clearly when a front point is better by more
 * than the error on one objective and worse by no more than it on any. Up to 2,000 front points
 * are compared, evenly along a longer front.
 */
export function contenderNotes(r: ExploreResults): string[] {
  const whole = r.front ?? [];
  // Evenly along a longer front: its first points alone left the far end's losers counted as contenders.
  const stride = Math.max(1, whole.length / CONTENDER_FRONT_POINTS);
  const front =
    whole.length > CONTENDER_FRONT_POINTS
      ? Array.from({ length: CONTENDER_FRONT_POINTS }, (_, i) => whole[Math.floor(i * stride)]!)
      : whole;
  const k = r.objectives.length;
  const tolerance = r.objectives.map((o) => pairedTolerance(o.metric));
  if (front.length === 0 || tolerance.some((t) => t === undefined)) return [];
  const m = r.metrics.length;
  const onFront = new Set(whole);
  // Each objective's log, signed so that lower is better (NaN where a value is not positive: never a contender).
  const logs = new Float64Array(r.evaluated * k);
  for (let i = 0; i < r.evaluated; i++)
    for (let o = 0; o < k; o++) logs[i * k + o] = (r.objectives[o]!.direction === 'max' ? -1 : 1) * Math.log(r.values[i * m + o]!);
  // How much worse i is than j on objective o, in log terms (positive: worse).
  const worseBy = (i: number, j: number, o: number) => logs[i * k + o]! - logs[j * k + o]!;
  const comparable = (i: number) => logs.subarray(i * k, i * k + k).every(Number.isFinite);
  // A zero or negative objective (a free design, a negative margin) has no ratio to compare.
  if (!front.every(comparable)) return [];
  const beatenClearly = (i: number, j: number) => {
    let clearly = false;
    for (let o = 0; o < k; o++) {
      const d = worseBy(i, j, o);
      if (!(d >= -tolerance[o]!)) return false;
      if (d > tolerance[o]!) clearly = true;
    }
    return clearly;
  };
  let count = 0;
  let nearest: { index: number; by: number } | undefined;
  for (let i = 0; i < r.evaluated; i++) {
    if (!(r.flags[i]! & FLAG.feasible) || onFront.has(i) || !comparable(i) || front.some((j) => beatenClearly(i, j))) continue;
    count++;
    // The nearest: the least worst share behind its closest front point.
    const by = Math.min(...front.map((j) => Math.max(...r.objectives.map((_, o) => worseBy(i, j, o)))));
    if (!nearest || by < nearest.by) nearest = { index: i, by };
  }
  if (count === 0 || !nearest) return [];
  const errors = [...new Set(r.objectives.map((o, n) => `±${Math.round(100 * (Math.exp(tolerance[n]!) - 1))} % on ${o.metric}`))];
  return [
    `${count.toLocaleString('en')} feasible point${count === 1 ? '' : 's'} off the front ${count === 1 ? 'is' : 'are'} behind it by less than the model's error on a ratio of two configurations (80 %, paired: ${errors.join(', ')}; docs/validation.md): the front ranks ${count === 1 ? 'it' : 'them'} by point predictions the model cannot tell apart${front.length < whole.length ? ` (compared with ${front.length.toLocaleString('en')} of the ${whole.length.toLocaleString('en')} front points, evenly along it)` : ''}. The nearest, ${Math.max(0, 100 * (Math.exp(nearest.by) - 1)).toPrecision(2)} % behind: ${pointText(r, nearest.index)}`,
  ];
}

/** A point by its varied values, `path=value, ...`; `offset` is relative to the results' start. */
export function pointText(r: Pick<ExploreResults, 'space' | 'start'>, offset: number): string {
  const at = new Float64Array(r.space.dimensions.length);
  locator(r.space)(r.start + offset, at);
  return Object.entries(pointValues(r.space, at))
    .map(([path, v]) => `${path}=${v}`)
    .join(', ');
}

/** The selected points counted by the code of each thing said about them (a point can have several), the first of each as its example. */
function groupedNotes(
  r: ExploreResults,
  selected: (flags: number) => boolean,
  said: (index: number) => NotEvaluable[],
  what: string,
): string[] {
  const reasons = new Map<string, { count: number; example: number; message: string }>();
  let checked = 0;
  let stoppedEarly = false;
  for (let i = 0; i < r.evaluated; i++) {
    if (!selected(r.flags[i]!)) continue;
    if (checked === NOTES_CHECKED) {
      stoppedEarly = true;
      break;
    }
    checked++;
    for (const { code, message } of said(r.start + i)) {
      const known = reasons.get(code);
      if (known) known.count++;
      else reasons.set(code, { count: 1, example: i, message });
    }
  }
  const sorted = [...reasons].sort((a, b) => b[1].count - a[1].count);
  // Past the points checked, a count is of those: "1,000 of the 1,000 checked (of 12,288 points with
  // a warning) [code]": the count is of this code among the points checked, the total of every
  // point selected (its words before read as garbled, then as a share of the grid, then twice as
  // hard to read: reviews).
  let total = 0;
  if (stoppedEarly) for (let i = 0; i < r.evaluated; i++) if (selected(r.flags[i]!)) total++;
  const counted = (count: number) =>
    stoppedEarly
      ? `${count.toLocaleString('en')} of the ${NOTES_CHECKED.toLocaleString('en')} checked (of ${total.toLocaleString('en')} points ${what})`
      : `${count.toLocaleString('en')} point${count === 1 ? '' : 's'} ${what}`;
  const lines = sorted.slice(0, NOTES_SHOWN).map(([code, { count, example, message }]) => {
    const values = Object.entries(pointJson(r, example, false).values)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return `${counted(count)} [${code}], e.g. ${values}: ${message}`;
  });
  const rest = sorted.slice(NOTES_SHOWN);
  if (rest.length > 0) {
    const points = rest.reduce((n, [, { count }]) => n + count, 0);
    lines.push(
      `${points.toLocaleString('en')} more ${what} for ${rest.length} other reason${rest.length === 1 ? '' : 's'} (${rest.map(([code]) => code).join(', ')})`,
    );
  }
  return lines;
}

/**
 * A problem with a varied value (PreparedExplore.diagnostics), as one line: its message
 * already starts with the value (`chip.process=2 nm: …`), so the key is not said again
 * unless the problem is at another key. The CLI's warnings and the panel's notes alike.
 */
export function variedValueNote(d: Pick<Diagnostic, 'path' | 'message' | 'code'>): string {
  const named = d.message.startsWith(`${d.path}=`) || d.message.includes(`, ${d.path}=`);
  return `${named ? '' : `${d.path}: `}${d.message} [${d.code}]`;
}
