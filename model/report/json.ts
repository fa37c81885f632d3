// The contract JSON (contract.md §3), built in this one place for `jalapeno eval --json`,
// `jalapeno sweep --json` and the editor's exported report. `ok` and the diagnostics are
// the report's; `result` is the engine's result passed through, so that every field an
// engineer adds to `EvaluationResult` (ranges, serving, silicon, ...) reaches scripts with
// no change here. Without `detail` the operator lists are left out (they are the bulk).

import { lineColumn, type Analysis } from '../analysis';
import { nearestInFile } from '../buildDesign';
import type { EvaluationResult } from '../result';
import { buildReport } from './build';
import { servedNothing } from './metrics';
import type { Metric, Report, ReportDiagnostic } from './types';

export interface JsonOptions {
  /** Include every operator of both phases and the sensitivities. */
  detail: boolean;
  /** How a file other than the config is named: a path relative to the working directory, or as is. */
  fileLabel?: (file: string) => string;
}

export function diagnosticJson(
  d: ReportDiagnostic,
  options: Pick<JsonOptions, 'fileLabel'> = {},
  analysis?: Pick<Analysis, 'file' | 'texts' | 'origins'>,
) {
  const { file, ...rest } = d;
  const own = file !== undefined ? { file: options.fileLabel ? options.fileLabel(file) : file } : {};
  if (!analysis || (file === undefined && d.line !== null)) return { ...rest, ...own };
  // Contract §3: `line` and `column` are 1-based in FILE. A diagnostic in a file FILE reads (an
  // `extends` parent, a `compare` file) keeps its own place as `file`, `fileLine`, `fileColumn`
  // and sits on the line of FILE that reads that file; one with no place in a file (a `--set`
  // value) where the editor shows it: at the key if FILE writes it, else its section, else the
  // `extends` line.
  const via = d.path.startsWith('compare') || !analysis.origins.has('extends') ? 'compare' : 'extends';
  const at = nearestInFile(file !== undefined ? via : d.path, analysis.origins, analysis.file)!;
  const text = analysis.texts.get(analysis.file) ?? '';
  const [start, end] = [lineColumn(text, at.range.start), lineColumn(text, at.range.end)];
  return {
    ...rest,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...own,
    ...(file !== undefined && d.line !== null ? { fileLine: d.line, fileColumn: d.column } : {}),
  };
}

/**
 * `result.silicon` of a chip with no price: neither given nor modellable (contract §4.4: said in
 * a diagnostic, no capital cost). The key is there, with nothing in it a script could add up.
 */
const NO_PRICE = { dieAreaMm2: null, chipPriceUsd: null, priceSource: 'none' } as const;

/**
 * `result.ranges` with the ranges the report derives beside the engine's (energy, perf/W and
 * cost per token follow the throughput's relative range: model/report/build.ts), keyed by
 * their paths in the result, as the table prints them. Not for a cost that counts electricity
 * only (no chip price): that cost is no figure to bound.
 */
export function rangesJson(r: EvaluationResult, metrics: readonly Metric[]): EvaluationResult['ranges'] {
  if (!r.ranges) return r.ranges;
  // A range of another kind (the die area's: `basis`) is in `result.silicon`, not among the 80 % ranges.
  const derived = metrics.filter(
    (m) => m.range && !m.range.basis && !(m.id in r.ranges!) && !(m.id.startsWith('cost.') && !r.cost.capitalKnown),
  );
  const ranges = { ...r.ranges, ...Object.fromEntries(derived.map((m) => [m.id, [m.range!.low, m.range!.high]])) };
  // A run (or disaggregated pools) that served nothing has no latencies to bound (servingJson).
  const none = [
    ...(r.serving && servedNothing(r.serving) ? [/^serving\.(ttftMs|tpotMs|e2eMs)\./] : []),
    ...(r.serving?.disaggregated && servedNothing(r.serving.disaggregated) ? [/^serving\.disaggregated\.(ttftMs|tpotMs|e2eMs)\./] : []),
  ];
  for (const id of Object.keys(ranges)) if (none.some((pattern) => pattern.test(id))) delete ranges[id as keyof typeof ranges];
  return ranges;
}

/**
 * The serving figures, without the per-step timeline and the histograms (they feed the Serving
 * view) unless `detail`. A run, or disaggregated pools, that served nothing (every request
 * rejected) has no latencies: null, not the 0 ms its empty statistics hold; `requests-rejected`
 * says why.
 */
