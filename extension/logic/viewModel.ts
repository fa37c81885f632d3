// The ViewModel posted to the design views: the analysis reduced to plain data (no Maps),
// in the shape webview/protocol.ts defines.

import type { Analysis } from '../../model/analysis';
import type { ViewModel } from '../../webview/protocol';

export function toViewModel(analysis: Analysis, file: string, evaluatedAt: Date): ViewModel {
  return {
    file,
    name: analysis.name,
    result: analysis.result ?? null,
    baseline: analysis.baseline ?? null,
    sensitivity: analysis.sensitivity,
    batchCurve: analysis.batchCurve,
    errors: analysis.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: analysis.diagnostics.filter((d) => d.severity === 'warning').length,
    evaluatedAt: evaluatedAt.toISOString(),
  };
}
