// The messages between the extension host and the views, both ways, as discriminated
// unions (the pattern of microsoft/vscode-hexeditor shared/protocol.ts). Each side checks
// what it receives with the validators below and ignores anything else: a webview is a
// separate page, so a message is untrusted input until it has the expected shape.
//
// Model types are imported as types only: the webview bundle carries no model code.

import type {
  BaselineComparison, BatchPoint, EvaluationResult, OperatorResult, PhaseResult, Sensitivity,
} from '../model/result';

/** Everything one panel shows for one config file. */
export interface ViewModel {
  /** The config file, as the host names it (a URI or path); shown in exports. */
  file: string;
  /** The design's name (`name:`): free user text, always rendered as text. */
  name: string;
  /** Null when the config has errors that leave nothing to evaluate. */
  result: EvaluationResult | null;
  baseline: BaselineComparison | null;
  sensitivity: Sensitivity[];
  batchCurve: { design: BatchPoint[]; baseline: BatchPoint[] };
  /** Diagnostic counts, for the header. */
  errors: number;
  warnings: number;
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
}

/** One point of a sweep (`jalapeno sweep`, or the sweep command): the value set and what it gave. */
export interface SweepPointView {
  /** The value as written, e.g. `4 TB/s` or `32`. */
  value: string;
  result: EvaluationResult | null;
  errors: number;
}

export type ViewId = 'dataflow' | 'bandwidth' | 'latency' | 'serving';
export const VIEW_IDS: readonly ViewId[] = ['dataflow', 'bandwidth', 'latency', 'serving'];
export type ExportFormat = 'svg' | 'png';

/** Host → view. */
export type HostMessage =
  /** A new evaluation; the view re-renders. Sent after `ready` and whenever the config changes. */
  | { type: 'update'; view: ViewModel }
  /** The colour theme changed; the view re-reads the `--vscode-*` colours (it also watches the body class). */
  | { type: 'theme' }
  /** A sweep of one key over several values: shown in the latency view until the next sweep. */
  | { type: 'sweep'; path: string; points: SweepPointView[] }
  /** Asks for every view as SVG (for a report); answered by `charts` with the same id. */
  | { type: 'requestCharts'; requestId: number };

/** One exported chart in a `charts` reply. */
export interface ChartSvg { view: ViewId; title: string; svg: string }

/** View → host. */
export type ViewMessage =
  /** The view has loaded and listens: the host may post the first `update` now. */
  | { type: 'ready' }
  /** Reveal and select a config key in the editor, e.g. `chip.memory.bandwidth`. */
  | { type: 'selectKey'; path: string }
  /**
   * Save a chart: `data` is the SVG text (`svg`) or a `data:image/png;base64,` URL (`png`);
   * the host asks where to save it.
   */
  | { type: 'export'; format: ExportFormat; view: ViewId; data: string }
  /** The answer to `requestCharts`: one SVG per view (none when there is no result). */
  | { type: 'charts'; requestId: number; charts: ChartSvg[] };

// ---------- validators ----------

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const hasNumbers = (o: unknown, keys: readonly string[]): boolean => isObject(o) && keys.every((k) => isNumber(o[k]));
const oneOf = <T extends string>(values: readonly T[]) => (x: unknown): x is T => isString(x) && (values as readonly string[]).includes(x);

const isBottleneck = oneOf(['memory', 'compute', 'interconnect', 'overhead'] as const);
const isUnit = oneOf(['matrix', 'vector', 'fixed', 'link', 'host'] as const);
const isOperatorClass = oneOf(['attention', 'ffn', 'norm', 'collective', 'head', 'pipeline', 'runtime'] as const);
const isViewId = oneOf(VIEW_IDS);
const isExportFormat = oneOf(['svg', 'png'] as const);

// The validators check every field the views read, so that a view never has to guard
// against a missing number deep inside a chart.
function isOperator(x: unknown): x is OperatorResult {
  return isObject(x)
    && isString(x.id) && isString(x.label) && isOperatorClass(x.class) && isUnit(x.unit)
    && typeof x.fixedFunction === 'boolean' && typeof x.fellBack === 'boolean' && isString(x.governingKey)
    && isBottleneck(x.bottleneck)
    && hasNumbers(x, ['count', 'flops', 'offChipBytes', 'sramBytes', 'arithmeticIntensity', 'energyJoules'])
    && hasNumbers(x.bytes, ['weights', 'kvRead', 'kvWrite', 'activations', 'link'])
    && hasNumbers(x.time, ['compute', 'memory', 'sram', 'link', 'overhead', 'total']);
}

function isPhase(x: unknown): x is PhaseResult {
  return isObject(x)
    && (x.phase === 'prefill' || x.phase === 'decode')
    && hasNumbers(x, ['tokens', 'contextTokens', 'seconds', 'offChipBytes', 'flops', 'energyJoulesPerChip'])
    && hasNumbers(x.bounds, ['lowerSeconds', 'upperSeconds'])
    && isBottleneck(x.bottleneck)
    && Array.isArray(x.operators) && x.operators.every(isOperator);
}

