// Exploration results -> what the Exploration panel draws: every front point and an even
// sample of the rest (a million points do not fit in a message, nor on a scatter), and the
// edits that write a point's values into a config.

import { FLAG } from '../../model/explore/evaluator';
import { paretoFront } from '../../model/explore/pareto';
import { constraintText, metricReader } from '../../model/explore/objectives';
import { schemaAt } from '../../model/config/schema';
import { valueAt } from '../../model/presets/presetValues';
import { parseQuantity } from '../../model/units';
import { infeasibleReasons, type ExploreResults } from '../../model/explore/results';
import { locator, pointValues } from '../../model/explore/space';
import { isExplorationData, NUMBER_AND_UNIT, type ExplorationData, type ExplorationPoint } from '../../webview/exploreProtocol';
import { setValueEdit } from './yamlEdit';

/** Points drawn besides the front: enough to see the cloud, few enough to draw at once. */
export const SAMPLE_POINTS = 6000;

export function explorationData(
  r: ExploreResults,
  file: string,
  total: number,
  /** `ran`: points run so far, while the run goes (the results count them only once it ends). */
  state: { done: boolean; cancelled: boolean; notes?: string[]; ran?: number; current?: ExplorationData['current']; valid?: boolean },
): ExplorationData {
  const m = r.metrics.length;
  const evaluated: number[] = [];
  let feasible = 0;
  for (let i = 0; i < r.count; i++) {
    const f = r.flags[i]!;
    if (f & FLAG.ok) evaluated.push(i);
    if (f & FLAG.feasible) feasible++;
  }
  // While running, the front is that of the sample (the full front is computed once, at the end).
  const stride = Math.max(1, Math.ceil(evaluated.length / SAMPLE_POINTS));
  const chosen = new Set<number>();
  for (let i = 0; i < evaluated.length; i += stride) chosen.add(evaluated[i]!);
  let front = r.front;
  if (!state.done) {
    const k = r.objectives.length;
    const values = new Float64Array(r.count * k);
    const candidates = [...chosen].filter((i) => r.flags[i]! & FLAG.feasible);
    for (const i of candidates)
      r.objectives.forEach((o, j) => {
        values[i * k + j] = (o.direction === 'max' ? -1 : 1) * r.values[i * m + j]!;
      });
    front = paretoFront(values, k, candidates);
  }
  const onFront = new Set(front);
  for (const i of front) chosen.add(i);
  const locate = locator(r.space);
  const at = new Float64Array(r.space.dimensions.length);
  const paths = r.space.dimensions.flatMap((d) => d.paths);
  const points: ExplorationPoint[] = [...chosen]
    .sort((a, b) => a - b)
    .map((i) => {
      locate(r.start + i, at);
      const values = pointValues(r.space, at);
      return {
        index: r.start + i,
        values: paths.map((p) => values[p]!),
        metrics: Array.from({ length: m }, (_, j) => {
          const v = r.values[i * m + j]!;
          return Number.isFinite(v) ? v : null;
        }),
        feasible: (r.flags[i]! & FLAG.feasible) !== 0,
        pareto: onFront.has(i),
        ...(r.flags[i]! & FLAG.feasible ? {} : { infeasible: infeasibleReasons(r.flags[i]!) }),
      };
    });
  return {
    file,
    paths,
    metrics: r.metrics,
    objectives: r.objectives.map((o) => ({ metric: o.metric, direction: o.direction })),
    constraints: r.constraints.map(constraintText),
    points,
    evaluated: evaluated.length,
    ran: state.ran ?? r.evaluated,
    total,
    feasible,
    seconds: r.seconds,
    done: state.done,
    cancelled: state.cancelled,
    ...(state.notes?.length ? { notes: state.notes } : {}),
    ...(state.current ? { current: state.current } : {}),
    ...(state.valid === false ? { valid: false } : {}),
  };
}

/**
 * The config as written where the chart can place it: its recorded metrics, read from the
 * editor's evaluation of it with the readers the points are read with (null where it has none:
 * a range end, which an exploration reads from the points' own categories, or a serving figure
 * of a run cut short), and each varied key's value in the unit the explored values are written
 * in (`3.28 TB/s` beside `3 TB/s, 6 TB/s`), so an axis of a varied key places it too (a
 * workbench review: the default chart, batch against a metric, never showed it).
 */
export function currentPoint(
  metrics: readonly string[],
  result: unknown,
  paths: readonly string[],
  explored: readonly (string | undefined)[],
  config: unknown,
): NonNullable<ExplorationData['current']> {
  return {
    metrics: metrics.map((m) => {
      const v = metricReader(m)(result);
      return Number.isFinite(v) ? v : null;
    }),
    values: paths.map((path, i) => writtenLike(valueAt(config, path), explored[i], path) ?? ''),
  };
}

/** `value` (the config's, in SI units) written as `like` is (`3 TB/s`): its unit and the factor to it; undefined where they differ in kind. */
function writtenLike(value: unknown, like: string | undefined, path: string): string | undefined {
  if (typeof value !== 'number' || like === undefined) return typeof value === 'string' ? value : undefined;
  const m = NUMBER_AND_UNIT.exec(like);
  if (!m) return undefined;
  const [written, unit] = [Number(m[1]), m[2]!];
  if (!unit) return String(+value.toPrecision(6));
  const node = schemaAt(path.split('.'));
  if (node?.kind !== 'quantity') return undefined;
  const parsed = parseQuantity(like, node.dimension);
  if (!parsed.ok || written === 0) return undefined;
  return `${+(value / (parsed.value / written)).toPrecision(6)} ${unit}`;
}

/** The values of point `index` of the results' space, keyed by config path. */
export function valuesOfPoint(r: ExploreResults, index: number): Record<string, string> {
  const at = new Float64Array(r.space.dimensions.length);
  locator(r.space)(index, at);
  return pointValues(r.space, at);
}

/** The values of a point the panel shows (a restored panel has no run behind it), keyed by config path. */
export function valuesOfShownPoint(data: ExplorationData, index: number): Record<string, string> | undefined {
  const point = data.points.find((p) => p.index === index);
  return point ? Object.fromEntries(data.paths.map((path, i) => [path, point.values[i]!])) : undefined;
}

/**
 * The exploration a panel restored after a window reload shows: the one its webview saved
 * in its state (`{ data }`, checked as a message from the webview is), a run still going
 * when the window reloaded marked interrupted (its workers went with the window).
 */
export function restoredExploration(state: unknown): ExplorationData | undefined {
  const data = typeof state === 'object' && state !== null ? (state as { data?: unknown }).data : undefined;
  if (!isExplorationData(data)) return undefined;
  return data.done ? data : { ...data, done: true, interrupted: true };
}

/** The config text with `values` written in, one key at a time (each edit keeps comments and layout). */
export function withValues(text: string, values: Record<string, string>): string {
  let out = text;
  for (const [path, value] of Object.entries(values)) {
    const edit = setValueEdit(out, path.split('.'), value);
    out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
  }
  return out;
}
