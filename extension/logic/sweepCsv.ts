// A sweep's results as CSV: one row per value, the headline results in SI-free units a
// spreadsheet user expects (ms, tokens/s, W, J, USD), and why a point has no result.

import type { Analysis } from '../../model/analysis';

export interface SweepRow { value: string; analysis: Analysis }

const COLUMNS = [
  'decode_ms_per_token', 'prefill_ms', 'response_ms', 'output_tokens_per_s', 'tokens_per_s_per_chip',
  'watts_per_chip', 'throttled', 'joules_per_output_token', 'usd_per_million_output_tokens', 'usd_per_response',
  'decode_bottleneck', 'memory_fits', 'max_batch', 'errors',
] as const;

export function sweepCsv(path: string, rows: readonly SweepRow[]): string {
  const lines = [[path, ...COLUMNS].map(csvField).join(',')];
  for (const { value, analysis } of rows) {
    const errorList = analysis.diagnostics.filter((d) => d.severity === 'error');
    const errors = errorList.map((d) => d.message).join(' | ');
    // With an error in the config the numbers are not those of this value (a default stood
    // in): leave them out. A design that does not fit is still evaluated as written.
    const r = errorList.every((d) => d.code === 'memory-capacity') ? analysis.result : undefined;
    const cells: (string | number | boolean | undefined)[] = r
      ? [r.decode.msPerToken, r.prefill.ms, r.response.ms, r.throughput.outputTokensPerSecond, r.throughput.perChip,
        r.power.watts, r.power.throttled, r.energy.joulesPerOutputToken, r.cost.usdPerMillionOutputTokens, r.cost.usdPerResponse,
        r.decode.bottleneck, r.memory.fits, r.memory.maxBatch, errors]
      : [...COLUMNS.slice(0, -1).map(() => undefined), errors];
    lines.push([value, ...cells].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(+value.toPrecision(6)) : '';
  const text = String(value);
  // Quote what a spreadsheet would split or read as a formula (`=`, `+`, `-`, `@` first).
  const formula = /^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text);
  return /[",\n\r]/.test(text) || formula ? `"${(formula ? `'${text}` : text).replace(/"/g, '""')}"` : text;
}
