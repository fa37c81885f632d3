// Sweeps: the same config evaluated at several values of one key. Values are written as in
// the file ("6 TB/s", "32") and go through the same parsing and diagnostics.

import { parse as parseYaml } from 'yaml';
import type { Analysis } from './analysis';
import { analyzeConfig } from './analyze';
import type { FileHost, Override } from './config/resolve';
import type { Scalar, SourceNode } from './config/tree';

/** `workload.batch` + `32` -> an override; the value is read as a YAML scalar. */
export function overrideFrom(path: string, valueText: string, label: string): Override {
  let value: Scalar;
  try {
    const parsed: unknown = parseYaml(valueText);
    value = parsed === null || ['string', 'number', 'boolean'].includes(typeof parsed) ? (parsed as Scalar) : valueText;
  } catch {
    value = valueText;
  }
  const node: SourceNode = { kind: 'scalar', value, source: { kind: 'override', label } };
  return { path: path.split('.').filter(Boolean), value: node };
}

export interface SweepPoint { value: string; analysis: Analysis }

export async function sweepValues(text: string, file: string, host: FileHost, path: string, values: readonly string[],
  options: { overrides?: readonly Override[]; isCancelled?: () => boolean; onPoint?: (done: number) => void } = {}): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const value of values) {
    if (options.isCancelled?.()) break;
    const overrides = [...(options.overrides ?? []), overrideFrom(path, value, `the sweep of ${path}`)];
    points.push({ value, analysis: await analyzeConfig(text, file, host, { overrides }) });
    options.onPoint?.(points.length);
  }
  return points;
}
