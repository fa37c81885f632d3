// Messages between the host and the Exploration panel (a panel of its own: one exploration
// of one config, beside the design views). Checked on receipt like webview/protocol.ts.

/** What the panel shows: the front and a bounded sample of the other points (a million do not fit in a message). */
export interface ExplorationData {
  /** The explored config (a URI), shown and used to apply a point's values. */
  file: string;
  /** Varied keys, in the order of each point's `values`. */
  paths: string[];
  /** Recorded metrics, objectives first, in the order of each point's `metrics`. */
  metrics: string[];
  objectives: { metric: string; direction: 'min' | 'max' }[];
  constraints: string[];
  points: ExplorationPoint[];
  /** Points that evaluated (a number for every metric) so far; `done` once the run ends (or is cancelled). */
  evaluated: number;
  /** Points run so far, evaluable or not, of `total` (absent in a state saved before it was sent). */
  ran?: number;
  total: number;
  feasible: number;
  seconds: number;
  done: boolean;
  cancelled: boolean;
  /** The window reloaded while the run was going: what it had evaluated by then (restored panel). */
  interrupted?: boolean;
  /** The config, or a file it reads, has changed since the exploration ran: its points are of an earlier version. */
  stale?: boolean;
  /** Why points could not be evaluated, by reason with an example (model/explore/results.ts `notEvaluableNotes`); once done. */
  notes?: string[];
  /** False where a likely typo in the config leaves every point a design other than the one written (as the CLI's `valid`; absent: valid). */
  valid?: boolean;
  /** The config as written, as the editor evaluates it: its recorded metrics in `metrics`' order (null where it has none) and its values of `paths` (in the explored values' units; '' where unknown), so the chart marks where it stands. */
  current?: { metrics: (number | null)[]; values: string[] };
}

export interface ExplorationPoint {
  index: number;
  values: string[];
  /** Null where a metric is not a number (a point that did not evaluate). */
  metrics: (number | null)[];
  feasible: boolean;
  pareto: boolean;
  /** Why an evaluated point is not feasible: reason codes (`memory`, `tdp`, `heads`, `constraint`; model/explore/reasons.ts words them). */
  infeasible?: string[];
}

/** A varied key's value as written (`4 TB/s`, `32`): its number and unit. The chart's axes read it; the host writes the config's own value the same way. */
export const NUMBER_AND_UNIT = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(.*?)\s*$/i;

export type ExploreHostMessage = { type: 'exploration'; data: ExplorationData } | { type: 'theme' };

export type ExportKind = 'csv' | 'json' | 'svg';

export type ExploreViewMessage =
  | { type: 'ready' }
  /** Write the point's values into the config as one undoable edit. */
  | { type: 'apply'; index: number }
  /** A new config file beside this one with the point's values. */
  | { type: 'open'; index: number }
  | { type: 'cancel' }
  /** `data` is the file's text (CSV of the shown points, JSON, or the chart's SVG). */
  | { type: 'export'; format: ExportKind; data: string };

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function isPoint(x: unknown, paths: number, metrics: number): x is ExplorationPoint {
  return (
    isObject(x) &&
    isCount(x.index) &&
    isStringArray(x.values) &&
    x.values.length === paths &&
    Array.isArray(x.metrics) &&
    x.metrics.length === metrics &&
    x.metrics.every((m) => m === null || typeof m === 'number') &&
    typeof x.feasible === 'boolean' &&
    typeof x.pareto === 'boolean' &&
    (x.infeasible === undefined || isStringArray(x.infeasible))
  );
}

export function isExplorationData(x: unknown): x is ExplorationData {
  if (!isObject(x) || typeof x.file !== 'string' || !isStringArray(x.paths) || !isStringArray(x.metrics) || !isStringArray(x.constraints))
    return false;
  if (
    !Array.isArray(x.objectives) ||
    !x.objectives.every((o) => isObject(o) && typeof o.metric === 'string' && (o.direction === 'min' || o.direction === 'max'))
  )
    return false;
  const paths = x.paths.length;
  const metrics = x.metrics.length;
  return (
    Array.isArray(x.points) &&
    x.points.every((p) => isPoint(p, paths, metrics)) &&
    isCount(x.evaluated) &&
    (x.ran === undefined || isCount(x.ran)) &&
    isCount(x.total) &&
    isCount(x.feasible) &&
    typeof x.seconds === 'number' &&
    typeof x.done === 'boolean' &&
    typeof x.cancelled === 'boolean' &&
    (x.interrupted === undefined || typeof x.interrupted === 'boolean') &&
    (x.stale === undefined || typeof x.stale === 'boolean') &&
    (x.notes === undefined || isStringArray(x.notes)) &&
    (x.current === undefined ||
      (isObject(x.current) &&
        Array.isArray(x.current.metrics) &&
        x.current.metrics.length === metrics &&
        x.current.metrics.every((m) => m === null || typeof m === 'number') &&
        isStringArray(x.current.values) &&
        x.current.values.length === paths))
  );
}

export function isExploreHostMessage(x: unknown): x is ExploreHostMessage {
  if (!isObject(x)) return false;
  if (x.type === 'theme') return true;
  return x.type === 'exploration' && isExplorationData(x.data);
}

export function isExploreViewMessage(x: unknown): x is ExploreViewMessage {
  if (!isObject(x)) return false;
  switch (x.type) {
    case 'ready':
    case 'cancel':
      return true;
    case 'apply':
    case 'open':
      return isCount(x.index);
    case 'export':
      return (x.format === 'csv' || x.format === 'json' || x.format === 'svg') && typeof x.data === 'string' && x.data.length < 200_000_000;
    default:
      return false;
  }
}
