// Objectives and constraints on result metrics. A metric is a dotted path under the
// evaluation result (`decode.msPerToken`, `cost.usdPerMillionOutputTokens`,
// `serving.ttftMs.p99`), in the result's own units; booleans read as 0 / 1.

import { METRICS } from '../report/metrics';
import type { MetricUnit } from '../report/types';
import { parseFraction, parseQuantity, type Dimension } from '../units';
import { RANGE_METRICS, rangeFor, type RangeCategory, type RangeMetric } from '../ranges/predictionRanges';
export { metricLabel, metricText } from '../report/metricText';
import { splitRangeEnd } from '../report/metricText';
import { SpaceError } from './varySpec';
import type { Config } from '../config/schema';
import { sloPercentile } from '../serving/sloPercentile';

export type Direction = 'min' | 'max';
export interface Objective {
  metric: string;
  direction: Direction;
}
export type Comparison = '<=' | '>=' | '<' | '>';
export interface Constraint {
  metric: string;
  op: Comparison;
  value: number;
}

/**
 * Metrics where more is better, when `:min`/`:max` is not written and the report does not
 * say (a metric it does not list: a serving percentile, a utilisation).
 */
const HIGHER_IS_BETTER =
  /(throughput|perChip|perfPerWatt|utilization|outputTokensPerSecond|requestsPerSecond|sloAttainment|maxRateAtSlo|fits|maxBatch)/i;

/**
 * `decode.msPerToken@high`: an end of a headline metric's 80 % prediction range
 * (model/ranges), so a search can ask that a design meet its target even if the model reads
 * it as optimistically as its cross-validated errors allow. The ends are the engine's value
 * scaled by the residual quantiles of the design's category, as `eval` computes them.
 */
export function rangeEndOf(metric: string): { base: RangeMetric; end: 0 | 1 } | undefined {
  const { id, end } = splitRangeEnd(metric);
  if (!end || !(RANGE_METRICS as readonly string[]).includes(id)) return undefined;
  return { base: id as RangeMetric, end: end === 'low' ? 0 : 1 };
}

/** The metric a range end is of (`decode.msPerToken@high` → `decode.msPerToken`), else the metric itself. */
const baseMetric = (metric: string) => splitRangeEnd(metric).id;

// Any `@word` is read, so that a misspelt end (`@hgih`) is named rather than failing the pattern.
const METRIC_PATTERN = '[A-Za-z0-9_.]+(?:@[A-Za-z]*)?';

/** A metric's range end, if written, is `@low` or `@high`. */
function checkRangeEnd(metric: string): void {
  const end = /@([A-Za-z]*)$/.exec(metric)?.[1];
  if (end !== undefined && end !== 'low' && end !== 'high')
    throw new SpaceError(`${metric}: an end of the 80 % range is written \`@low\` or \`@high\` (got \`@${end}\`)`);
}

/**
 * Why exploration cannot read a metric, where there is more to say than that the result has
 * no such path: a range end of a figure without one.
 */
export function unknownMetricHint(metric: string): string | undefined {
  const { id, end } = splitRangeEnd(metric);
  if (end && !(RANGE_METRICS as readonly string[]).includes(id))
    return `80 % range ends (@low, @high) exist for ${RANGE_METRICS.join(', ')}; a serving or fleet figure's range takes two more simulations per point, which exploration does not run`;
  return undefined;
}

export function parseObjective(text: string): Objective {
  const m = new RegExp(`^\\s*(${METRIC_PATTERN})\\s*(?::\\s*(min|max))?\\s*$`).exec(text);
  if (!m) throw new SpaceError(`--objective takes METRIC[:min|max], e.g. decode.msPerToken:min (got "${text}")`);
  checkRangeEnd(m[1]!);
  const better = METRICS.find((d) => d.id === baseMetric(m[1]!))?.better;
  const direction: Direction = better ? (better === 'higher' ? 'max' : 'min') : HIGHER_IS_BETTER.test(m[1]!) ? 'max' : 'min';
  return { metric: m[1]!, direction: (m[2] as Direction | undefined) ?? direction };
}

