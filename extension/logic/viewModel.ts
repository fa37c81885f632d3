// The ViewModel posted to the design views: the report (every number they print, the
// baseline's included) and the chart data the report does not put in words (this design's
// operators per phase, the chip's peak rates), in the shape webview/protocol.ts defines.
// Plain data, no Maps.

import type { Analysis } from '../../model/analysis';
import { batchCurveReport } from '../../model/report/batchCurve';
import { reportFor } from '../../model/report/build';
import type { EvaluationResult } from '../../model/result';
import type { SweepPoint } from '../../model/sweep';
import type { ChartData, SweepPointView, ViewModel } from '../../webview/protocol';

const chartData = (r: EvaluationResult): ChartData => ({
  phases: r.phases,
  chip: r.chip,
  ...(r.serving ? { serving: r.serving } : {}),
  ...(r.fleet ? { fleet: r.fleet } : {}),
});

/** `location` is how the views name the config (its workspace-relative path). */
/**
 * Which text of a config a view model or a sweep is of: FNV-1a over its characters (a change
 * anywhere changes it; nothing secret is in it, and the views only compare two of them).
 */
export function textRevision(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16)}-${text.length}`;
}

/**
 * Which inputs an analysis read: every file's text (the config and the files it extends or
 * compares with), so that a sweep goes stale when a parent is saved too (a review: hashing the
 * config's own text missed it).
 */
export function analysisRevision(analysis: Pick<Analysis, 'texts'>): string {
  const files = [...analysis.texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return textRevision(files.map(([path, text]) => `${path}\u0000${text}`).join('\u0001'));
}

export function toViewModel(
  analysis: Analysis,
  file: string,
  evaluatedAt: Date,
  location?: string,
  servingPending = false,
  revision?: string,
): ViewModel {
  const report = reportFor(analysis);
  return {
    file,
    ...(revision !== undefined ? { revision } : {}),
    ...(servingPending ? { servingPending } : {}),
    ...(location !== undefined ? { location } : {}),
    name: analysis.name,
    report,
    result: analysis.result ? chartData(analysis.result) : null,
    sensitivity: analysis.sensitivity,
    batchCurve: {
      design: batchCurveReport(analysis.batchCurve.design, analysis.result?.rangeCategory, report.valid),
      baseline: batchCurveReport(analysis.batchCurve.baseline, analysis.baseline?.result.rangeCategory, report.valid),
    },
    ...(analysis.baseline?.result.serving
      ? {
          baselineServing: {
            name: analysis.baseline.name,
            serving: analysis.baseline.result.serving,
            ...(analysis.baseline.result.fleet ? { fleet: analysis.baseline.result.fleet } : {}),
          },
        }
      : {}),
    evaluatedAt: evaluatedAt.toISOString(),
  };
}

export function toSweepPointView(point: SweepPoint): SweepPointView {
  const report = reportFor(point.analysis);
  return { value: point.value, metrics: report.design?.metrics ?? null, errors: report.errors };
}
