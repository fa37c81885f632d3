// The messages between the extension host and the views, both ways, as discriminated
// unions (the pattern of microsoft/vscode-hexeditor shared/protocol.ts). Each side checks
// what it receives with the validators below and ignores anything else: a webview is a
// separate page, so a message is untrusted input until it has the expected shape.
//
// Model types are imported as types only: the webview bundle carries no model code
// beyond the report's formatter and labels (model/report/format.ts, labels.ts).

import type { BatchPointReport } from '../model/report/batchCurve';
import type { Metric, Report } from '../model/report/types';
import type { EvaluationResult, OperatorResult, PhaseResult, Sensitivity } from '../model/result';
import type { FleetResult, ServingResult } from '../model/serving/types';

/**
 * What the charts draw that the report does not say in numbers: each phase's operators
 * and the chip's peak rates (the roofline's roofs). Every number the views print as a
 * headline, a ratio or a breakdown comes from `report`.
 */
export type ChartData = Pick<EvaluationResult, 'phases' | 'chip'> & {
  /** The Serving view's series (load curve, distributions, timeline) and the fleet, with `serving:`. */
  serving?: ServingResult;
  fleet?: FleetResult;
};

/** Everything one panel shows for one config file. */
export interface ViewModel {
  /** The config file, as the host names it (a URI or path): the views' state, to restore them. */
  file: string;
  /** How the views name the config to the user: its workspace-relative path. */
  location?: string;
  /** The design's name (`name:`): free user text, always rendered as text. */
  name: string;
  /** The one report every surface renders (model/report): headline metrics, ratios, breakdowns, diagnostic counts. */
  report: Report;
  /** Null when the config has errors that leave nothing to evaluate. The baseline's numbers are in `report.baseline`. */
  result: ChartData | null;
  sensitivity: Sensitivity[];
  /** Latency and throughput against batch size as the report's metrics, each with its 80 % range when the engine gives one. */
  batchCurve: { design: BatchPointReport[]; baseline: BatchPointReport[] };
  /** The static figures of a config whose serving traffic is still being simulated (a full model follows). */
  servingPending?: boolean;
  /** The baseline under the same `serving:` traffic and `fleet:`, for the Serving view's series. */
  baselineServing?: { name: string; serving?: ServingResult; fleet?: FleetResult };
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
  /** Which text of the config these numbers are of (a hash): a sweep of another text is stale. */
  revision?: string;
}

/** One point of a sweep (`jalapeno sweep`, or the sweep command): the value set and what it gave. */
export interface SweepPointView {
  /** The value as written, e.g. `4 TB/s` or `32`. */
  value: string;
  /** The report's metrics at this value; null when it did not evaluate. */
  metrics: Metric[] | null;
  errors: number;
}

export type ViewId = 'dataflow' | 'bandwidth' | 'latency' | 'serving';
export const VIEW_IDS: readonly ViewId[] = ['dataflow', 'bandwidth', 'latency', 'serving'];
export type ExportFormat = 'svg' | 'png';

/** Host → view. */
export type HostMessage =
  /** A new evaluation; the view re-renders. Sent after `ready` and whenever the config changes. */
  | {
      type: 'update';
      view: ViewModel;
      /**
       * The tab this config was last left on in any views panel of this window (the host's
       * memory of `tab` messages): a panel closed and opened again opens where it was left.
       */
      tab?: ViewId;
    }
  /** The colour theme changed; the view re-reads the `--vscode-*` colours (it also watches the body class). */
  | { type: 'theme' }
  /** A sweep of one key over several values: shown in the latency view until the next sweep. */
  | {
      type: 'sweep';
      path: string;
      points: SweepPointView[];
      /** Which point is the config's own value, when one is. */
      current?: number;
      /** The text swept (ViewModel.revision): once the config is saved otherwise, the sweep is of an earlier version. */
      revision?: string;
    }
  /** Asks for every view as SVG (for a report); answered by `charts` with the same id. */
  | { type: 'requestCharts'; requestId: number }
  /**
   * Whether the editor's text differs from the one these views show (edits not yet evaluated:
   * on save, by default). The status bar and the CodeLens carry a pencil then; the views say so too.
   */
  | { type: 'edited'; edited: boolean };

