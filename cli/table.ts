// The readable summary the CLI prints without --json.

import { lineColumn, type Analysis } from '../model/analysis';
import type { BaselineComparison, EvaluationResult } from '../model/result';
import { groupThousands } from '../model/silicon/format';
import { formatSI, trimNumber } from '../model/units';
import { relative } from 'node:path';

interface Row { label: string; value: (r: EvaluationResult) => string; ratio?: (r: EvaluationResult, b: EvaluationResult, ratios: BaselineComparison['ratios']) => string }

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
  { label: 'Cost per response', value: (r) => `$${r.cost.usdPerResponse.toPrecision(3)}${r.cost.capitalKnown ? '' : ' (electricity only)'}`,
    // The engine's ratio: both sides priced alike, 0 when one side has no price.
    ratio: (_r, _b, ratios) => (ratios.costPerResponse > 0 ? times(ratios.costPerResponse, 'cheaper', 'dearer') : 'not comparable') },
  { label: 'Cost per 1M tokens', value: (r) => `$${r.cost.usdPerMillionOutputTokens.toPrecision(3)}` },
  { label: 'Chip price', value: (r) => (r.silicon ? `$${groupThousands(r.silicon.chipPriceUsd)} (${r.silicon.priceSource})` : 'unknown') },
  { label: 'Die area', value: (r) => (r.silicon?.dieAreaMm2 != null ? `${Math.round(r.silicon.dieAreaMm2)} mm² (${r.silicon.process}${r.silicon.chiplets > 1 ? `, ${r.silicon.chiplets} chiplets` : ''})` : '—') },
  { label: 'Memory per chip', value: (r) => `${formatSI(r.memory.perChip.weightsBytes, 'B')} weights + ${formatSI(r.memory.perChip.kvCacheBytes, 'B')} KV of ${formatSI(r.memory.perChip.capacityBytes, 'B')}${r.memory.fits ? '' : '  DOES NOT FIT'}` },
];

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
      const ratio = b && row.ratio ? row.ratio(r, b.result, b.ratios) : '';
      lines.push(`  ${row.label.padEnd(24)}${row.value(r).padEnd(width + 2)}${b ? `${row.value(b.result).padEnd(width + 2)}${ratio}` : ''}`.trimEnd());
    }
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
