// The readable summary the CLI prints without --json.

import { lineColumn, type Analysis } from '../model/analysis';
import type { EvaluationResult } from '../model/result';
import { formatSI, trimNumber } from '../model/units';
import { relative } from 'node:path';

interface Row { label: string; value: (r: EvaluationResult) => string; ratio?: (r: EvaluationResult, b: EvaluationResult) => string }

const times = (x: number, better: string, worse: string) => (x >= 1 ? `${trimNumber(x)}× ${better}` : `${trimNumber(1 / x)}× ${worse}`);

const ROWS: Row[] = [
  { label: 'Per-token latency', value: (r) => `${trimNumber(r.decode.msPerToken)} ms (${r.decode.bottleneck})`, ratio: (r, b) => times(b.decode.msPerToken / r.decode.msPerToken, 'faster', 'slower') },
  { label: '  bounds (max..sum)', value: (r) => `${trimNumber(r.decode.lowerMs)}..${trimNumber(r.decode.upperMs)} ms` },
  { label: 'Time to first token', value: (r) => `${trimNumber(r.prefill.ms)} ms`, ratio: (r, b) => times(b.prefill.ms / r.prefill.ms, 'faster', 'slower') },
  { label: 'Response time', value: (r) => `${trimNumber(r.response.ms / 1000)} s` },
  { label: 'Throughput', value: (r) => `${trimNumber(r.throughput.outputTokensPerSecond)} tok/s (${trimNumber(r.throughput.perChip)}/chip)`, ratio: (r, b) => times(r.throughput.outputTokensPerSecond / b.throughput.outputTokensPerSecond, 'more', 'less') },
  { label: 'Bandwidth / compute use', value: (r) => `${trimNumber(100 * r.utilization.memoryBandwidth)}% / ${trimNumber(100 * r.utilization.compute)}%` },
  { label: 'Power per chip', value: (r) => `${trimNumber(r.power.watts)} W${r.power.throttled ? ` (throttled to ${trimNumber(100 * r.power.clockScale)}% clock)` : ''}` },
  { label: 'Energy per token', value: (r) => formatSI(r.energy.joulesPerOutputToken, 'J'), ratio: (r, b) => times(r.energy.perfPerWatt / b.energy.perfPerWatt, 'perf/W', 'less perf/W') },
  { label: 'Cost per response', value: (r) => `$${r.cost.usdPerResponse.toPrecision(3)}`, ratio: (r, b) => times(b.cost.usdPerResponse / r.cost.usdPerResponse, 'cheaper', 'dearer') },
  { label: 'Cost per 1M tokens', value: (r) => `$${r.cost.usdPerMillionOutputTokens.toPrecision(3)}` },
  { label: 'Memory per chip', value: (r) => `${formatSI(r.memory.perChip.weightsBytes, 'B')} weights + ${formatSI(r.memory.perChip.kvCacheBytes, 'B')} KV of ${formatSI(r.memory.perChip.capacityBytes, 'B')}${r.memory.fits ? '' : '  DOES NOT FIT'}` },
];

const ms = (x: number) => (x >= 1000 ? `${trimNumber(x / 1000)} s` : `${trimNumber(x)} ms`);
const spread = (p: { mean: number; p50: number; p90: number; p99: number }) => `${ms(p.mean)} (p50 ${ms(p.p50)}, p90 ${ms(p.p90)}, p99 ${ms(p.p99)})`;
type Serving = NonNullable<EvaluationResult['serving']>;
type Fleet = NonNullable<EvaluationResult['fleet']>;

/** One model instance under the `serving:` traffic; the baseline under the same traffic. */
const SERVING_ROWS: { label: string; value: (s: Serving) => string; ratio?: (s: Serving, b: Serving) => string }[] = [
  { label: 'TTFT', value: (s) => spread(s.ttftMs), ratio: (s, b) => times(b.ttftMs.p99 / s.ttftMs.p99, 'faster p99', 'slower p99') },
  { label: 'TPOT', value: (s) => spread(s.tpotMs), ratio: (s, b) => times(b.tpotMs.p99 / s.tpotMs.p99, 'faster p99', 'slower p99') },
  { label: 'End to end', value: (s) => spread(s.e2eMs) },
  { label: 'Served', value: (s) => `${trimNumber(s.requestsPerSecond)} req/s, ${trimNumber(s.outputTokensPerSecond)} tok/s`, ratio: (s, b) => times(s.outputTokensPerSecond / b.outputTokensPerSecond, 'more', 'less') },
  { label: 'Batch (mean)', value: (s) => `${trimNumber(s.meanBatch)} sequences${s.preemptions ? `, ${s.preemptions} preemptions` : ''}` },
  { label: 'Saturation', value: (s) => `${trimNumber(s.saturationRequestsPerSecond)} req/s` },
  { label: 'SLO attainment', value: (s) => (s.sloAttainment === undefined ? '-' : `${trimNumber(100 * s.sloAttainment)}%`) },
  { label: 'Max rate at SLO', value: (s) => (s.maxRateAtSlo === undefined ? '-' : `${trimNumber(s.maxRateAtSlo)} req/s`), ratio: (s, b) => (s.maxRateAtSlo !== undefined && b.maxRateAtSlo ? times(s.maxRateAtSlo / b.maxRateAtSlo, 'more', 'less') : '') },
];