function servingJson(serving: NonNullable<EvaluationResult['serving']>, detail: boolean) {
  const { timeline: _t, ttftHistogramMs: _h1, tpotHistogramMs: _h2, ...summary } = serving;
  const rest = detail ? serving : summary;
  const pools = serving.disaggregated;
  return {
    ...rest,
    ...(servedNothing(serving)
      ? { ...NO_LATENCIES, ...(rest.sloPercentileMs ? { sloPercentileMs: { ttft: null, tpot: null, e2e: null } } : {}) }
      : {}),
    ...(pools && servedNothing(pools) ? { disaggregated: { ...pools, ...NO_LATENCIES } } : {}),
  };
}
const NO_PERCENTILES = { mean: null, p50: null, p90: null, p99: null };
const NO_LATENCIES = { ttftMs: NO_PERCENTILES, tpotMs: NO_PERCENTILES, e2eMs: NO_PERCENTILES };

export function resultJson(r: EvaluationResult, options: Pick<JsonOptions, 'detail'>, metrics: readonly Metric[] = []) {
  const ranges = rangesJson(r, metrics);
  if (options.detail)
    return {
      ...r,
      silicon: r.silicon ?? NO_PRICE,
      ...(ranges ? { ranges } : {}),
      ...(r.serving ? { serving: servingJson(r.serving, true) } : {}),
    };
  const { phases, serving, ...headline } = r;
  return {
    ...headline,
    ...(ranges ? { ranges } : {}),
    silicon: headline.silicon ?? NO_PRICE,
    // The per-step timeline and the histograms feed the Serving view; `--detail` prints them.
    ...(serving ? { serving: servingJson(serving, false) } : {}),
    phases: {
      prefill: { seconds: phases.prefill.seconds, bottleneck: phases.prefill.bottleneck, secondsBy: phases.prefill.secondsBy },
      decode: { seconds: phases.decode.seconds, bottleneck: phases.decode.bottleneck, secondsBy: phases.decode.secondsBy },
    },
  };
}

export function analysisJson(analysis: Analysis, options: JsonOptions, report: Report = buildReport(analysis)) {
  return {
    // Contract §3: ok is false exactly when a diagnostic is an error. `valid` says more: false
    // too when a warning leaves the numbers not describing the design (a likely typo).
    ok: report.errors === 0,
    valid: report.valid,
    diagnostics: report.diagnostics.map((d) => diagnosticJson(d, options, analysis)),
    result: analysis.result ? resultJson(analysis.result, options, report.design?.metrics) : null,
    baseline: analysis.baseline
      ? {
          name: analysis.baseline.name,
          result: resultJson(analysis.baseline.result, options, report.baseline?.report.metrics),
          ratios: analysis.baseline.ratios,
          // The chip prices `ratios.costPerResponse` compares where they are not the results' own
          // (a review divided the two results' costs and got another ratio): 'modelled' or 'mixed'.
          ...(analysis.baseline.costBasis
            ? {
                costBasis: analysis.baseline.costBasis,
                costPricesUsd: analysis.baseline.costPricesUsd,
                costUsdPerResponse: analysis.baseline.costUsdPerResponse,
                fleetCostUsdPerMillionOutputTokens: analysis.baseline.fleetCostUsdPerMillionOutputTokens,
              }
            : {}),
          // The contract's ratios are bare numbers; a script must not read 1.09 as "faster"
          // where every surface says "no clear difference (0.488–2.71×)".
          comparison: comparisonJson(report),
        }
      : null,
    name: report.name,
    ...(options.detail ? { sensitivity: analysis.sensitivity } : {}),
  };
}

/**
 * Every ratio the surfaces show, by id (the contract's `decodeSpeedup`, … and the metrics'
 * own ids): its value, the 80 % range when both sides have one, the verdict and the words.
 */
function comparisonJson(report: Report) {
  return Object.fromEntries(
    (report.baseline?.ratios ?? []).map((r) => [
      r.id,
      {
        value: r.verdict === 'not-comparable' ? null : r.value,
        range: r.range ? [r.range.low, r.range.high] : null,
        // The range is the paired one (the two designs share their error sources: docs/validation.md, "Paired ranges").
        ...(r.paired ? { rangePaired: true } : {}),
        verdict: r.verdict,
        wording: r.wording,
        // A cost ratio's prices, where they are not the rows' own (the table sets it as a footnote).
        ...(r.basis ? { basis: r.basis } : {}),
        ...(r.otherWayAtShownPrices ? { otherWayAtShownPrices: r.otherWayAtShownPrices } : {}),
      },
    ]),
  );
}
