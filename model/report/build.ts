// Builds the Report from an analysis: the one step between the engine's result and every
// surface. Nothing here computes physics; it selects, names and formats.

import { lineColumn, type Analysis } from '../analysis';
import { aboutExploration, type Diagnostic } from '../diagnostics';
import type { Dtype } from '../dtypes';
import { modelledPriceApart, type BaselineComparison, type EvaluationResult } from '../result';
import { RANGE_METRICS, timeSign } from '../ranges/predictionRanges';
import { RETICLE_LIMIT_MM2 } from '../silicon/area';
import { areaBreakdown, phaseBreakdown } from './breakdowns';
import { formatPercent, formatUsd, opsUnit } from './format';
import { RANGE_CATEGORY_LABEL, SERVING_RANGE_NOTE, workloadSetting } from './labels';
import { levelBandwidthMetrics, memoryLevelsReport } from './memoryLevels';
import { metric } from './metric';
import { COMPARED_COSTS, METRICS, type MetricDefinition } from './metrics';
import { buildRatios } from './ratios';
import { trafficSetting } from './traffic';
import type { DesignReport, Metric, Report, ReportDiagnostic } from './types';

export { formatMetricValue, metric, otherRangeNotes } from './metric';
export { pairedRangeNote } from './ratios';

/** The engine's prediction interval for a metric (contract.md §4.1 `result.ranges`), when it gives one. */
function rangeOf(r: EvaluationResult, id: string): [number, number] | undefined {
  const ranges = (r as { ranges?: Record<string, unknown> }).ranges;
  const range = ranges?.[id];
  return Array.isArray(range) && range.length === 2 && range.every((x) => typeof x === 'number' && Number.isFinite(x))
    ? [range[0], range[1]]
    : undefined;
}

/**
 * The range ends that stopped at the physical limit (model/ranges rangeOf): said, or a range
 * whose end is the bandwidth floor reads as the residuals' 80 % end.
 */
function limitsNote(r: EvaluationResult): string | undefined {
  const ends = RANGE_METRICS.flatMap((m) => {
    const range = r.ranges?.[m];
    const limit = r.physicalLimits[m];
    const time = timeSign(m) === 1;
    const end = range?.[time ? 0 : 1];
    if (end === undefined || !(limit > 0) || Math.abs(end / limit - 1) > 1e-9) return [];
    const label = METRICS.find((d) => d.id === m)?.label.toLowerCase() ?? m;
    return [`${label}'s ${time ? 'low' : 'high'} end`];
  });
  if (ends.length === 0) return undefined;
  const list = ends.length > 1 ? `${ends.slice(0, -1).join(', ')} and ${ends.at(-1)}` : ends[0];
  return `${list} ${ends.length > 1 ? 'are' : 'is'} the physical limit (every byte at its memory's peak bandwidth, every MAC at the arrays' peak rate), which no measurement beats; the residuals alone reach past it`;
}

/** A per-token rate's range: the throughput's relative range, inverted for a cost or energy per token. */
function followedRange(def: MetricDefinition, r: EvaluationResult, value: number): [number, number] | undefined {
  const thr = r.throughput.outputTokensPerSecond;
  const t = def.rangeFollowsThroughput && thr > 0 ? rangeOf(r, 'throughput.outputTokensPerSecond') : undefined;
  if (!t) return undefined;
  return def.rangeFollowsThroughput === 'direct'
    ? [(value * t[0]) / thr, (value * t[1]) / thr]
    : [(value * thr) / t[1], (value * thr) / t[0]];
}

function metricFrom(def: MetricDefinition, r: EvaluationResult, valid: boolean): Metric | undefined {
  const value = def.value(r);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const note = def.note?.(r);
  const own = def.ownRange?.(r);
  const range = own?.range ?? rangeOf(r, def.id) ?? (value > 0 ? followedRange(def, r, value) : undefined);
  return metric(def.id, def.label, value, def.unit, valid, {
    ...(note ? { note } : {}),
    ...(def.better ? { better: def.better } : {}),
    ...(range ? { range } : {}),
    ...(own ? { rangeBasis: own.basis } : {}),
    ...(def.format ? { format: def.format } : {}),
  });
}

function designMetrics(r: EvaluationResult, valid: boolean): Metric[] {
  return METRICS.map((def) => metricFrom(def, r, valid)).filter((m): m is Metric => m !== undefined);
}

/** One metric of a result by id, as the report would list it (for a hover that needs one number, not the whole report). */
export function metricOf(id: string, r: EvaluationResult, valid = true): Metric | undefined {
  const def = METRICS.find((d) => d.id === id);
  return def && metricFrom(def, r, valid);
}

