// The one-line summaries shown above `workload:` and `chip:` (CodeLens) and in the status
// bar. Every number comes from the evaluation; this module only chooses and formats them.

import type { Analysis } from '../../model/analysis';
import type { Dtype } from '../../model/dtypes';
import type { EvaluationResult } from '../../model/result';
import { formatQuantity, formatSI } from '../../model/units';
import { formatMs, formatPercent, formatRate, formatRatio, formatUsd, formatWatts, significant } from './format';

export function errorCount(analysis: Analysis, file = analysis.file): number {
  return analysis.diagnostics.filter((d) => d.severity === 'error' && (!d.at || d.at.file === file)).length;
}

/** `6.1 ms/token · TTFT 210 ms · 2,650 tok/s · 285 W · $0.42/1M tok · 1.9× vs h100-sxm`. */
export function workloadLensText(analysis: Analysis): string {
  const r = analysis.result;
  if (!r) return notEvaluated(analysis);
  const parts = [
    `${formatMs(r.decode.msPerToken)}/token`,
    `TTFT ${formatMs(r.prefill.ms)}`,
    `${formatRate(r.throughput.outputTokensPerSecond)} tok/s`,
    `${formatWatts(r.power.watts)}${r.power.throttled ? ' (throttled)' : ''}`,
    `${formatUsd(r.cost.usdPerMillionOutputTokens)}/1M tok`,
  ];
  if (analysis.baseline) parts.push(`${formatRatio(analysis.baseline.ratios.decodeSpeedup)} vs ${baselineLabel(analysis)}`);
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

/** Above `serving:`: `p99 TTFT 151 ms · p99 TPOT 18.8 ms · 9.89 req/s · batch 32 · SLO 100% · max 15.8 req/s at SLO`. */
export function servingLensText(analysis: Analysis): string | undefined {
  const s = analysis.result?.serving;
  if (!s) return undefined;
  const parts = [
    `p99 TTFT ${formatMs(s.ttftMs.p99)}`,
    `p99 TPOT ${formatMs(s.tpotMs.p99)}`,
    `${formatRate(s.requestsPerSecond)} req/s`,
    `${formatRate(s.outputTokensPerSecond)} tok/s`,
    `batch ${significant(s.meanBatch)}`,
  ];
  if (s.sloAttainment !== undefined) parts.push(`SLO met by ${formatPercent(s.sloAttainment)}`);
  if (s.maxRateAtSlo !== undefined) {
    const b = analysis.baseline?.result.serving?.maxRateAtSlo;
    parts.push(`max ${formatRate(s.maxRateAtSlo)} req/s at SLO${b !== undefined && b > 0 ? ` (${formatRatio(s.maxRateAtSlo / b)} ${baselineLabel(analysis)})` : ''}`);
  }
  return parts.join(' · ');
}

/** Above `fleet:`: `13 + 2 standby replicas · 120 chips · 38 kW · $0.52/1M tok · vs h100-sxm fleet 1.9× cheaper`. */
export function fleetLensText(analysis: Analysis): string | undefined {
  const f = analysis.result?.fleet;
  if (!f) return undefined;
  const parts = [
    `${f.replicas}${f.standbyReplicas ? ` + ${f.standbyReplicas} standby` : ''} replicas`,
    `${f.chips.toLocaleString('en-US')} chips`,
    formatWatts(f.watts),
    `${formatUsd(f.usdPerMillionOutputTokens)}/1M tok`,
  ];
  const b = analysis.baseline?.result.fleet;
  if (b && f.usdPerMillionOutputTokens > 0) parts.push(`${formatRatio(b.usdPerMillionOutputTokens / f.usdPerMillionOutputTokens)} cheaper than an all-${baselineLabel(analysis)} fleet`);
  return parts.join(' · ');
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
  const serving = servingLensText(analysis);
  if (serving) paragraphs.push(`Serving: ${serving}`);
  const fleet = fleetLensText(analysis);
  if (fleet) paragraphs.push(`Fleet: ${fleet}`);
  if (errors) paragraphs.push(`${errors} error${errors === 1 ? '' : 's'}: see the Problems panel.`);
  paragraphs.push('Click to open the design views.');
  return { text, tooltip: paragraphs.join('\n\n'), severity: errors ? 'error' : r && !r.memory.fits ? 'warning' : 'ok' };
}

function resultLines(r: EvaluationResult): string[] {
  return [
    `Decode ${formatMs(r.decode.msPerToken)}/token (${r.decode.bottleneck}-bound) · TTFT ${formatMs(r.prefill.ms)} · response ${formatMs(r.response.ms)}`,
    `${formatRate(r.throughput.outputTokensPerSecond)} tok/s · ${formatWatts(r.power.watts)}/chip · ${formatUsd(r.cost.usdPerMillionOutputTokens)} per 1M tokens`,
    r.memory.fits ? `Memory fits (max batch ${r.memory.maxBatch})` : `Does not fit in memory: max batch ${r.memory.maxBatch}`,
  ];
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
