// The one-line summaries shown above `workload:` and `chip:` (CodeLens) and in the status
// bar. Every number comes from the evaluation; this module only chooses and formats them.

import type { Analysis } from '../../model/analysis';
import type { Dtype } from '../../model/dtypes';
import type { EvaluationResult } from '../../model/result';
import { formatQuantity, formatSI } from '../../model/units';
import { formatMs, formatMsRange, formatRateRange, formatRatioRange, formatUsd, formatWatts, significant } from './format';

export function errorCount(analysis: Analysis, file = analysis.file): number {
  return analysis.diagnostics.filter((d) => d.severity === 'error' && (!d.at || d.at.file === file)).length;
}

/**
 * `6.1 ms (5.2–8.4)/token · TTFT 210 ms (160–300) · 2,650 (1,900–3,100) tok/s · 285 W ·
 * $0.42/1M tok · 1.9× (1.2–2.6) vs h100-sxm`: every speed with its 80 % prediction range.
 */
export function workloadLensText(analysis: Analysis): string {
  const r = analysis.result;
  if (!r) return notEvaluated(analysis);
  const parts = [
    `${formatMsRange(r.decode.msPerToken, r.ranges?.['decode.msPerToken'])}/token`,
    `TTFT ${formatMsRange(r.prefill.ms, r.ranges?.['prefill.ms'])}`,
    `${formatRateRange(r.throughput.outputTokensPerSecond, r.ranges?.['throughput.outputTokensPerSecond'])} tok/s`,
    `${formatWatts(r.power.watts)}${r.power.throttled ? ' (throttled)' : ''}`,
    `${formatUsd(r.cost.usdPerMillionOutputTokens)}/1M tok`,
  ];
  if (analysis.baseline) parts.push(`${formatRatioRange(analysis.baseline.ratios.decodeSpeedup, analysis.baseline.ratioRanges?.decodeSpeedup)} vs ${baselineLabel(analysis)}`);
  const prefix = r.memory.fits ? '' : `does not fit in memory (max batch ${r.memory.maxBatch}) · `;
  return prefix + parts.join(' · ');
}

/** `bf16 989 TFLOPS · int8 1.98 POPS · 4.8 TB/s · ridge 206 op/B (int8)`. */
export function chipLensText(analysis: Analysis): string {
  const r = analysis.result;
  if (!r) return notEvaluated(analysis);
  const peaks = (Object.entries(r.chip.peakOpsPerSecond) as [Dtype, number][])
    .filter(([, v]) => v > 0)
    .sort(([, a], [, b]) => a - b)
    .map(([dtype, v]) => `${dtype} ${formatSI(v, dtype.startsWith('int') ? 'OPS' : 'FLOPS')}`);
  return [
    ...peaks,
    `memory ${formatQuantity(r.chip.memoryBandwidthBytesPerSecond, 'bandwidth')}`,
    `ridge ${significant(r.chip.ridgeOpsPerByte)} op/B (${r.chip.computeDtype})`,
  ].join(' · ');
}

function notEvaluated(analysis: Analysis): string {
  const errors = errorCount(analysis, analysis.file) || analysis.diagnostics.filter((d) => d.severity === 'error').length;
  return errors ? `not evaluated: ${errors} error${errors === 1 ? '' : 's'} (see Problems)` : 'not evaluated';
}

/** The baseline as the user named it (`compare: h100-sxm`), else its display name. */
export function baselineLabel(analysis: Analysis): string {
  const compare = analysis.config?.compare;
  if (typeof compare === 'string' && compare.trim()) return compare.trim().replace(/^.*\//, '').replace(/\.chip\.ya?ml$/, '');
  return analysis.baseline?.name ?? '';
}

export interface StatusSummary {
  /** With a codicon: `$(pulse) 6.1 ms/token`. */
  text: string;
  /** Markdown. */
  tooltip: string;
  severity: 'ok' | 'warning' | 'error';
}

export function statusSummary(analysis: Analysis): StatusSummary {
  const errors = errorCount(analysis);
  const r = analysis.result;
  const headline = r ? `${formatMs(r.decode.msPerToken)}/token` : 'not evaluated';
  const text = errors ? `$(error) ${errors} · ${headline}` : r && !r.memory.fits ? `$(warning) ${headline}` : `$(pulse) ${headline}`;
  const paragraphs = [`**${escapeMarkdown(analysis.name)}**`];
  if (r) paragraphs.push(...resultLines(r));
  if (errors) paragraphs.push(`${errors} error${errors === 1 ? '' : 's'}: see the Problems panel.`);
  paragraphs.push('Click to open the design views.');
  return { text, tooltip: paragraphs.join('\n\n'), severity: errors ? 'error' : r && !r.memory.fits ? 'warning' : 'ok' };
}

function resultLines(r: EvaluationResult): string[] {
  return [
    `Decode ${formatMsRange(r.decode.msPerToken, r.ranges?.['decode.msPerToken'])}/token (${r.decode.bottleneck}-bound) · TTFT ${formatMsRange(r.prefill.ms, r.ranges?.['prefill.ms'])} · response ${formatMsRange(r.response.ms, r.ranges?.['response.ms'])}`,
    `${formatRateRange(r.throughput.outputTokensPerSecond, r.ranges?.['throughput.outputTokensPerSecond'])} tok/s · ${formatWatts(r.power.watts)}/chip · ${formatUsd(r.cost.usdPerMillionOutputTokens)} per 1M tokens`,
    ...(r.ranges ? ['(a–b): 80 % prediction range from cross-validated errors'] : []),
    r.memory.fits ? `Memory fits (max batch ${r.memory.maxBatch})` : `Does not fit in memory: max batch ${r.memory.maxBatch}`,
  ];
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