function chipMetrics(r: EvaluationResult, valid: boolean): Metric[] {
  const peaks = (Object.entries(r.chip.peakOpsPerSecond) as [Dtype, number][])
    .filter(([, v]) => v > 0)
    .sort(([, a], [, b]) => a - b)
    .map(([dtype, v]) => metric(`chip.peakOpsPerSecond.${dtype}`, `Peak ${dtype}`, v, opsUnit(dtype), valid));
  return [
    ...peaks,
    ...levelBandwidthMetrics(r, valid),
    // One chip needs no link, and one not stated is a placeholder (model/buildDesign.ts): not shown as a bandwidth.
    ...(r.chip.linkBandwidthBytesPerSecond > 1
      ? [metric('chip.linkBandwidthBytesPerSecond', 'Link bandwidth', r.chip.linkBandwidthBytesPerSecond, 'B/s', valid)]
      : []),
    metric('chip.ridgeOpsPerByte', `Ridge point (${r.chip.computeDtype})`, r.chip.ridgeOpsPerByte, 'op/B', valid),
  ];
}

export function designReport(name: string, r: EvaluationResult, valid: boolean): DesignReport {
  return {
    name,
    metrics: designMetrics(r, valid),
    chip: chipMetrics(r, valid),
    memoryLevels: memoryLevelsReport(r, valid),
    breakdowns: {
      prefill: phaseBreakdown(r.phases.prefill, r.chip.memoryLevels),
      decode: phaseBreakdown(r.phases.decode, r.chip.memoryLevels),
    },
    ...(r.silicon
      ? {
          silicon: {
            areaByComponent: areaBreakdown(r.silicon),
            reticleMm2: RETICLE_LIMIT_MM2,
            chiplets: r.silicon.chiplets,
            ...(r.silicon.largestDieMm2 !== null ? { largestDieMm2: r.silicon.largestDieMm2 } : {}),
            modelledPriceApart: modelledPriceApart(r.silicon),
          },
        }
      : {}),
    ...(r.rangeCategory
      ? {
          ranges: {
            category: r.rangeCategory,
            basis: `${RANGE_CATEGORY_LABEL[r.rangeCategory]}${r.rangeCategoryWhy ? ` (${r.rangeCategoryWhy.text})` : ''}`,
            // Any simulated figure's range (an overloaded instance has none for its latencies, its pools may).
            ...(Object.keys(r.ranges ?? {}).some((id) => id.startsWith('serving.') || id.startsWith('fleet.'))
              ? { serving: SERVING_RANGE_NOTE }
              : {}),
            ...(limitsNote(r) ? { limits: limitsNote(r) } : {}),
          },
        }
      : {}),
  };
}

/** What a report is built from: an analysis, or (for hand-made test data) its parts. */
export interface ReportInput {
  name: string;
  diagnostics: readonly ReportDiagnostic[];
  result: EvaluationResult | null | undefined;
  baseline: BaselineComparison | null | undefined;
  setting?: string;
  traffic?: string;
}

export function reportOf(input: ReportInput): Report {
  const errors = input.diagnostics.filter((d) => d.severity === 'error').length;
  const valid = !input.diagnostics.some((d) => (d.severity === 'error' && !aboutExploration(d.path)) || d.invalidatesResult);
  const b = input.baseline;
  // "Chip price modelled from the die" beside a chip price that is that modelled price, on every
  // side shown, is the same number twice (an architect's review): it is shown where it differs.
  const apart = [input.result, b?.result].some((r) => r?.silicon && modelledPriceApart(r.silicon));
  const withoutTwin = (report: DesignReport): DesignReport =>
    apart ? report : { ...report, metrics: report.metrics.filter((m) => m.id !== 'silicon.modelledPriceUsd') };
  const compared = comparedCosts(input.result, b, valid);
  const design = input.result ? compared.design(withoutTwin(designReport(input.name, input.result, valid))) : null;
  const baselineReport = design && b ? compared.baseline(withoutTwin(designReport(b.name, b.result, valid))) : undefined;
  return {
    name: input.name,
    valid,
    errors,
    warnings: input.diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics: [...input.diagnostics],
    design,
    baseline:
      design && b && baselineReport
        ? {
            name: b.name,
            report: baselineReport,
            ratios: buildRatios(design.metrics, baselineReport.metrics, b.ratios, b.costBasis, valid, b.pairedRanges, b.costPricesUsd),
          }
        : null,
    ...(design && input.setting ? { setting: input.setting } : {}),
    ...(design && input.traffic ? { traffic: input.traffic } : {}),
  };
}

/**
 * Each side's costs at the chip prices the cost ratios compare, each in a row under the row at
 * the prices shown, where those prices are not the rows' own: a ratio then stands beside the two
 * numbers it divides. Beside the rows at the prices shown ($0.00127 against $0.00128), "2.3×
 * dearer" read as a contradiction, its basis only in a footnote (an architect's review).
 */