/** One exported chart in a `charts` reply. */
export interface ChartSvg {
  view: ViewId;
  title: string;
  svg: string;
}

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
  | { type: 'charts'; requestId: number; charts: ChartSvg[] }
  /** The user chose a tab for the config shown (`file`, as ViewModel.file): the host remembers it for the next panel. */
  | { type: 'tab'; file: string; tab: ViewId };

// ---------- validators ----------

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const hasNumbers = (o: unknown, keys: readonly string[]): boolean => isObject(o) && keys.every((k) => isNumber(o[k]));
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (x: unknown): x is T =>
    isString(x) && (values as readonly string[]).includes(x);

const isBottleneck = oneOf(['memory', 'compute', 'interconnect', 'overhead'] as const);
const isUnit = oneOf(['matrix', 'vector', 'fixed', 'link', 'host'] as const);
const isOperatorClass = oneOf(['attention', 'ffn', 'norm', 'collective', 'head', 'pipeline', 'runtime'] as const);
const isViewId = oneOf(VIEW_IDS);
const isExportFormat = oneOf(['svg', 'png'] as const);

// The validators check every field the views read, so that a view never has to guard
// against a missing number deep inside a chart.
function isOperator(x: unknown, levels: readonly string[]): x is OperatorResult {
  return (
    isObject(x) &&
    isString(x.id) &&
    isString(x.label) &&
    isOperatorClass(x.class) &&
    isUnit(x.unit) &&
    typeof x.fixedFunction === 'boolean' &&
    typeof x.fellBack === 'boolean' &&
    isString(x.governingKey) &&
    isBottleneck(x.bottleneck) &&
    hasNumbers(x, ['count', 'flops', 'offChipBytes', 'arithmeticIntensity', 'energyJoules']) &&
    hasNumbers(x.levelBytes, levels) &&
    hasNumbers(x.bytes, ['weights', 'kvRead', 'kvWrite', 'activations', 'link']) &&
    hasNumbers(x.time, ['compute', 'link', 'overhead', 'total']) &&
    hasNumbers((x.time as Json).levels, levels)
  );
}

function isPhase(x: unknown, levels: readonly string[]): x is PhaseResult {
  return (
    isObject(x) &&
    (x.phase === 'prefill' || x.phase === 'decode') &&
    hasNumbers(x, ['tokens', 'contextTokens', 'seconds', 'offChipBytes', 'flops', 'energyJoulesPerChip']) &&
    hasNumbers(x.levelBytes, levels) &&
    hasNumbers(x.bounds, ['lowerSeconds', 'upperSeconds']) &&
    isBottleneck(x.bottleneck) &&
    Array.isArray(x.operators) &&
    x.operators.every((op) => isOperator(op, levels))
  );
}

/** The chip's memory levels: the ids every operator's per-level numbers are keyed by. */
function memoryLevelIds(chip: unknown): string[] | undefined {
  const levels = isObject(chip) ? chip.memoryLevels : undefined;
  const valid =
    Array.isArray(levels) &&
    levels.length > 0 &&
    levels.every(
      (l) =>
        isObject(l) &&
        isString(l.id) &&
        isString(l.label) &&
        isString(l.configPath) &&
        typeof l.onChip === 'boolean' &&
        typeof l.main === 'boolean' &&
        hasNumbers(l, ['capacityBytes', 'bandwidthBytesPerSecond', 'efficiency']),
    );
  return valid ? (levels as Json[]).map((l) => l.id as string) : undefined;
}

export function isChartData(x: unknown): x is ChartData {
  if (!isObject(x)) return false;
  const { chip, phases } = x as Json;
  const levels = memoryLevelIds(chip);
  return (
    levels !== undefined &&
    hasNumbers(chip, ['memoryBandwidthBytesPerSecond', 'linkBandwidthBytesPerSecond']) &&
    isObject((chip as Json).peakOpsPerSecond) &&
    Object.values((chip as Json).peakOpsPerSecond as Json).every(isNumber) &&
    isObject(phases) &&
    isPhase(phases.prefill, levels) &&
    isPhase(phases.decode, levels)
  );
}

