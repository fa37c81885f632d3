// The JSON the CLI prints (contract.md §3): required fields first, extras after.

import { lineColumn, type Analysis } from '../model/analysis';
import type { Diagnostic } from '../model/diagnostics';
import type { EvaluationResult } from '../model/result';
import { relative } from 'node:path';

export interface JsonOptions { detail: boolean }

export function diagnosticJson(d: Diagnostic, analysis: Analysis) {
  const text = d.at ? analysis.texts.get(d.at.file) : undefined;
  const start = d.at && text !== undefined ? lineColumn(text, d.at.range.start) : undefined;
  const end = d.at && text !== undefined ? lineColumn(text, d.at.range.end) : undefined;
  return {
    severity: d.severity, code: d.code, message: d.message, path: d.path,
    line: start?.line ?? null, column: start?.column ?? null,
    endLine: end?.line ?? null, endColumn: end?.column ?? null,
    ...(d.at && d.at.file !== analysis.file ? { file: relative(process.cwd(), d.at.file) } : {}),
  };
}

export function resultJson(r: EvaluationResult, options: JsonOptions) {
  if (options.detail) return r;
  const { phases, serving, ...headline } = r;
  return {
    ...headline,
    // The per-step timeline and histograms feed the Serving view; `--detail` prints them.
    ...(serving ? { serving: (({ timeline: _t, ttftHistogramMs: _h1, tpotHistogramMs: _h2, ...rest }) => rest)(serving) } : {}),
    phases: {
      prefill: { seconds: phases.prefill.seconds, bottleneck: phases.prefill.bottleneck, secondsBy: phases.prefill.secondsBy },
      decode: { seconds: phases.decode.seconds, bottleneck: phases.decode.bottleneck, secondsBy: phases.decode.secondsBy },
    },
  };
}

export function analysisJson(analysis: Analysis, options: JsonOptions) {
  const ok = !analysis.diagnostics.some((d) => d.severity === 'error');
  return {
    ok,
    diagnostics: analysis.diagnostics.map((d) => diagnosticJson(d, analysis)),
    result: analysis.result ? resultJson(analysis.result, options) : null,
    baseline: analysis.baseline
      ? { name: analysis.baseline.name, result: resultJson(analysis.baseline.result, options), ratios: analysis.baseline.ratios }
      : null,
    name: analysis.name,
    ...(options.detail ? { sensitivity: analysis.sensitivity } : {}),
  };
}