function comparedCosts(
  result: EvaluationResult | null | undefined,
  b: BaselineComparison | null | undefined,
  valid: boolean,
): Record<'design' | 'baseline', (report: DesignReport) => DesignReport> {
  const prices = b?.costBasis ? b.costPricesUsd : undefined;
  const apart = (usd: number, shown: number | undefined) => shown !== undefined && Math.abs(usd / shown - 1) > 1e-9;
  // Each compared cost whose numbers are not the rows' on one side at least.
  const rows = COMPARED_COSTS.flatMap((c) => {
    const costs = b && prices && c.costs(b);
    return result && b && costs && (apart(costs.design, c.value(result)) || apart(costs.baseline, c.value(b.result)))
      ? [{ ...c, costs }]
      : [];
  });
  const side = (key: 'design' | 'baseline') => (report: DesignReport) => {
    let metrics = report.metrics;
    for (const c of rows) {
      const row = metrics.find((m) => m.id === c.shown);
      if (!row || !prices) continue;
      const scale = c.costs[key] / row.value;
      // This design's fleet with a standby of the compare design's chips pays both prices (a final check named one).
      const pools = key === 'design' && c.id === 'fleet.usdPerMillionOutputTokensAtComparedPrices' ? result?.fleet?.pools : undefined;
      const standby = pools?.some((p) => p.design !== pools[0]!.design) ? `; standby ${formatUsd(prices.baseline)}` : '';
      const added = metric(c.id, c.label, c.costs[key], 'USD', valid, {
        better: 'lower',
        note: `${formatUsd(prices[key])} chip${prices.margin !== undefined ? ` at ${formatPercent(prices.margin)} margin` : ''}${standby}`,
        ...(row.range ? { range: [row.range.low * scale, row.range.high * scale] as [number, number] } : {}),
      });
      const i = metrics.indexOf(row);
      metrics = [...metrics.slice(0, i + 1), added, ...metrics.slice(i + 1)];
    }
    return { ...report, metrics };
  };
  return { design: side('design'), baseline: side('baseline') };
}

/** A diagnostic with 1-based lines and columns in the file it is about. */
export function reportDiagnostic(d: Diagnostic, analysis: Pick<Analysis, 'file' | 'texts'>): ReportDiagnostic {
  const text = d.at ? analysis.texts.get(d.at.file) : undefined;
  const start = d.at && text !== undefined ? lineColumn(text, d.at.range.start) : undefined;
  const end = d.at && text !== undefined ? lineColumn(text, d.at.range.end) : undefined;
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    path: d.path,
    line: start?.line ?? null,
    column: start?.column ?? null,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null,
    ...(d.at && d.at.file !== analysis.file ? { file: d.at.file } : {}),
    ...(d.invalidatesResult ? { invalidatesResult: true } : {}),
  };
}

export function buildReport(analysis: Analysis): Report {
  const traffic = trafficSetting(analysis);
  return reportOf({
    name: analysis.name,
    diagnostics: analysis.diagnostics.map((d) => reportDiagnostic(d, analysis)),
    result: analysis.result,
    baseline: analysis.baseline,
    ...(analysis.design ? { setting: workloadSetting(analysis.design) } : {}),
    ...(traffic ? { traffic } : {}),
  });
}

export interface MetricPair {
  id: string;
  label: string;
  design?: Metric;
  baseline?: Metric;
}

/**
 * A design's metrics beside its baseline's, in the report's order. A metric only one side
 * has (a chip price where the other has none) is listed with the other side empty, so a
 * table shows what the baseline has even when this design lacks it.
 */
export function metricPairs(design: readonly Metric[], baseline: readonly Metric[] = []): MetricPair[] {
  const inDesign = new Set(design.map((m) => m.id));
  const out: MetricPair[] = [];
  let next = 0;
  const flushBaselineOnly = (until: number) => {
    for (; next < until; next++)
      if (!inDesign.has(baseline[next]!.id)) out.push({ id: baseline[next]!.id, label: baseline[next]!.label, baseline: baseline[next]! });
  };
  for (const d of design) {
    const at = baseline.findIndex((b) => b.id === d.id);
    if (at >= 0) {
      flushBaselineOnly(at);
      next = Math.max(next, at + 1);
    }
    out.push({ id: d.id, label: d.label, design: d, ...(at >= 0 ? { baseline: baseline[at]! } : {}) });
  }
  flushBaselineOnly(baseline.length);
  return out;
}

/** A metric of a design report by id. */
export function findMetric(design: DesignReport | null | undefined, id: string): Metric | undefined {
  return design?.metrics.find((m) => m.id === id);
}

export function findRatio(report: Report, id: string) {
  return report.baseline?.ratios.find((r) => r.id === id);
}

const reports = new WeakMap<Analysis, Report>();

/** The report of an analysis, built once however many surfaces read it (an analysis is not changed after it is made). */
export function reportFor(analysis: Analysis): Report {
  let report = reports.get(analysis);
  if (!report) reports.set(analysis, (report = buildReport(analysis)));
  return report;
}