function isMetric(x: unknown): x is Metric {
  return (
    isObject(x) &&
    isString(x.id) &&
    isString(x.label) &&
    isNumber(x.value) &&
    isString(x.unit) &&
    isString(x.text) &&
    typeof x.valid === 'boolean' &&
    (x.note === undefined || isString(x.note)) &&
    (x.range === undefined || (hasNumbers(x.range, ['low', 'high']) && isString((x.range as Json).text)))
  );
}

const isMetrics = (x: unknown): x is Metric[] => Array.isArray(x) && x.every(isMetric);

function isShares(x: unknown): boolean {
  return (
    Array.isArray(x) &&
    x.every(
      (s) =>
        isObject(s) &&
        isString(s.key) &&
        isString(s.label) &&
        hasNumbers(s, ['value', 'share']) &&
        isString(s.text) &&
        isString(s.shareText),
    )
  );
}

function isPhaseBreakdown(x: unknown): boolean {
  return (
    isObject(x) &&
    isNumber(x.seconds) &&
    isString(x.text) &&
    isObject(x.bottleneck) &&
    isString((x.bottleneck as Json).label) &&
    isShares(x.byClass) &&
    isShares(x.byUnit) &&
    isShares(x.byBottleneck) &&
    isShares(x.bytesByLevel)
  );
}

function isLevelReport(x: unknown): boolean {
  return (
    isObject(x) &&
    isString(x.id) &&
    isString(x.label) &&
    isString(x.configPath) &&
    typeof x.onChip === 'boolean' &&
    typeof x.main === 'boolean' &&
    isString(x.heldText) &&
    isObject(x.metrics) &&
    ['capacity', 'bandwidth', 'weights', 'kvCache', 'weightsShare', 'kvCacheShare'].every((k) => isMetric((x.metrics as Json)[k]))
  );
}

function isMemoryLevelsReport(x: unknown): boolean {
  return isObject(x) && Array.isArray(x.levels) && x.levels.every(isLevelReport) && isString(x.heldText) && isString(x.overflowText);
}

function isSiliconReport(x: unknown): boolean {
  return (
    isObject(x) && isNumber(x.reticleMm2) && isShares(x.areaByComponent) && (x.areaByComponent as Json[]).every((s) => isString(s.detail))
  );
}

function isDesignReport(x: unknown): boolean {
  return (
    isObject(x) &&
    isString(x.name) &&
    isMetrics(x.metrics) &&
    isMetrics(x.chip) &&
    isMemoryLevelsReport(x.memoryLevels) &&
    isObject(x.breakdowns) &&
    isPhaseBreakdown(x.breakdowns.prefill) &&
    isPhaseBreakdown(x.breakdowns.decode) &&
    (x.silicon === undefined || isSiliconReport(x.silicon)) &&
    (x.ranges === undefined ||
      (isObject(x.ranges) &&
        isString(x.ranges.category) &&
        isString(x.ranges.basis) &&
        (x.ranges.limits === undefined || isString(x.ranges.limits))))
  );
}

function isRatio(x: unknown): boolean {
  return (
    isObject(x) &&
    isString(x.id) &&
    isString(x.metricId) &&
    isString(x.label) &&
    isNumber(x.value) &&
    isString(x.text) &&
    isString(x.wording) &&
    oneOf(['better', 'worse', 'even', 'uncertain', 'not-comparable'] as const)(x.verdict)
  );
}

export function isReport(x: unknown): x is Report {
  if (!isObject(x)) return false;
  const b = x.baseline;
  return (
    isString(x.name) &&
    typeof x.valid === 'boolean' &&
    isNumber(x.errors) &&
    isNumber(x.warnings) &&
    Array.isArray(x.diagnostics) &&
    (x.design === null || isDesignReport(x.design)) &&
    (b === null || (isObject(b) && isString(b.name) && isDesignReport(b.report) && Array.isArray(b.ratios) && b.ratios.every(isRatio)))
  );
}

function isSensitivity(x: unknown): x is Sensitivity {
  return (
    isObject(x) &&
    isString(x.path) &&
    hasNumbers(x, ['step', 'decodeMsPerToken', 'prefillMs', 'joulesPerOutputToken', 'usdPerResponse', 'wattsDelta'])
  );
}