export function isEvaluationResult(x: unknown): x is EvaluationResult {
  if (!isObject(x)) return false;
  const { chip, phases, power, cost, memory } = x as Json;
  return hasNumbers(x.prefill, ['ms', 'lowerMs', 'upperMs'])
    && hasNumbers(x.decode, ['msPerToken', 'lowerMs', 'upperMs'])
    && hasNumbers(x.response, ['ms'])
    && hasNumbers(x.throughput, ['outputTokensPerSecond', 'perChip'])
    && hasNumbers(x.utilization, ['memoryBandwidth', 'compute'])
    && hasNumbers(power, ['watts', 'tdpWatts']) && typeof (power as Json).throttled === 'boolean'
    && hasNumbers(x.energy, ['joulesPerOutputToken', 'perfPerWatt'])
    && hasNumbers(cost, ['usdPerMillionOutputTokens', 'usdPerResponse'])
    && hasNumbers(memory, ['weightsBytes', 'kvCacheBytes', 'capacityBytes']) && typeof (memory as Json).fits === 'boolean'
    && hasNumbers(chip, ['memoryBandwidthBytesPerSecond', 'sramBandwidthBytesPerSecond', 'linkBandwidthBytesPerSecond'])
    && isObject((chip as Json).peakOpsPerSecond)
    && Object.values((chip as Json).peakOpsPerSecond as Json).every(isNumber)
    && isObject(phases) && isPhase(phases.prefill) && isPhase(phases.decode);
}

function isBaseline(x: unknown): x is BaselineComparison {
  return isObject(x) && isString(x.name) && isEvaluationResult(x.result)
    && hasNumbers(x.ratios, ['decodeSpeedup', 'prefillSpeedup', 'perfPerWatt', 'costPerResponse']);
}

function isSensitivity(x: unknown): x is Sensitivity {
  return isObject(x) && isString(x.path)
    && hasNumbers(x, ['step', 'decodeMsPerToken', 'prefillMs', 'joulesPerOutputToken', 'usdPerResponse', 'wattsDelta']);
}

function isBatchPoint(x: unknown): x is BatchPoint {
  return hasNumbers(x, ['batch', 'decodeMsPerToken', 'prefillMs', 'outputTokensPerSecond'])
    && typeof (x as Json).fits === 'boolean';
}

export function isViewModel(x: unknown): x is ViewModel {
  if (!isObject(x)) return false;
  const curve = x.batchCurve;
  return isString(x.file) && isString(x.name) && isString(x.evaluatedAt)
    && isNumber(x.errors) && isNumber(x.warnings)
    && (x.result === null || isEvaluationResult(x.result))
    && (x.baseline === null || isBaseline(x.baseline))
    && Array.isArray(x.sensitivity) && x.sensitivity.every(isSensitivity)
    && isObject(curve)
    && Array.isArray(curve.design) && curve.design.every(isBatchPoint)
    && Array.isArray(curve.baseline) && curve.baseline.every(isBatchPoint);
}

/** Sweeps are bounded: each point is a whole evaluation. */
export const MAX_SWEEP_POINTS = 200;

function isSweepPoint(x: unknown): x is SweepPointView {
  return isObject(x) && isString(x.value) && isNumber(x.errors) && (x.result === null || isEvaluationResult(x.result));
}

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObject(x)) return false;
  switch (x.type) {
    case 'update': return isViewModel(x.view);
    case 'theme': return true;
    case 'sweep': return isConfigPath(x.path) && Array.isArray(x.points) && x.points.length <= MAX_SWEEP_POINTS && x.points.every(isSweepPoint);
    case 'requestCharts': return isNumber(x.requestId);
    default: return false;
  }
}

/** Config paths are dotted identifiers (`chip.memory.bandwidth`, `workload.model.layers`). */
const CONFIG_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_0-9][\w-]*)*$/;
/** Exports are bounded so a bad page cannot make the host write an arbitrarily large file. */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;

const isConfigPath = (x: unknown): x is string => isString(x) && x.length <= 200 && CONFIG_PATH.test(x);

function isChartSvg(x: unknown): x is ChartSvg {
  return isObject(x) && isViewId(x.view) && isString(x.title) && x.title.length <= 200 && isString(x.svg) && x.svg.trimStart().startsWith('<svg');
}

export function isViewMessage(x: unknown): x is ViewMessage {
  if (!isObject(x)) return false;
  switch (x.type) {
    case 'ready': return true;
    case 'selectKey': return isConfigPath(x.path);
    case 'charts':
      return isNumber(x.requestId) && Array.isArray(x.charts) && x.charts.length <= VIEW_IDS.length * 4 && x.charts.every(isChartSvg)
        && x.charts.reduce((sum: number, c: ChartSvg) => sum + c.svg.length, 0) <= MAX_EXPORT_CHARS;
    case 'export':
      return isExportFormat(x.format) && isViewId(x.view) && isString(x.data) && x.data.length <= MAX_EXPORT_CHARS
        && (x.format === 'svg' ? x.data.trimStart().startsWith('<svg') : x.data.startsWith('data:image/png;base64,'));
    default: return false;
  }
}