/** The config-language dimension of a report unit, and the factor from SI to that unit. */
const UNIT_DIMENSION: Partial<Record<MetricUnit, [Dimension, number]>> = {
  ms: ['time', 1e3],
  W: ['power', 1],
  J: ['energy', 1],
  USD: ['money', 1],
  bytes: ['bytes', 1],
  'B/s': ['bandwidth', 1],
  'requests/s': ['rate', 1],
  'tokens/s': ['rate', 1],
  'mm²': ['area', 1e6],
};

export function parseConstraint(text: string): Constraint {
  const m = new RegExp(`^\\s*(${METRIC_PATTERN})\\s*(<=|>=|<|>)\\s*(.+?)\\s*$`).exec(text);
  const usage = `--constraint takes "METRIC<=VALUE" (or >=, <, >) with VALUE a number in the metric's unit or with a unit, e.g. "decode.msPerToken<=20" or "decode.msPerToken<=20 ms" (got "${text}")`;
  if (!m) throw new SpaceError(usage);
  const [, metric, op, written] = m as unknown as [string, string, Comparison, string];
  checkRangeEnd(metric);
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(written)) return { metric, op, value: Number(written) };
  // With a unit: read in the config language's units and converted to the metric's own.
  // A money figure the report does not list (`fleet.usdPerResponse`) reads money all the same.
  const id = baseMetric(metric);
  const unit = METRICS.find((d) => d.id === id)?.unit ?? (/\.usd[A-Z]/.test(id) ? 'USD' : undefined);
  if (unit === 'fraction') {
    const f = parseFraction(written);
    if (f.ok) return { metric, op, value: f.value };
  }
  const dimension = unit && UNIT_DIMENSION[unit];
  if (!dimension)
    throw new SpaceError(`${usage}: ${unit ? `${metric} is in ${unit}; write the number alone` : `${metric} takes a number alone`}`);
  // A rate reads "/s", "req/s"; tokens are counted the same way ("500 tok/s").
  const q = parseQuantity(written.replace(/\s*tok(?:en)?s?\s*\//, ' /'), dimension[0]);
  if (!q.ok) throw new SpaceError(`${usage}: ${metric} is in ${unit}, and ${q.message}`);
  // To 12 digits: a unit's conversion in binary floating point read "400 mm²" as 399.99999999999994
  // (an architect's review saw it echoed), which a die of exactly 400 mm² would fail.
  return { metric, op, value: +(q.value * dimension[1]).toPrecision(12) };
}

export function satisfies(value: number, c: Constraint): boolean {
  switch (c.op) {
    case '<=':
      return value <= c.value;
    case '>=':
      return value >= c.value;
    case '<':
      return value < c.value;
    case '>':
      return value > c.value;
  }
}

export function objectiveText(o: Objective): string {
  return `${o.metric}:${o.direction}`;
}
export function constraintText(c: Constraint): string {
  return `${c.metric}${c.op}${c.value}`;
}

/** A reader of one metric, compiled once: the hot loop walks a fixed key list. */
export function metricReader(metric: string): (result: unknown) => number {
  const rangeEnd = rangeEndOf(metric);
  if (rangeEnd) {
    // The engine's value at the range's end for the design's category (set on the result by the explorer).
    const value = metricReader(rangeEnd.base);
    return (result) => {
      const r = result as {
        rangeCategory?: RangeCategory;
        physicalLimits?: Partial<Record<RangeMetric, number>>;
        decodeSteps?: number;
      } | null;
      const v = value(result);
      return r?.rangeCategory && Number.isFinite(v) ? rangeFor(rangeEnd.base, v, r.rangeCategory, r)[rangeEnd.end] : Number.NaN;
    };
  }
  const keys = metric.split('.');
  // A cost without a chip price counts electricity only (contract §4.4): never a number to
  // rank designs by, so such a point has no value for it and is not feasible.
  const capitalCost = keys[0] === 'cost' && keys[1]?.startsWith('usd');
  const fleetCost = keys[0] === 'fleet' && keys[1]?.startsWith('usd');
  // Latencies of an open loop above saturation grow with the run's length, not the design's
  // (serving.overloaded), and a run that served nothing (every request rejected: a pool that
  // cannot hold the model) has none: no value to rank by either. The same for the
  // disaggregated pools' latencies.
  const latencies = ['ttftMs', 'tpotMs', 'e2eMs'];
  const servingLatency = keys[0] === 'serving' && latencies.includes(keys[1]!);
  const disaggregatedLatency = keys[0] === 'serving' && keys[1] === 'disaggregated' && latencies.includes(keys[2]!);
  type Served = { overloaded?: boolean; requestsPerSecond?: number };
  const noLatency = (s: Served | undefined) => s !== undefined && (s.overloaded === true || s.requestsPerSecond === 0);
  return (result) => {
    const r = result as {
      cost?: { capitalKnown?: boolean };
      fleet?: { capitalKnown?: boolean };
      serving?: Served & { disaggregated?: Served };
    } | null;
    if (capitalCost && r?.cost?.capitalKnown === false) return Number.NaN;
    if (fleetCost && r?.fleet?.capitalKnown === false) return Number.NaN;
    if (servingLatency && noLatency(r?.serving)) return Number.NaN;
    if (disaggregatedLatency && noLatency(r?.serving?.disaggregated)) return Number.NaN;
    let v: unknown = result;
    for (let i = 0; i < keys.length; i++) {
      if (v === null || typeof v !== 'object') return Number.NaN;
      v = (v as Record<string, unknown>)[keys[i]!];
    }
    return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number.NaN;
  };
}

/** Every numeric (or boolean) leaf path of a result: what a metric may name. */
const NOT_METRICS = new Set(['phases', 'operators', 'ranges', 'physicalLimits']);

export function metricPaths(result: unknown, prefix = '', out: string[] = []): string[] {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) return out;
  // The range ends, where the result knows its category (model/ranges).
  if (!prefix && (result as { rangeCategory?: unknown }).rangeCategory) for (const m of RANGE_METRICS) out.push(`${m}@low`, `${m}@high`);
  for (const [k, v] of Object.entries(result)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number' || typeof v === 'boolean') out.push(p);
    // `ranges` and `physicalLimits` are keyed by metric paths (`prefill.ms`): figures about
    // the metrics, read through their range ends (`prefill.ms@low`), not paths of their own.
    else if (!NOT_METRICS.has(k)) metricPaths(v, p, out);
  }
  return out;
}