function isBatchPoint(x: unknown): x is BatchPointReport {
  return (
    isObject(x) && isNumber(x.batch) && typeof x.fits === 'boolean' && isMetric(x.decode) && isMetric(x.prefill) && isMetric(x.throughput)
  );
}

export function isViewModel(x: unknown): x is ViewModel {
  if (!isObject(x)) return false;
  const curve = x.batchCurve;
  return (
    isString(x.file) &&
    (x.location === undefined || isString(x.location)) &&
    isString(x.name) &&
    isString(x.evaluatedAt) &&
    isReport(x.report) &&
    (x.result === null || isChartData(x.result)) &&
    Array.isArray(x.sensitivity) &&
    x.sensitivity.every(isSensitivity) &&
    isObject(curve) &&
    Array.isArray(curve.design) &&
    curve.design.every(isBatchPoint) &&
    Array.isArray(curve.baseline) &&
    curve.baseline.every(isBatchPoint) &&
    (x.baselineServing === undefined || (isObject(x.baselineServing) && isString(x.baselineServing.name))) &&
    (x.servingPending === undefined || typeof x.servingPending === 'boolean') &&
    (x.revision === undefined || isRevision(x.revision))
  );
}

/** Sweeps are bounded: each point is a whole evaluation. */
export const MAX_SWEEP_POINTS = 200;

function isSweepPoint(x: unknown): x is SweepPointView {
  return isObject(x) && isString(x.value) && isNumber(x.errors) && (x.metrics === null || isMetrics(x.metrics));
}

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObject(x)) return false;
  switch (x.type) {
    case 'update':
      return isViewModel(x.view) && (x.tab === undefined || isViewId(x.tab));
    case 'theme':
      return true;
    case 'sweep':
      return (
        isConfigPath(x.path) &&
        Array.isArray(x.points) &&
        x.points.length <= MAX_SWEEP_POINTS &&
        x.points.every(isSweepPoint) &&
        (x.current === undefined ||
          (isNumber(x.current) && Number.isInteger(x.current) && x.current >= 0 && x.current < x.points.length)) &&
        (x.revision === undefined || isRevision(x.revision))
      );
    case 'requestCharts':
      return isNumber(x.requestId);
    case 'edited':
      return typeof x.edited === 'boolean';
    default:
      return false;
  }
}

/** Config paths are dotted identifiers (`chip.memory.bandwidth`, `workload.model.layers`). */
const CONFIG_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_0-9][\w-]*)*$/;
/** A file's URI as the views name it; bounded, as the host keeps the names it is sent. */
const MAX_FILE_CHARS = 4096;
/** Exports are bounded so a bad page cannot make the host write an arbitrarily large file. */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;

const isRevision = (x: unknown): x is string => isString(x) && x.length <= 64;
const isConfigPath = (x: unknown): x is string => isString(x) && x.length <= 200 && CONFIG_PATH.test(x);

function isChartSvg(x: unknown): x is ChartSvg {
  return (
    isObject(x) && isViewId(x.view) && isString(x.title) && x.title.length <= 200 && isString(x.svg) && x.svg.trimStart().startsWith('<svg')
  );
}

export function isViewMessage(x: unknown): x is ViewMessage {
  if (!isObject(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'selectKey':
      return isConfigPath(x.path);
    case 'charts':
      return (
        isNumber(x.requestId) &&
        Array.isArray(x.charts) &&
        x.charts.length <= VIEW_IDS.length * 4 &&
        x.charts.every(isChartSvg) &&
        x.charts.reduce((sum: number, c: ChartSvg) => sum + c.svg.length, 0) <= MAX_EXPORT_CHARS
      );
    case 'tab':
      return isString(x.file) && x.file.length <= MAX_FILE_CHARS && isViewId(x.tab);
    case 'export':
      return (
        isExportFormat(x.format) &&
        isViewId(x.view) &&
        isString(x.data) &&
        x.data.length <= MAX_EXPORT_CHARS &&
        (x.format === 'svg' ? x.data.trimStart().startsWith('<svg') : x.data.startsWith('data:image/png;base64,'))
      );
    default:
      return false;
  }
}
