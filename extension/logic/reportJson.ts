// The JSON of a report: the same fields as `jalapeno eval --json` (contract.md §3) so a
// script reads a report like the CLI's output, plus the sensitivities.

import { lineColumn, type Analysis } from '../../model/analysis';

export function reportJson(analysis: Analysis, fileLabel: string) {
  return {
    ok: !analysis.diagnostics.some((d) => d.severity === 'error'),
    diagnostics: analysis.diagnostics.map((d) => {
      const text = d.at ? analysis.texts.get(d.at.file) : undefined;
      const at = d.at && text !== undefined ? lineColumn(text, d.at.range.start) : undefined;
      return {
        severity: d.severity, code: d.code, message: d.message, path: d.path,
        line: at?.line ?? null, column: at?.column ?? null,
        ...(d.at && d.at.file !== analysis.file ? { file: d.at.file } : {}),
      };
    }),
    result: analysis.result ?? null,
    baseline: analysis.baseline ? { name: analysis.baseline.name, result: analysis.baseline.result, ratios: analysis.baseline.ratios } : null,
    name: analysis.name,
    file: fileLabel,
    sensitivity: analysis.sensitivity,
  };
}