/** The percentiles the serving metrics report (`serving.ttftMs.p99`, ...). */
const SERVED_PERCENTILES = [50, 90, 99];

/**
 * The file's own latency targets (`serving.slo`) as constraints. On the static figures (`static`):
 * the time to first token on `prefill.ms`, the time per output token on `decode.msPerToken`, the
 * end to end on `response.ms`, which hold for a static batch prefilled in one pass with no
 * queueing (a search of the fleet example, which states a 1 s TTFT, named a design with a 25 s one
 * best). On the simulated ones (`served`): the same targets at the SLO's percentile, where the
 * serving metrics report it (p50, p90, p99); none at another.
 */
export function sloConstraints(slo: Config['serving']['slo'] | undefined, on: 'static' | 'served' = 'static'): string[] {
  if (!slo) return [];
  const ms = (seconds: number) => +(seconds * 1e3).toPrecision(12);
  const targets: [number | undefined, string, string][] = [
    [slo.ttft, 'prefill.ms', 'serving.ttftMs'],
    [slo.tpot, 'decode.msPerToken', 'serving.tpotMs'],
    [slo.e2e, 'response.ms', 'serving.e2eMs'],
  ];
  const percentile = sloPercentile(slo.percentile);
  if (on === 'served' && !SERVED_PERCENTILES.includes(percentile)) return [];
  return targets.flatMap(([seconds, metric, served]) =>
    seconds === undefined ? [] : [`${on === 'static' ? metric : `${served}.p${percentile}`}<=${ms(seconds)}`],
  );
}
