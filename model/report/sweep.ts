// A sweep's results as CSV and JSON, for the CLI (`jalapeno sweep --csv|--json`) and the
// editor's Sweep command alike. CSV columns are the metrics that name a `column` in
// metrics.ts, in the units a spreadsheet user expects (ms, tokens/s, W, J, USD), plus the
// facts that are not numbers and why a point has no result. Each metric with an 80 %
// prediction range gets its ends after the metric columns, `<column>_low80` and
// `<column>_high80`, so a script sees how far apart two swept values must be to differ: the
// ranges `eval --json` prints in `result.ranges` (the engine's, and the energy and cost per
// token that follow the throughput's; none for a cost without a chip price).

import type { Analysis } from '../analysis';
import { hasErrors } from '../diagnostics';
import { buildReport } from './build';
import { analysisJson, rangesJson, type JsonOptions } from './json';
import { METRICS } from './metrics';
import { RANGE_METRICS } from '../ranges/predictionRanges';

export interface SweepRow {
  value: string;
  analysis: Analysis;
}

const METRIC_COLUMNS = METRICS.filter((m) => m.column);
// The engine's ranges and the ones that follow the throughput's (energy and cost per token).
const RANGE_COLUMNS = METRIC_COLUMNS.filter((m) => (RANGE_METRICS as readonly string[]).includes(m.id) || m.rangeFollowsThroughput).flatMap(
  (m) =>
    ([0, 1] as const).map((end) => ({
      column: `${m.column!}_${end ? 'high' : 'low'}80`,
      value: (ranges: Record<string, [number, number]> | undefined) => ranges?.[m.id]?.[end],
    })),
);
/** Facts of a result that are not metrics, after the metric columns. */
const FACT_COLUMNS: { column: string; value(a: Analysis): string | boolean | undefined }[] = [
  { column: 'decode_bottleneck', value: (a) => a.result?.decode.bottleneck },
  { column: 'throttled', value: (a) => a.result?.power.throttled },
  { column: 'memory_fits', value: (a) => a.result?.memory.fits },
  // Where `chip_price_usd` came from, in the report's words: `given`, `scaled` (a preset's price
  // scaled to a changed die), `modelled`, or `none`: no price at all, so the cost columns count
  // electricity only.
  { column: 'chip_price_source', value: (a) => (a.result ? chipPriceSource(a.result) : undefined) },
  // The offered rate is more than the instance serves: its latency columns measure how many
  // requests were simulated, not the design, and its served columns are its saturation's (the
  // table's notes; `explore` gives such a point no latency at all). Empty without `serving:`.
  { column: 'serving_overloaded', value: (a) => (a.result?.serving ? a.result.serving.overloaded === true : undefined) },
];

export const SWEEP_CSV_COLUMNS = [
  'value',
  'ok',
  ...METRIC_COLUMNS.map((m) => m.column!),
  ...RANGE_COLUMNS.map((c) => c.column),
  ...FACT_COLUMNS.map((f) => f.column),
  // As `eval --json`: `ok` is false exactly when a diagnostic is an error, `valid` also when a
  // warning marks the numbers not the design as written (a likely typo); `errors` says why.
  'valid',
  'errors',
];

export function sweepCsv(rows: readonly SweepRow[]): string {
  const lines = [SWEEP_CSV_COLUMNS.map(csvField).join(',')];
  for (const { value, analysis } of rows) {
    const report = buildReport(analysis);
    // The errors, and the warnings that make the point not valid (a review: a typo's points read
    // ok=false with nothing in this column).
    const errors = analysis.diagnostics
      .filter((d) => d.severity === 'error' || d.invalidatesResult)
      .map((d) => (d.severity === 'error' ? d.message : `warning: ${d.message}`))
      .join(' | ');
    // The engine gives no result for a config with errors in the design (a default would
    // stand in for the value swept); a design that does not fit is evaluated as written
    // and marked by `ok` = false (its memory-capacity error) and `memory_fits` = false.
    const r = analysis.result;
    const ranges = r && (rangesJson(r, report.design?.metrics ?? []) as Record<string, [number, number]> | undefined);
    const cells = [
      value,
      !hasErrors(analysis.diagnostics),
      ...METRIC_COLUMNS.map((m) => (r ? m.value(r) : undefined)),
      ...RANGE_COLUMNS.map((c) => c.value(ranges)),
      ...FACT_COLUMNS.map((f) => f.value(analysis)),
      report.valid,
      errors,
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

export function sweepJson(param: string, rows: readonly SweepRow[], options: Pick<JsonOptions, 'fileLabel'> = {}) {
  return {
    param,
    points: rows.map(({ value, analysis }) => {
      const json = analysisJson(analysis, { detail: false, ...options });
      return {
        value,
        ok: json.ok,
        valid: json.valid,
        // Errors, and the warnings that say a point's numbers cannot be read as the others are
        // (an overloaded open loop, a unit slip); the infos would repeat on every point.
        diagnostics: json.diagnostics.filter((d) => d.severity !== 'info'),
        result: json.result,
      };
    }),
  };
}

function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(+value.toPrecision(6)) : '';
  const text = String(value);
  // Quote what a spreadsheet would split or read as a formula (`=`, `+`, `-`, `@` first).
  const formula = /^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text);
  return /[",\n\r]/.test(text) || formula ? `"${(formula ? `'${text}` : text).replace(/"/g, '""')}"` : text;
}

function chipPriceSource(r: NonNullable<Analysis['result']>): 'given' | 'scaled' | 'modelled' | 'none' {
  const s = r.silicon;
  if (!s) return 'none';
  return s.modelledOverPreset ? 'scaled' : s.priceSource;
}