const FLEET_ROWS: { label: string; value: (f: Fleet) => string; ratio?: (f: Fleet, b: Fleet) => string }[] = [
  { label: 'Replicas', value: (f) => `${f.replicas}${f.standbyReplicas ? ` + ${f.standbyReplicas} standby` : ''} (peak at ${trimNumber(100 * f.peakUtilization)}% of SLO capacity)` },
  { label: 'Chips', value: (f) => `${f.chips}${f.pools.length > 1 ? ` (${f.pools.map((p) => p.chips).join(' + standby ')})` : ''}`, ratio: (f, b) => times(b.chips / f.chips, 'fewer', 'more') },
  { label: 'Fleet power', value: (f) => `${formatSI(f.watts, 'W')} at ${trimNumber(f.averageRatePerSecond)} req/s`, ratio: (f, b) => times(b.watts / f.watts, 'less', 'more') },
  { label: 'Cost per 1M tokens', value: (f) => `$${f.usdPerMillionOutputTokens.toPrecision(3)} ($${trimNumber(f.usdPerHour)}/h)`, ratio: (f, b) => times(b.usdPerMillionOutputTokens / f.usdPerMillionOutputTokens, 'cheaper', 'dearer') },
];

function section<T>(title: string, rows: { label: string; value: (x: T) => string; ratio?: (x: T, b: T) => string }[], x: T, b: T | undefined, baseName: string | undefined): string[] {
  const width = Math.max(...rows.map((row) => row.value(x).length), 12);
  const out = ['', `  ${title.padEnd(24)}${'this design'.padEnd(width + 2)}${b ? `${(baseName ?? '').padEnd(width + 2)}ratio` : ''}`.trimEnd()];
  for (const row of rows) {
    const ratio = b && row.ratio ? row.ratio(x, b) : '';
    out.push(`  ${row.label.padEnd(24)}${row.value(x).padEnd(width + 2)}${b ? `${row.value(b).padEnd(width + 2)}${ratio}` : ''}`.trimEnd());
  }
  return out;
}

/** The serving runtime in effect: the software assumption behind every number below. */
function runtimeLine(rt: NonNullable<Analysis['design']>['runtime']): string {
  const us = (x: number) => `${trimNumber(x * 1e6)} µs`;
  const ms = (x: number) => `${trimNumber(x * 1e3)} ms`;
  return `GEMM kernels ${trimNumber(100 * rt.gemmEfficiency)}% · prefill +${ms(rt.prefillOverheadSeconds)} · step +${ms(rt.stepOverheadSeconds)} · +${us(rt.sequenceOverheadSeconds)}/sequence · launch ${us(rt.launchOverheadSeconds)} · collective ${us(rt.collectiveOverheadSeconds)} · ${rt.groupedAttention ? 'GQA-aware' : 'per-query-head'} KV reads`;
}

export function summaryTable(analysis: Analysis): string {
  const lines: string[] = [];
  const r = analysis.result;
  const b = analysis.baseline;
  lines.push(`${analysis.name}  (${relative(process.cwd(), analysis.file)})`);
  // The design line only with a result: without one, values may be stand-in defaults.
  if (analysis.design && r) {
    const { workload: w, system: s } = analysis.design;
    lines.push(`  batch ${w.batch} · prompt ${w.promptTokens} · output ${w.outputTokens} · ${s.chips} chip${s.chips > 1 ? 's' : ''} (TP${s.tensorParallel}${s.pipelineParallel > 1 ? ` PP${s.pipelineParallel}` : ''}) · ${w.precision.weights} weights, ${w.precision.activations} activations`);
    lines.push(`  runtime: ${runtimeLine(analysis.design.runtime)}`);
  }
  if (r) {
    const width = Math.max(...ROWS.map((row) => row.value(r).length), 12);
    lines.push('');
    lines.push(`  ${''.padEnd(24)}${'this design'.padEnd(width + 2)}${b ? `${b.name.padEnd(width + 2)}ratio` : ''}`);
    for (const row of ROWS) {
      const ratio = b && row.ratio ? row.ratio(r, b.result) : '';
      lines.push(`  ${row.label.padEnd(24)}${row.value(r).padEnd(width + 2)}${b ? `${row.value(b.result).padEnd(width + 2)}${ratio}` : ''}`.trimEnd());
    }
    if (r.serving) lines.push(...section('Serving (one instance)', SERVING_ROWS, r.serving, b?.result.serving, b?.name));
    const disaggregated = r.serving?.disaggregated;
    if (r.serving && disaggregated) {
      const d = disaggregated;
      const agg = r.serving;
      lines.push('', `  Disaggregated            ${d.prefill.replicas} × ${d.prefill.design} prefill + ${d.decode.replicas} × ${d.decode.design} decode, ${d.chips} chips; KV transfer ${trimNumber(d.kvTransferMs)} ms per request`);
      lines.push(`  TTFT                    ${spread(d.ttftMs)}   aggregated: ${spread(agg.ttftMs)}`);
      lines.push(`  TPOT                    ${spread(d.tpotMs)}   aggregated: ${spread(agg.tpotMs)}`);
      lines.push(`  Served                  ${trimNumber(d.requestsPerSecond)} req/s on ${d.chips} chips   aggregated: ${trimNumber(agg.requestsPerSecond)} req/s on ${analysis.design!.system.chips} chips`);
    }
    if (r.fleet) lines.push(...section('Fleet', FLEET_ROWS, r.fleet, b?.result.fleet, b ? `all ${b.name}` : undefined));
  } else {
    lines.push('', '  Not evaluated: fix the errors below.');
  }
  if (analysis.diagnostics.length) {
    lines.push('');
    for (const d of analysis.diagnostics) {
      const text = d.at ? analysis.texts.get(d.at.file) : undefined;
      const pos = d.at && text !== undefined ? lineColumn(text, d.at.range.start) : undefined;
      const where = d.at ? `${relative(process.cwd(), d.at.file)}${pos ? `:${pos.line}:${pos.column}` : ''}` : d.path || '-';
      lines.push(`  ${d.severity.padEnd(7)} ${where}  ${d.message} [${d.code}]`);
    }
  }
  return lines.join('\n');
}
