// The ViewModel posted to the design views: the analysis reduced to plain data (no Maps),
// in the shape webview/protocol.ts defines.

import type { Analysis } from '../../model/analysis';
import type { ViewModel } from '../../webview/protocol';

/** `location` is how the views name the config (its workspace-relative path). */
export function toViewModel(analysis: Analysis, file: string, evaluatedAt: Date, location?: string): ViewModel {
  return {
    file,
    ...(location !== undefined ? { location } : {}),
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
