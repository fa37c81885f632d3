// Sweeps: the same config evaluated at several values of one key. Values are written as in
// the file ("6 TB/s", "32") and go through the same parsing and diagnostics.

import type { Analysis } from './analysis';
import { analyzeConfig } from './analyze';
import type { FileHost, Override } from './config/resolve';
import { nodeFromText } from './config/tree';

/**
 * `workload.batch` + `32` -> an override. The value is read as YAML: a scalar, or a flow
 * list or map (`[qkv_projection, all_reduce]`, `{ bf16: 989 TFLOPS }`); text that is not
 * YAML stays a string, for the validator to report.
 */
export function overrideFrom(path: string, valueText: string, label: string, varied = false): Override {
  const source = varied ? ({ kind: 'override', label, varied: true } as const) : ({ kind: 'override', label } as const);
  const value = nodeFromText(valueText, source);
  return { path: path.split('.').filter(Boolean), value };
}

export interface SweepPoint {
  value: string;
  analysis: Analysis;
}

export async function sweepValues(
  text: string,
  file: string,
  host: FileHost,
  path: string,
  values: readonly string[],
  options: { overrides?: readonly Override[]; isCancelled?: () => boolean; onPoint?: (done: number) => void } = {},
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const value of values) {
    if (options.isCancelled?.()) break;
    const overrides = [...(options.overrides ?? []), overrideFrom(path, value, `the sweep of ${path}`, true)];
    // Without the serving ranges: two more simulations per design for figures a sweep's CSV and
    // bands do not carry (they range the static headline metrics only).
    points.push({ value, analysis: await analyzeConfig(text, file, host, { overrides, serving: { ranges: false } }) });
    options.onPoint?.(points.length);
  }
  return points;
}
